"""Case officers edit the price lists in the API (both backends): a new rate prices the
next quote at once while a booking already made keeps its price; a new list from a day
copies the one in force and replaces it from then; the cancellation policy is checked as
a whole; every change is in the audit log, every refusal explains itself and changes
nothing; residents and caretakers are refused."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from sqlalchemy import select

from booking.accounts.models import Role
from booking.core.audit import AuditEntry
from booking.core.db import db
from booking.pricing.models import PriceList, PriceRate
from booking.reservations.models import Booking

THURSDAY = 3
KITCHEN_PRIVATE = "skolekjokken/private"


def the_list_id(app) -> int:
    with app.app_context():
        return db.session.scalars(select(PriceList.id)).one()


def actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def quote(client, world, day) -> int:
    response = client.post("/api/v1/quotes", json={
        "room_id": world.kitchen, "date": day.isoformat(), "start": "18:00", "end": "20:00"})
    assert response.status_code == 200, response.json
    return response.json["total_ore"]


def test_a_new_rate_prices_new_bookings_and_old_ones_keep_theirs(client, world, db_app):
    day = world.bookable_day(THURSDAY, weeks=2, room_id=world.kitchen, start=time(18),
                             end=time(20))
    officer = world.headers(Role.CASE_OFFICER)
    assert quote(client, world, day) == 2 * 20_000 + 40_000
    booked = client.post("/api/v1/bookings", headers=world.headers(), json={
        "room_id": world.kitchen, "date": day.isoformat(), "start": "18:00", "end": "20:00",
        "purpose": "Matkurs", "attendees": 12})
    assert booked.status_code == 201, booked.json
    list_id = the_list_id(db_app)
    changed = client.put(f"/api/v1/price-lists/{list_id}/rates/{KITCHEN_PRIVATE}",
                         headers=officer, json={"hourly_ore": 25_000, "cleaning_fee_ore": 0})
    assert changed.status_code == 200, changed.json
    assert changed.json["hourly_ore"] == 25_000
    assert quote(client, world, day + timedelta(weeks=1)) == 2 * 25_000
    with db_app.app_context():
        assert db.session.get(Booking, booked.json["id"]).total_ore == 2 * 20_000 + 40_000
        [entry] = db.session.scalars(select(AuditEntry)).all()
        assert entry.action == "price_rate.updated"
        assert entry.changes == {"cleaning_fee_ore": [40_000, 0], "hourly_ore": [20_000, 25_000]}
    listed = client.get("/api/v1/price-lists", headers=officer).json
    [rate] = [r for r in listed[0]["rates"]
              if (r["room_type"], r["category"]) == ("skolekjokken", "private")]
    assert rate["hourly_ore"] == 25_000


def test_a_new_list_from_a_day_copies_the_one_in_force_and_replaces_it_then(
        client, world, db_app):
    officer = world.headers(Role.ADMIN)
    first = world.bookable_day(THURSDAY, weeks=3, room_id=world.kitchen, start=time(18),
                               end=time(20))
    from_day = first + timedelta(days=1)
    created = client.post("/api/v1/price-lists", headers=officer, json={
        "name": "Prisliste neste år", "valid_from": from_day.isoformat()})
    assert created.status_code == 201, created.json
    new = created.json
    assert (new["full_refund_hours"], new["partial_refund_percent"]) == (168, 50)
    assert len(new["rates"]) == 24
    assert client.put(f"/api/v1/price-lists/{new['id']}/rates/{KITCHEN_PRIVATE}",
                      headers=officer, json={"hourly_ore": 30_000}).status_code == 200
    assert quote(client, world, first) == 2 * 20_000 + 40_000
    assert quote(client, world, first + timedelta(weeks=1)) == 2 * 30_000
    same_day = client.post("/api/v1/price-lists", headers=officer, json={
        "name": "Dobbel", "valid_from": from_day.isoformat()})
    assert same_day.status_code == 422
    assert same_day.json["error"]["code"] == "price_change_refused"
    assert "Prisliste neste år" in same_day.json["error"]["message"]
    assert actions(db_app) == ["price_list.created", "price_rate.updated"]


def test_the_cancellation_policy_is_changed_and_used_for_the_next_cancellation(
        client, world, db_app):
    officer = world.headers(Role.CASE_OFFICER)
    list_id = the_list_id(db_app)
    changed = client.patch(f"/api/v1/price-lists/{list_id}", headers=officer, json={
        "full_refund_hours": 72, "partial_refund_hours": 24, "partial_refund_percent": 25})
    assert changed.status_code == 200, changed.json
    prices = client.get("/api/v1/prices").json["price_list"]
    assert (prices["full_refund_hours"], prices["partial_refund_hours"],
            prices["partial_refund_percent"]) == (72, 24, 25)
    with db_app.app_context():
        [entry] = db.session.scalars(select(AuditEntry)).all()
        assert entry.changes["full_refund_hours"] == [168, 72]


@pytest.mark.parametrize("body, field", [
    ({"partial_refund_hours": 200}, "partial_refund_hours"),  # longer than the full 168
    ({"partial_refund_percent": 101}, "partial_refund_percent"),
    ({"full_refund_hours": -1}, "full_refund_hours"),
    ({"vat_percent": 250}, "vat_percent"),
    ({"supervisor_hourly_ore": -100}, "supervisor_hourly_ore"),
    ({"name": "  "}, "name"),
    ({"valid_to": "1999-12-31"}, "valid_to"),  # before the list starts
])
def test_a_refused_list_change_explains_itself_and_changes_nothing(
        client, world, db_app, body, field):
    list_id = the_list_id(db_app)
    response = client.patch(f"/api/v1/price-lists/{list_id}",
                            headers=world.headers(Role.CASE_OFFICER), json=body)
    assert response.status_code == 422, response.json
    assert response.json["error"]["code"] == "price_change_refused"
    assert field in response.json["error"]["details"]
    with db_app.app_context():
        price_list = db.session.get(PriceList, list_id)
        assert (price_list.name, price_list.full_refund_hours, price_list.partial_refund_hours,
                price_list.partial_refund_percent, price_list.vat_percent,
                price_list.valid_to) == ("Prisliste", 168, 48, 50, 0, None)
    assert actions(db_app) == []


@pytest.mark.parametrize("path, body", [
    ("gymsal/private", {"hourly_ore": -1}),
    ("gymsal/private", {"hourly_ore": 10_000_001}),
    ("sauna/private", {"hourly_ore": 100}),
    ("gymsal/royalty", {"hourly_ore": 100}),
])
def test_a_refused_rate_changes_nothing(client, world, db_app, path, body):
    list_id = the_list_id(db_app)
    response = client.put(f"/api/v1/price-lists/{list_id}/rates/{path}",
                          headers=world.headers(Role.CASE_OFFICER), json=body)
    assert response.status_code == 422, response.json
    with db_app.app_context():
        assert db.session.scalar(select(PriceRate.hourly_ore).where(
            PriceRate.room_type == "gymsal", PriceRate.category == "private")) == 17_900
    assert actions(db_app) == []


def test_a_removed_rate_refuses_that_booking_until_it_is_back(client, world, db_app):
    officer = world.headers(Role.CASE_OFFICER)
    list_id = the_list_id(db_app)
    url = f"/api/v1/price-lists/{list_id}/rates/{KITCHEN_PRIVATE}"
    assert client.delete(url, headers=officer).status_code == 204
    day = world.bookable_day(THURSDAY, weeks=1, room_id=world.kitchen, start=time(18),
                             end=time(20))
    refused = client.post("/api/v1/quotes", json={
        "room_id": world.kitchen, "date": day.isoformat(), "start": "18:00", "end": "20:00"})
    assert refused.status_code == 422
    assert client.delete(url, headers=officer).status_code == 404
    assert client.put(url, headers=officer, json={"hourly_ore": 20_000,
                                                  "cleaning_fee_ore": 40_000}).status_code == 200
    assert quote(client, world, day) == 2 * 20_000 + 40_000
    assert actions(db_app) == ["price_rate.removed", "price_rate.updated"]


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.CARETAKER])
def test_only_case_officers_and_admins_edit_prices(client, world, db_app, role):
    list_id = the_list_id(db_app)
    headers = world.headers(role)
    assert client.get("/api/v1/price-lists", headers=headers).status_code == 403
    assert client.patch(f"/api/v1/price-lists/{list_id}", headers=headers,
                        json={"vat_percent": 25}).status_code == 403
    assert client.put(f"/api/v1/price-lists/{list_id}/rates/{KITCHEN_PRIVATE}",
                      headers=headers, json={"hourly_ore": 1}).status_code == 403
    assert client.post("/api/v1/price-lists", headers=headers, json={
        "name": "X", "valid_from": date(2030, 1, 1).isoformat()}).status_code == 403
    assert client.get("/api/v1/price-lists").status_code == 401
    assert actions(db_app) == []
