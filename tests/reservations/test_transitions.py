"""Booking and occurrence status: every allowed and every refused transition, table-driven."""

from __future__ import annotations

from datetime import time, timedelta
from itertools import product

import pytest
from fixtures.calendar import bookable_day
from fixtures.factories import (
    create_booking,
    create_price_list,
    create_school,
    create_user,
    room_named,
)
from flask import current_app
from helpers import FRIDAY, THURSDAY
from sqlalchemy import select

from booking.accounts.models import Role
from booking.core.db import db, utcnow
from booking.reservations.bookings import release_expired_holds
from booking.reservations.models import (
    BOOKING_TRANSITIONS,
    OCCURRENCE_TRANSITIONS,
    Booking,
    BookingStatus,
    IllegalTransition,
    Occurrence,
    OccurrenceStatus,
    StatusChange,
)

B, OS = BookingStatus, OccurrenceStatus
NOW = utcnow()

# What the payments, approval and caretaker work rely on: these must stay allowed.
REQUIRED = {(B.HELD, B.PENDING_PAYMENT), (B.PENDING_PAYMENT, B.CONFIRMED),
            (B.HELD, B.EXPIRED), (B.PENDING_PAYMENT, B.EXPIRED), (B.EXPIRED, B.CONFIRMED),
            (B.PENDING_APPROVAL, B.CONFIRMED), (B.PENDING_APPROVAL, B.REJECTED),
            (B.CONFIRMED, B.CANCELLED)}


def test_the_table_holds_what_the_flows_need():
    assert REQUIRED <= BOOKING_TRANSITIONS
    assert not any(source in (B.CANCELLED, B.REJECTED) for source, _target in BOOKING_TRANSITIONS)


def _officer():
    return create_user(Role.CASE_OFFICER)


# target status -> how to ask for it
BOOKING_MOVES = {
    B.CONFIRMED: lambda b, who: b.confirm(who, NOW),
    B.PENDING_PAYMENT: lambda b, who: b.await_payment(who, NOW, NOW + timedelta(minutes=15)),
    B.CANCELLED: lambda b, who: b.cancel(who, NOW),
    B.REJECTED: lambda b, who: b.reject(who, NOW, "Opptatt"),
    B.EXPIRED: lambda b, who: b.expire(NOW),
}


@pytest.mark.parametrize(("source", "target"), list(product(B, BOOKING_MOVES)))
def test_booking_transition(ctx, source, target):
    officer = _officer()
    booking = Booking(status=source, approval_reasons="")
    booking.occurrences.append(Occurrence(starts_at=NOW, ends_at=NOW + timedelta(hours=1),
                                          status=OS.SCHEDULED))
    if (source, target) in BOOKING_TRANSITIONS:
        BOOKING_MOVES[target](booking, officer)
        assert booking.status is target
        change = booking.status_changes[0]
        assert (change.from_status, change.to_status) == (source, target)
        assert change.at == NOW
        if target in (B.REJECTED, B.EXPIRED):  # their dates are freed
            assert booking.occurrences[0].status is OS.CANCELLED
    else:
        with pytest.raises(IllegalTransition) as refused:
            BOOKING_MOVES[target](booking, officer)
        assert refused.value.status == 409
        assert booking.status is source
        assert booking.status_changes == []
        assert booking.occurrences[0].status is OS.SCHEDULED


@pytest.mark.parametrize(("source", "target"), list(product(B, B)))
def test_can_become_is_the_table(source, target):
    assert Booking(status=source).can_become(target) == ((source, target) in BOOKING_TRANSITIONS)


OCCURRENCE_MOVES = {
    OS.CANCELLED: lambda o, who: o.cancel(who, NOW),
    OS.COMPLETED: lambda o, who: o.mark_completed(who, NOW),
    OS.NO_SHOW: lambda o, who: o.mark_no_show(who, NOW, "Ingen kom"),
}


