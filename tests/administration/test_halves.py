"""Splitting a hall into halves and joining them (API and page, both backends): after a
split the halves are booked apart and the whole blocks both; a hall or half with a booking
to come is refused with how many and when, and nothing changes; a half cannot be split;
joined halves can no longer be booked; every change is in the audit log."""

from __future__ import annotations

from datetime import time

import pytest
from fixtures.browser import DESKTOP, PHONE, axe_violations, log_in, sideways_overflow
from helpers import csrf_token, log_in_client
from playwright.sync_api import expect
from sqlalchemy import select

from booking.accounts.models import Role
from booking.core.audit import AuditEntry
from booking.core.db import db
from booking.facilities.models import Room

THURSDAY = 3


def book(client, world, room_id, day, start="18:00", end="20:00"):
    return client.post("/api/v1/bookings", headers=world.headers(), json={
        "room_id": room_id, "date": day.isoformat(), "start": start, "end": end,
        "purpose": "Trening", "attendees": 10})


def rooms_of(app, building_id) -> dict[str, tuple[int, bool, int]]:
    """Each room's units (how many), whether it can be booked, and its capacity."""
    with app.app_context():
        return {room.name: (len(room.units), room.is_active, room.capacity)
                for room in db.session.scalars(select(Room).where(
                    Room.building_id == building_id))}


