"""The booking engine through the REST API, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime, timedelta

from fixtures.stripe import pay
from helpers import FRIDAY, THURSDAY, TUESDAY, next_weekday_holiday

from booking.accounts.models import Role
from booking.core.db import db
from booking.reservations.models import Booking, Occupancy


def book(client, headers, room_id, day, start="18:00", end="20:00", **extra):
    body = {"room_id": room_id, "date": day.isoformat(), "start": start, "end": end,
            "purpose": extra.pop("purpose", "Trening"), **extra}
    return client.post("/api/v1/bookings", json=body, headers=headers)


def count_rows(app, model) -> int:
    with app.app_context():
        return db.session.query(model).count()


def test_book_a_half_hall_and_find_it_in_my_list(client, world):
    headers = world.headers()
    day = world.bookable_day(THURSDAY)
    response = book(client, headers, world.half_a, day)
    assert response.status_code == 201, response.json
    booking = response.json
    assert booking["status"] == "pending_payment"  # paid by card: held until then
    assert booking["payment_url"].endswith(f"/mine-bookinger/{booking['id']}/betal")
    assert booking["customer_category"] == "private"
    assert booking["total_ore"] == 2 * 17_900
    [occurrence] = booking["occurrences"]
    assert occurrence["starts_at"].startswith(f"{day.isoformat()}T18:00:00+0")
    mine = client.get("/api/v1/bookings", headers=headers).json
    assert [b["id"] for b in mine] == [booking["id"]]


def test_whole_hall_conflicts_with_a_half_but_the_halves_do_not(client, world, db_app):
    headers = world.headers()
    day = world.bookable_day(THURSDAY)
    first = book(client, headers, world.half_a, day)
    assert first.status_code == 201
    assert book(client, headers, world.half_b, day).status_code == 201
    whole = book(client, headers, world.whole_hall, day, "19:00", "21:00")
    assert whole.status_code == 409
    error = whole.json["error"]
    assert error["code"] == "slot_taken"
    assert first.json["id"] in error["details"]["dates"][0]["conflicting_booking_ids"]
    assert count_rows(db_app, Booking) == 2


def test_intervals_are_half_open(client, world):
    headers = world.headers()
    day = world.bookable_day(THURSDAY)
    assert book(client, headers, world.whole_hall, day, "18:00", "20:00").status_code == 201
    assert book(client, headers, world.half_a, day, "20:00", "21:00").status_code == 201
    assert book(client, headers, world.half_b, day, "17:00", "18:00").status_code == 201
    assert book(client, headers, world.half_b, day, "17:30", "18:30").status_code == 409


def test_weekly_series_keeps_local_time_across_clock_changes(client, world):
    first = world.bookable_day(TUESDAY)
    response = book(client, world.headers(), world.half_a, first,
                    repeat_weekly_until=(first + timedelta(weeks=40)).isoformat(),
                    on_conflict="skip")
    assert response.status_code == 201, response.json
    starts = [datetime.fromisoformat(o["starts_at"]) for o in response.json["occurrences"]]
    assert {(s.hour, s.minute) for s in starts} == {(18, 0)}
    assert {s.utcoffset() for s in starts} == {timedelta(hours=1), timedelta(hours=2)}


def _close(client, world, day, reason="Eksamen"):
    response = client.post("/api/v1/closures", headers=world.headers(Role.CASE_OFFICER), json={
        "first_day": day.isoformat(), "last_day": day.isoformat(), "reason": reason,
        "kind": "exam", "building_id": world.jar_id})
    assert response.status_code == 201, response.json


def test_series_over_a_closure_is_refused_or_skipped_as_chosen(client, world, db_app):
    first = world.bookable_day(THURSDAY, weeks=5)
    closed_day = first + timedelta(weeks=2)
    _close(client, world, closed_day)
    until = (first + timedelta(weeks=4)).isoformat()
    headers = world.headers()

    refused = book(client, headers, world.half_a, first, repeat_weekly_until=until)
    assert refused.status_code == 422
    assert refused.json["error"]["code"] == "closed"
    assert refused.json["error"]["details"]["dates"][0]["date"] == closed_day.isoformat()
    assert count_rows(db_app, Booking) == 0
    assert count_rows(db_app, Occupancy) == 0

    skipped = book(client, headers, world.half_a, first, repeat_weekly_until=until,
                   on_conflict="skip")
    assert skipped.status_code == 201
    assert len(skipped.json["occurrences"]) == 4
    assert skipped.json["skipped"] == [
        {"date": closed_day.isoformat(), "reason_code": "closed", "reason": "Eksamen"}]


def test_series_over_another_booking_skips_that_date_with_the_reason(client, world):
    first = world.bookable_day(THURSDAY, weeks=3)
    taken_day = first + timedelta(weeks=1)
    other = world.headers(Role.CASE_OFFICER)
    assert book(client, other, world.half_a, taken_day, "19:00", "19:30").status_code == 201
    until = (first + timedelta(weeks=2)).isoformat()
    refused = book(client, world.headers(), world.whole_hall, first, repeat_weekly_until=until)
    assert refused.status_code == 409
    skipped = book(client, world.headers(), world.whole_hall, first, repeat_weekly_until=until,
                   on_conflict="skip")
    assert skipped.status_code == 201
    assert [s["reason_code"] for s in skipped.json["skipped"]] == ["taken"]
    assert len(skipped.json["occurrences"]) == 2


def test_public_holiday_is_refused(client, world):
    day, _name = next_weekday_holiday()
    response = book(client, world.headers(), world.half_a, day)
    assert response.status_code == 422
    assert response.json["error"]["code"] == "public_holiday"


def test_outside_regular_hours_becomes_a_request_with_supervisor(client, world):
    response = book(client, world.headers(), world.half_a, world.bookable_day(FRIDAY), "18:00", "20:00")
    assert response.status_code == 201
    booking = response.json
    assert booking["status"] == "pending_approval"
    assert booking["needs_supervisor"] is True
    assert booking["approval_reasons"] == ["outside_regular_hours"]
    assert booking["total_ore"] == 2 * 17_900 + 2 * 45_000  # rent + supervisor


def test_outside_every_window_is_refused(client, world, db_app):
    response = book(client, world.headers(), world.half_a, world.bookable_day(THURSDAY), "15:00", "17:30")
    assert response.status_code == 422
    assert response.json["error"]["code"] == "outside_rental_hours"
    assert count_rows(db_app, Booking) == 0


def test_non_local_organisation_and_large_events_need_approval(client, world):
    day = world.bookable_day(THURSDAY)
    visitors = book(client, world.headers("other"), world.half_a, day,
                    organisation_id=world.visitors_id)
    assert visitors.status_code == 201
    assert visitors.json["status"] == "pending_approval"
    assert visitors.json["approval_reasons"] == ["non_local_organisation"]
    assert visitors.json["customer_category"] == "commercial"
    aula = world.rooms["Jar skole/Aula"]
    large = book(client, world.headers(), aula, day, attendees=180)
    assert large.json["approval_reasons"] == ["large_event"]


def test_local_youth_club_books_for_free(client, world):
    response = book(client, world.headers(), world.half_a, world.bookable_day(THURSDAY),
                    organisation_id=world.club_id)
    assert response.status_code == 201
    assert response.json["customer_category"] == "children_youth_nonprofit"
    assert response.json["total_ore"] == 0


def test_only_members_book_for_an_organisation(client, world, db_app):
    response = book(client, world.headers("other"), world.half_a, world.bookable_day(THURSDAY),
                    organisation_id=world.club_id)
    assert response.status_code == 403
    assert count_rows(db_app, Booking) == 0


def test_idempotency_key_returns_the_same_booking(client, world, db_app):
    headers = {**world.headers(), "Idempotency-Key": "abc-123"}
    day = world.bookable_day(THURSDAY)
    first = book(client, headers, world.half_a, day)
    again = book(client, headers, world.half_a, day)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json["id"] == again.json["id"]
    assert count_rows(db_app, Booking) == 1
    different = book(client, headers, world.half_b, day)
    assert different.status_code == 422
    assert different.json["error"]["code"] == "idempotency_key_reused"
    assert count_rows(db_app, Booking) == 1


def test_cancel_frees_the_slot_and_refunds_by_policy(client, world, db_app, local_stripe):
    headers = world.headers()
    day = world.bookable_day(THURSDAY, weeks_ahead=3)  # more than 7 days ahead: full refund
    booking = book(client, headers, world.half_a, day).json
    pay(client, db_app, local_stripe, booking["id"], "resident@example.com")
    cancelled = client.post(f"/api/v1/bookings/{booking['id']}/cancel", headers=headers)
    assert cancelled.status_code == 200
    assert cancelled.json["refund_ore"] == booking["total_ore"] == 35_800
    assert cancelled.json["booking"]["status"] == "cancelled"
    assert book(client, world.headers("other"), world.whole_hall, day).status_code == 201
    again = client.post(f"/api/v1/bookings/{booking['id']}/cancel", headers=headers)
    assert again.status_code == 409


def test_cancel_one_date_of_a_series(client, world):
    headers = world.headers()
    first = world.bookable_day(THURSDAY, weeks=3)
    series = book(client, headers, world.half_a, first,
                  repeat_weekly_until=(first + timedelta(weeks=2)).isoformat()).json
    second = series["occurrences"][1]
    response = client.post(
        f"/api/v1/bookings/{series['id']}/occurrences/{second['id']}/cancel", headers=headers)
    assert response.status_code == 200
    # Not paid yet: nothing comes back, and the two dates left are what is to pay.
    assert response.json["booking"]["status"] == "pending_payment"
    assert response.json["refund_ore"] == 0
    assert response.json["booking"]["amount_due_ore"] == 2 * 35_800
    statuses = [o["status"] for o in response.json["booking"]["occurrences"]]
    assert statuses == ["scheduled", "cancelled", "scheduled"]
    assert book(client, world.headers("other"), world.whole_hall,
                first + timedelta(weeks=1)).status_code == 201
    assert book(client, world.headers("other"), world.whole_hall, first).status_code == 409


def test_case_officer_approves_or_rejects_requests(client, world):
    resident = world.headers()
    officer = world.headers(Role.CASE_OFFICER)
    friday = world.bookable_day(FRIDAY, weeks=2)
    request = book(client, resident, world.half_a, friday).json
    assert client.post(f"/api/v1/bookings/{request['id']}/approve", json={},
                       headers=resident).status_code == 403
    approved = client.post(f"/api/v1/bookings/{request['id']}/approve",
                           json={"note": "Tilsynsvakt avtalt"}, headers=officer)
    assert approved.status_code == 200
    assert approved.json["status"] == "pending_payment"  # approved; the requester pays by card

    other_day = friday + timedelta(weeks=1)
    second = book(client, resident, world.half_a, other_day).json
    unexplained = client.post(f"/api/v1/bookings/{second['id']}/reject", json={}, headers=officer)
    assert unexplained.status_code == 422  # the requester is told why, so a reason is needed
    assert unexplained.json["error"]["code"] == "reason_required"
    rejected = client.post(f"/api/v1/bookings/{second['id']}/reject",
                           json={"note": "Hallen brukes til cup"}, headers=officer)
    assert rejected.json["status"] == "rejected"
    assert book(client, world.headers("other"), world.whole_hall, other_day).status_code == 201


def test_nobody_decides_their_own_request(client, world):
    officer = world.headers(Role.CASE_OFFICER)
    own = book(client, officer, world.half_a, world.bookable_day(FRIDAY, weeks=2)).json
    refused = client.post(f"/api/v1/bookings/{own['id']}/approve", json={}, headers=officer)
    assert refused.status_code == 403
    assert refused.json["error"]["code"] == "own_request"
    assert client.get(f"/api/v1/bookings/{own['id']}", headers=officer).json["status"] \
        == "pending_approval"


def test_others_can_neither_see_nor_cancel_my_booking(client, world):
    booking = book(client, world.headers(), world.half_a, world.bookable_day(THURSDAY)).json
    other = world.headers("other")
    assert client.get(f"/api/v1/bookings/{booking['id']}", headers=other).status_code == 404
    assert client.post(f"/api/v1/bookings/{booking['id']}/cancel", headers=other).status_code == 404
    caretaker = world.headers(Role.CARETAKER)
    assert client.get(f"/api/v1/bookings/{booking['id']}", headers=caretaker).status_code == 404
    officer = world.headers(Role.CASE_OFFICER)
    assert client.get(f"/api/v1/bookings/{booking['id']}", headers=officer).status_code == 200
    everyone = client.get("/api/v1/bookings?scope=all", headers=officer).json
    assert [b["id"] for b in everyone] == [booking["id"]]
    assert client.get("/api/v1/bookings?scope=all", headers=other).status_code == 403


def test_booking_needs_a_valid_token(client, world):
    day = world.bookable_day(THURSDAY)
    assert book(client, {}, world.half_a, day).status_code == 401
    bad = book(client, {"Authorization": "Bearer not-a-token"}, world.half_a, day)
    assert bad.status_code == 401
    assert bad.json["error"]["code"] == "invalid_token"