@pytest.mark.parametrize(("source", "target"), list(product(OS, OCCURRENCE_MOVES)))
def test_occurrence_transition(ctx, source, target):
    caretaker = create_user(Role.CARETAKER)
    booking = Booking(status=B.CONFIRMED)
    occurrence = Occurrence(starts_at=NOW, ends_at=NOW + timedelta(hours=1), status=source)
    booking.occurrences.append(occurrence)
    if (source, target) in OCCURRENCE_TRANSITIONS:
        OCCURRENCE_MOVES[target](occurrence, caretaker)
        assert occurrence.status is target
        [change] = booking.status_changes
        assert (change.occurrence, change.from_status, change.to_status, change.actor_id) == (
            occurrence, source, target, caretaker.id)
    else:
        with pytest.raises(IllegalTransition):
            OCCURRENCE_MOVES[target](occurrence, caretaker)
        assert occurrence.status is source
        assert booking.status_changes == []


def test_statuses_load_as_enums_and_every_change_is_recorded(world, db_app):
    """Through the API: create, cancel one date, cancel the rest; read back from the database."""
    client = db_app.test_client()
    headers = world.headers()
    first = world.bookable_day(THURSDAY, weeks=2)
    booking = client.post("/api/v1/bookings", headers=headers, json={
        "room_id": world.half_a, "date": first.isoformat(), "start": "18:00", "end": "20:00",
        "repeat_weekly_until": (first + timedelta(weeks=1)).isoformat(), "purpose": "Trening"}).json
    second = booking["occurrences"][1]["id"]
    client.post(f"/api/v1/bookings/{booking['id']}/occurrences/{second}/cancel", headers=headers)
    client.post(f"/api/v1/bookings/{booking['id']}/cancel", headers=headers)
    with db_app.app_context():
        loaded = db.session.get(Booking, booking["id"])
        assert loaded.status is B.CANCELLED and not loaded.status.is_active
        assert all(o.status is OS.CANCELLED for o in loaded.occurrences)
        changes = db.session.scalars(select(StatusChange).where(
            StatusChange.booking_id == booking["id"]).order_by(StatusChange.id)).all()
        assert [(c.occurrence_id, c.from_status, c.to_status) for c in changes] == [
            (None, None, "pending_payment"),  # paid by card: held until paid
            (second, "scheduled", "cancelled"),
            (booking["occurrences"][0]["id"], "scheduled", "cancelled"),
            (None, "pending_payment", "cancelled"),
        ]
        assert {c.actor_id for c in changes} == {loaded.booker_id}


def test_a_decision_is_recorded_with_the_officer_and_the_note(ctx):
    create_price_list()
    school = create_school()
    booker, officer = create_user(), _officer()
    room = room_named(school, "Gymsal del A")
    day = bookable_day(current_app, FRIDAY, room_id=room.id)  # Friday: a request
    booking = create_booking(booker, room, day)
    assert booking.is_pending_approval
    booking.approve(officer, NOW, "Tilsynsvakt avtalt")
    assert (booking.decided_by_id, booking.decision_note) == (officer.id, "Tilsynsvakt avtalt")
    assert booking.status_changes[-1].actor_id == officer.id
    assert booking.status_changes[-1].reason == "Tilsynsvakt avtalt"
    with pytest.raises(IllegalTransition):
        booking.reject(officer, NOW)  # decided already


def test_expired_holds_free_their_dates(ctx):
    """The bulk expiry once left the dates of an expired hold 'scheduled'."""
    create_price_list()
    school = create_school()
    room = room_named(school, "Gymsal del B")
    day = bookable_day(current_app, THURSDAY, room_id=room.id)
    booking = create_booking(create_user(), room, day, start=time(18), end=time(19))
    booking.status = B.HELD
    booking.expires_at = NOW - timedelta(minutes=1)
    db.session.flush()
    assert release_expired_holds(NOW) == 1
    assert booking.status is B.EXPIRED
    assert [o.status for o in booking.occurrences] == [OS.CANCELLED]
    assert booking.occurrences[0].occupancies == []
