"""Bad input gets a clear error in the envelope, in the user's language, and writes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from helpers import THURSDAY, next_spring_forward, today

from booking.core.db import db
from booking.reservations.models import Booking, Occurrence


def _no_rows(app) -> bool:
    with app.app_context():
        return db.session.query(Booking).count() == 0 and db.session.query(Occurrence).count() == 0


def _body(world, **changes):
    body = {"room_id": world.half_a, "date": world.bookable_day(THURSDAY).isoformat(), "start": "18:00",
            "end": "20:00", "purpose": "Trening"}
    body.update(changes)
    return {k: v for k, v in body.items() if v is not None}


@pytest.mark.parametrize(("changes", "status", "code"), [
    ({"end": "17:00"}, 422, "end_before_start"),
    ({"end": "18:00"}, 422, "end_before_start"),
    ({"start": "25:00"}, 422, "invalid"),
    ({"date": "2026-02-30"}, 422, "invalid"),
    ({"room_id": "gymsal"}, 422, "invalid"),
    ({"room_id": 999_999}, 404, "room_not_found"),
    ({"attendees": 0}, 422, "invalid"),
    ({"attendees": 1_000_000}, 422, "invalid"),
    ({"attendees": 500}, 422, "over_capacity"),
    ({"purpose": None}, 422, "invalid"),
    ({"on_conflict": "maybe"}, 422, "invalid"),
    ({"unknown_field": 1}, 422, "invalid"),
    ({"organisation_id": 999_999}, 404, "organisation_not_found"),
])
def test_bad_booking_requests(client, world, db_app, changes, status, code):
    response = client.post("/api/v1/bookings", json=_body(world, **changes), headers=world.headers())
    assert response.status_code == status, response.json
    error = response.json["error"]
    assert error["code"] == code
    assert error["message"]
    assert _no_rows(db_app)


def test_dates_in_the_past_and_too_far_ahead(client, world, db_app):
    past = client.post("/api/v1/bookings", headers=world.headers(),
                       json=_body(world, date=(today() - timedelta(days=7)).isoformat()))
    assert past.json["error"]["code"] == "in_the_past"
    far = client.post("/api/v1/bookings", headers=world.headers(),
                      json=_body(world, date=(today() + timedelta(days=900)).isoformat()))
    assert far.json["error"]["code"] == "too_far_ahead"
    long_series = client.post("/api/v1/bookings", headers=world.headers(), json=_body(
        world, repeat_weekly_until=(world.bookable_day(THURSDAY) + timedelta(days=420)).isoformat()))
    assert long_series.json["error"]["code"] == "series_too_long"
    backwards = client.post("/api/v1/bookings", headers=world.headers(), json=_body(
        world, repeat_weekly_until=(world.bookable_day(THURSDAY) - timedelta(days=7)).isoformat()))
    assert backwards.json["error"]["code"] == "series_ends_before_start"
    assert _no_rows(db_app)


def test_impossible_local_time_on_the_spring_forward_night(client, world, db_app):
    night = next_spring_forward()
    response = client.post("/api/v1/quotes", headers=world.headers("other", lang="nb"), json={
        "room_id": world.half_a, "date": night.isoformat(), "start": "02:30", "end": "04:00"})
    assert response.status_code == 422
    assert response.json["error"]["code"] == "nonexistent_local_time"
    assert "02:30" in response.json["error"]["message"]
    assert _no_rows(db_app)


def test_malformed_json(client, world, db_app):
    response = client.post("/api/v1/bookings", data="{not json",
                           headers={**world.headers(), "Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json["error"]["code"] == "malformed_request"
    assert _no_rows(db_app)


@pytest.mark.parametrize(("lang", "expected"), [
    ("nb", "Dette feltet må fylles ut."),
    ("nn", "Dette feltet må fyllast ut."),
    ("en", "This field is required."),
    ("nb-NO,nb;q=0.9,en;q=0.5", "Dette feltet må fylles ut."),
    ("de", "Dette feltet må fylles ut."),  # bokmål is the default
])
def test_errors_follow_accept_language(client, world, lang, expected):
    response = client.post("/api/v1/bookings", json=_body(world, purpose=None),
                           headers=world.headers(lang=lang))
    assert response.json["error"]["details"]["purpose"] == [expected]


def test_rule_errors_are_translated(client, world):
    response = client.post("/api/v1/bookings", json=_body(world, end="17:00"),
                           headers=world.headers(lang="nb"))
    assert response.json["error"]["message"] == "Sluttidspunktet må være etter starttidspunktet."


@pytest.mark.parametrize("query", [
    "date=2026-12-03&start=18:00",  # no end
    "date=tomorrow&start=18:00&end=20:00",
    "date={day}&start=18:00&end=20:00&capacity=-5",
    "date={day}&start=18:00&end=20:00&capacity=99999999",
    "date={day}&start=18:00&end=20:00&facility=jacuzzi",
    "date={day}&start=18:00&end=20:00&room_type=swimming_pool",
])
def test_bad_availability_queries(client, world, query):
    response = client.get("/api/v1/availability?" + query.format(day=world.bookable_day(THURSDAY)))
    assert response.status_code == 422
    assert response.json["error"]["code"] == "invalid"
