"""Moving a booking to another time or room.

The new time is booked like any booking (the same rules, prices and approval).
The old slot is kept until the new booking is confirmed: at once when it needs
no approval, or when a case officer approves it (a rejected move leaves the
old booking as it was). Within one request the release and the new booking
commit together or not at all, so nothing is lost in between. The old date
is refunded in full: the booker moved it, they did not cancel.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from booking import catalogue
from booking.accounts.models import User
from booking.core.db import db, utcnow
from booking.core.errors import Conflict, Forbidden, InvalidInput
from booking.reservations import events
from booking.reservations.availability import Plan, TimeRequest, plan_booking
from booking.reservations.bookings import BookingRequest, create_booking, organisation_for_booking
from booking.reservations.models import Booking, BookingStatus, Occurrence


def movable_occurrence(booking: Booking, now: datetime) -> Occurrence | None:
    """The one future date of a single-date booking, which can be moved. Dates of a
    weekly series are cancelled one by one instead (and booked anew)."""
    future = [o for o in booking.occurrences if o.is_scheduled and o.starts_at > now]
    if booking.repeat_until is not None or len(booking.occurrences) != 1 or len(future) != 1:
        return None
    return future[0] if booking.is_active else None


def move_booking(user: User, booking: Booking, *, room_id: int, time: TimeRequest,
                 now: datetime | None = None) -> Booking:
    now = now or utcnow()
    if not booking.can_cancel(user):
        raise Forbidden(_("You cannot move this booking."))
    if movable_occurrence(booking, now) is None:
        raise Conflict(_("Only a booking of one date that has not passed can be moved."),
                       code="not_movable")
    if time.repeat_until is not None:
        raise InvalidInput(_("A booking is moved to one date."), code="not_movable")
    if pending_move(booking) is not None:
        raise Conflict(_("A move of this booking is already waiting for approval."),
                       code="move_pending")
    plan = preview(user, booking, room_id=room_id, time=time, now=now)
    if not plan.requires_approval:
        release(booking, user, now)  # first, so that moving within the old slot is possible
    # The booking stays the booker's, whoever moves it (a case officer, the club's admin).
    new, _created = create_booking(booking.booker, BookingRequest(
        room_id=room_id, time=time, purpose=booking.purpose, attendees=booking.attendees,
        organisation_id=booking.organisation_id, contact_name=booking.contact_name,
        contact_phone=booking.contact_phone), now=now)
    new.replaces_id = booking.id
    db.session.flush()
    return new


def preview(user: User, booking: Booking, *, room_id: int, time: TimeRequest,
            now: datetime) -> Plan:
    """The new time judged and priced as it would be booked; the booking's own slot
    does not count against it."""
    return plan_booking(catalogue.current().room(room_id), time, attendees=booking.attendees,
                        organisation=organisation_for_booking(user, booking.organisation_id),
                        now=now, moving_booking_id=booking.id)


def pending_move(booking: Booking) -> Booking | None:
    """A move of this booking that waits for a case officer."""
    return db.session.scalar(select(Booking).where(
        Booking.replaces_id == booking.id, Booking.status == BookingStatus.PENDING_APPROVAL))


def release(booking: Booking, actor: User, now: datetime) -> None:
    """End the moved booking: its future dates are freed and refunded in full, and the
    booker is told (their calendar drops the old date)."""
    if not booking.is_active:
        return
    was_confirmed = booking.is_confirmed  # an unpaid hold or a request owed nothing
    reason = "moved"
    released = []
    for occurrence in booking.occurrences:
        if occurrence.is_scheduled and occurrence.starts_at > now:
            occurrence.refund_ore = occurrence.price_ore
            occurrence.cancel(actor, now, reason)
            released.append(occurrence)
    booking.cancel(actor, now, reason)
    db.session.flush()
    events.dates_cancelled.send(booking, cancelled=released, refund_ore=sum(
        o.refund_ore for o in released) if was_confirmed else 0)


def release_replaced(booking: Booking, actor: User, now: datetime) -> None:
    """When a moved-to booking is confirmed (approved), the booking it replaces goes."""
    if booking.replaces_id is not None:
        replaced = db.session.get(Booking, booking.replaces_id)
        if replaced is not None:
            release(replaced, actor, now)
