"""Moving a booking: checked like a new booking; the old slot is kept until the new one
is confirmed (at once, or when a case officer approves); a failed move changes nothing.
The bookings moved here were paid by card: the new time is paid anew, the old refunded."""

from __future__ import annotations

import pytest
from fixtures.stripe import pay
from helpers import FRIDAY, THURSDAY

from booking.accounts.models import Role


@pytest.fixture
def book(client, world, db_app, local_stripe):
    """Book a room; the resident's own bookings are paid by card (others' stay held)."""
    local_stripe.reset()

    def book_and_pay(room_id, day, start="18:00", end="20:00", who=Role.RESIDENT):
        response = client.post("/api/v1/bookings", headers=world.headers(who), json={
            "room_id": room_id, "date": day.isoformat(), "start": start, "end": end,
            "purpose": "Trening"})
        assert response.status_code == 201, response.json
        if who is not Role.RESIDENT:
            return response.json
        pay(client, db_app, local_stripe, response.json["id"], "resident@example.com")
        return show(client, world, response.json["id"])

    return book_and_pay


def move(client, world, booking_id, day, start="18:00", end="20:00", **extra):
    return client.post(f"/api/v1/bookings/{booking_id}/move", headers=world.headers(), json={
        "date": day.isoformat(), "start": start, "end": end, **extra})


def show(client, world, booking_id):
    return client.get(f"/api/v1/bookings/{booking_id}", headers=world.headers()).json


def test_a_move_to_a_free_time_confirms_the_new_and_releases_the_old(book, client, world):
    day = world.bookable_day(THURSDAY, weeks_ahead=3)
    old = book(world.half_a, day)
    response = move(client, world, old["id"], day, "19:00", "21:00")  # overlaps its own slot
    assert response.status_code == 201, response.json
    new = response.json
    # The new time is paid for anew; the old one is released and refunded in full.
    assert (new["status"], new["replaces_booking_id"], new["purpose"]) == (
        "pending_payment", old["id"], "Trening")
    old_now = show(client, world, old["id"])
    assert old_now["status"] == "cancelled"
    assert old_now["occurrences"][0]["refund_ore"] == old["total_ore"] == 35_800  # in full


def test_a_move_into_a_taken_slot_changes_nothing(book, client, world):
    day = world.bookable_day(THURSDAY, weeks_ahead=3)
    old = book(world.half_a, day)
    book(world.half_b, day, who="other")
    response = move(client, world, old["id"], day, room_id=world.whole_hall)  # needs half B
    assert response.status_code == 409
    assert show(client, world, old["id"])["status"] == "confirmed"
    assert len(client.get("/api/v1/bookings", headers=world.headers()).json) == 1


def test_a_move_that_needs_approval_keeps_the_old_slot_until_approved(book, client, world,
                                                                      db_app, local_stripe):
    thursday = world.bookable_day(THURSDAY, weeks_ahead=3)
    friday = world.bookable_day(FRIDAY, weeks_ahead=3)
    old = book(world.half_a, thursday)
    new = move(client, world, old["id"], friday).json
    assert new["status"] == "pending_approval"
    assert show(client, world, old["id"])["status"] == "confirmed"
    decided = client.post(f"/api/v1/bookings/{new['id']}/approve", json={},
                          headers=world.headers(Role.CASE_OFFICER))
    assert decided.status_code == 200, decided.json
    assert decided.json["status"] == "pending_payment"
    assert show(client, world, old["id"])["status"] == "confirmed"  # until the new one is paid
    pay(client, db_app, local_stripe, new["id"], "resident@example.com")
    assert show(client, world, old["id"])["status"] == "cancelled"


def test_a_rejected_move_leaves_the_old_booking(book, client, world):
    old = book(world.half_a, world.bookable_day(THURSDAY, weeks_ahead=3))
    new = move(client, world, old["id"], world.bookable_day(FRIDAY, weeks_ahead=3)).json
    client.post(f"/api/v1/bookings/{new['id']}/reject", json={"note": "Nei"},
                headers=world.headers(Role.CASE_OFFICER))
    assert show(client, world, old["id"])["status"] == "confirmed"


def test_a_series_is_not_moved_and_nobody_moves_another_persons_booking(book, client, world):
    day = world.bookable_day(THURSDAY, weeks=2, weeks_ahead=3)
    series = client.post("/api/v1/bookings", headers=world.headers(), json={
        "room_id": world.half_a, "date": day.isoformat(), "start": "18:00", "end": "20:00",
        "repeat_weekly_until": day.fromordinal(day.toordinal() + 7).isoformat(),
        "purpose": "Serie"}).json
    assert move(client, world, series["id"], day, "19:00", "21:00").json["error"]["code"] == \
        "not_movable"
    theirs = book(world.kitchen, day, who="other")
    assert move(client, world, theirs["id"], day, "19:00", "21:00").status_code in (403, 404)


def test_a_case_officer_moves_a_booking_that_stays_the_bookers(book, client, world):
    day = world.bookable_day(THURSDAY, weeks_ahead=3)
    old = book(world.half_a, day)
    moved = client.post(f"/api/v1/bookings/{old['id']}/move",
                        headers=world.headers(Role.CASE_OFFICER),
                        json={"date": day.isoformat(), "start": "19:00", "end": "21:00"})
    assert moved.status_code == 201, moved.json
    assert moved.json["booker_id"] == old["booker_id"]


def test_a_second_move_waits_for_the_first(book, client, world):
    old = book(world.half_a, world.bookable_day(THURSDAY, weeks_ahead=3))
    friday = world.bookable_day(FRIDAY, weeks_ahead=3)
    assert move(client, world, old["id"], friday).json["status"] == "pending_approval"
    again = move(client, world, old["id"], friday, "20:00", "21:00")
    assert (again.status_code, again.json["error"]["code"]) == (409, "move_pending")