def audit_actions(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_a_split_hall_is_booked_by_halves_and_the_whole_blocks_both(client, world, db_app):
    officer = world.headers(Role.CASE_OFFICER)
    split = client.post(f"/api/v1/rooms/{world.levre_hall}/split", headers=officer)
    assert split.status_code == 201, split.json
    first, second = split.json
    assert (first["name"], second["name"]) == ("Gymsal del A", "Gymsal del B")
    rooms = rooms_of(db_app, world.levre_id)
    assert rooms["Gymsal"][0] == 2
    assert rooms["Gymsal del A"] == rooms["Gymsal del B"] == (1, True, 40)
    day = world.bookable_day(THURSDAY, room_id=first["id"], start=time(18), end=time(20))
    assert book(client, world, first["id"], day).status_code == 201
    assert book(client, world, second["id"], day).status_code == 201
    assert book(client, world, world.levre_hall, day).status_code == 409
    assert audit_actions(db_app) == ["room.split"]
    # The halves have their own windows, copied from the hall.
    found = client.get(f"/api/v1/rooms/{second['id']}").json
    assert found["windows"] and found["room_type"] == "gymsal"


def test_a_hall_with_a_booking_to_come_is_not_split(client, world, db_app):
    day = world.bookable_day(THURSDAY, room_id=world.levre_hall, start=time(18), end=time(20))
    assert book(client, world, world.levre_hall, day).status_code == 201
    before = rooms_of(db_app, world.levre_id)
    refused = client.post(f"/api/v1/rooms/{world.levre_hall}/split",
                          headers=world.headers(Role.CASE_OFFICER))
    assert refused.status_code == 409, refused.json
    error = refused.json["error"]
    assert error["code"] == "room_has_bookings" and error["details"]["bookings_to_come"] == 1
    assert str(day.year) in error["message"]
    assert rooms_of(db_app, world.levre_id) == before
    assert audit_actions(db_app) == []


def test_a_half_or_a_divided_hall_is_not_split_again(client, world, db_app):
    officer = world.headers(Role.ADMIN)
    for room_id in (world.half_a, world.whole_hall):
        refused = client.post(f"/api/v1/rooms/{room_id}/split", headers=officer)
        assert refused.status_code == 422
        assert refused.json["error"]["code"] == "room_not_splittable"
    assert client.post("/api/v1/rooms/999999/split", headers=officer).status_code == 404
    assert audit_actions(db_app) == []


def test_joined_halves_can_no_longer_be_booked_and_bookings_to_come_refuse_it(
        client, world, db_app):
    officer = world.headers(Role.CASE_OFFICER)
    day = world.bookable_day(THURSDAY, start=time(18), end=time(20))
    booked = book(client, world, world.half_b, day)
    assert booked.status_code == 201
    refused = client.post(f"/api/v1/rooms/{world.whole_hall}/join", headers=officer)
    assert refused.status_code == 409 and refused.json["error"]["code"] == "room_has_bookings"
    assert rooms_of(db_app, world.jar_id)["Gymsal del B"] == (1, True, 60)
    cancelled = client.post(f"/api/v1/bookings/{booked.json['id']}/cancel",
                            headers=world.headers(), json={})
    assert cancelled.status_code == 200, cancelled.json
    joined = client.post(f"/api/v1/rooms/{world.whole_hall}/join", headers=officer)
    assert joined.status_code == 200, joined.json
    rooms = rooms_of(db_app, world.jar_id)
    assert rooms["Gymsal (hel)"][0] == 1
    assert not rooms["Gymsal del A"][1] and not rooms["Gymsal del B"][1]
    assert book(client, world, world.half_a, day).status_code in (404, 409, 422)
    assert book(client, world, world.whole_hall, day).status_code == 201
    not_divided = client.post(f"/api/v1/rooms/{world.whole_hall}/join", headers=officer)
    assert not_divided.status_code == 422
    assert audit_actions(db_app)[-1] == "room.joined"


def test_residents_and_caretakers_are_refused(client, world, db_app):
    for role in (Role.RESIDENT, Role.CARETAKER):
        assert client.post(f"/api/v1/rooms/{world.levre_hall}/split",
                           headers=world.headers(role)).status_code == 403
        assert client.post(f"/api/v1/rooms/{world.whole_hall}/join",
                           headers=world.headers(role)).status_code == 403
    assert client.post(f"/api/v1/rooms/{world.levre_hall}/split").status_code == 401
    assert audit_actions(db_app) == []


def test_the_room_page_splits_and_explains_a_refusal(client, world, db_app):
    log_in_client(client, world.emails[Role.CASE_OFFICER])
    day = world.bookable_day(THURSDAY, room_id=world.levre_hall, start=time(18), end=time(20))
    booked = book(client, world, world.levre_hall, day)
    refused = client.post(f"/saksbehandling/rom/{world.levre_hall}/del",
                          data={"csrf_token": csrf_token(client)})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and 'id="error-summary"' in html and 'href="#halves"' in html
    assert len(rooms_of(db_app, world.levre_id)) == 6
    client.post(f"/api/v1/bookings/{booked.json['id']}/cancel", headers=world.headers(), json={})
    split = client.post(f"/saksbehandling/rom/{world.levre_hall}/del",
                        data={"csrf_token": csrf_token(client)})
    assert split.status_code == 303
    page = client.get(f"/saksbehandling/rom/{world.levre_hall}").get_data(as_text=True)
    assert "Gymsal del A" in page and "/sla-sammen" in page
    half = client.get(f"/saksbehandling/rom/{world.half_a}").get_data(as_text=True)
    assert "/del\"" not in half and "/sla-sammen" not in half


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_refused_split_in_a_browser_by_keyboard_under_axe(browser, live_server, client,
                                                              world, db_app, viewport):
    day = world.bookable_day(THURSDAY, room_id=world.levre_hall, start=time(18), end=time(20))
    assert book(client, world, world.levre_hall, day).status_code == 201
    context = browser.new_context(locale="nb-NO", viewport=viewport, bypass_csp=True)
    page = context.new_page()
    try:
        log_in(page, live_server, world.emails[Role.CASE_OFFICER])
        page.goto(f"{live_server}/saksbehandling/rom/{world.levre_hall}")
        page.locator("#halves").focus()
        page.keyboard.press("Enter")
        summary = page.locator("#error-summary")
        expect(summary).to_be_visible()
        expect(summary).to_contain_text(str(day.year))
        assert axe_violations(page) == [] and sideways_overflow(page) == 0
        summary.get_by_role("link").first.focus()
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "halves"
        assert len(rooms_of(db_app, world.levre_id)) == 6
    finally:
        context.close()
