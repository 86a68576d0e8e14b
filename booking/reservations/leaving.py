"""What a user's bookings become when they delete their account, and their part of the
data export (receivers of ``accounts.events``).

Bookings are kept: the municipality accounts for its rooms and their use. A
private booking still to come is cancelled, since no one will come for it, and
the contact details for the day are cleared where they were the user's own. A
booking made for an organisation stays the organisation's.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from booking.accounts.models import User
from booking.core.db import db, utcnow
from booking.reservations import cancellations
from booking.reservations.models import Booking
from booking.reservations.schemas import BookingSchema


def _bookings_of(user: User) -> list[Booking]:
    return list(db.session.scalars(select(Booking).where(Booking.booker_id == user.id)
                                   .order_by(Booking.id)))


def on_account_deleting(user: User, **_extra: Any) -> None:
    now = utcnow()
    for booking in _bookings_of(user):
        if booking.organisation_id is None and booking.is_active and \
                any(o.starts_at > now and o.is_scheduled for o in booking.occurrences):
            cancellations.cancel_booking(user, booking, now)
        if booking.organisation_id is None or booking.contact_name in ("", user.name):
            booking.contact_name, booking.contact_phone = "", ""


def export_bookings(user: User, **_extra: Any) -> dict[str, Any]:
    return {"bookings": BookingSchema(many=True).dump(_bookings_of(user))}
