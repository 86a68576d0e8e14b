"""Reminders: two days before each booked date the booker gets a mail with "we are coming"
and "release the room". About a quarter of booked hall slots go unused; a date released
goes back to others at once, with the refund the cancellation policy gives.

The link is signed (``accounts.links``) and names the date and the booker, so it works
without logging in and for that date only; it opens a page with the two answers as
buttons (a mail program that opens links to scan them changes nothing). Each date is
reminded once (``Occurrence.reminded_at``); a user can turn reminders off on their
account page.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from booking.accounts import links
from booking.accounts.models import User
from booking.core.db import db, utcnow
from booking.notifications import emails
from booking.reservations.models import Booking, BookingStatus, Occurrence, OccurrenceStatus

REMINDER = "reminder"
AHEAD = timedelta(days=2)
# A reminder's link works until the date has begun (it is sent at most two days ahead).
LINK_TTL_SECONDS = int(timedelta(days=3).total_seconds())


def send_due(now: datetime | None = None) -> int:
    """Remind every booker whose booked date begins within the next two days and who has
    not been reminded of it. Returns how many mails."""
    now = now or utcnow()
    due = db.session.scalars(
        select(Occurrence).join(Booking, Booking.id == Occurrence.booking_id)
        .join(User, User.id == Booking.booker_id)
        .where(Booking.status == BookingStatus.CONFIRMED,
               Occurrence.status == OccurrenceStatus.SCHEDULED,
               Occurrence.reminded_at.is_(None),
               Occurrence.starts_at > now, Occurrence.starts_at <= now + AHEAD,
               User.wants_reminders.is_(True), User.email.is_not(None))
        .options(selectinload(Occurrence.booking)).order_by(Occurrence.starts_at).limit(1000)).all()
    for occurrence in due:
        occurrence.reminded_at = now
        emails.reminder(occurrence, token=links.make(REMINDER, {
            "o": occurrence.id, "u": occurrence.booking.booker_id}))
    db.session.flush()
    return len(due)


def occurrence_of(token: str) -> Occurrence | None:
    """The date a reminder's link is about, while the booking is still its booker's."""
    payload: dict[str, Any] | None = links.read(REMINDER, token, LINK_TTL_SECONDS)
    if payload is None:
        return None
    occurrence = db.session.get(Occurrence, payload.get("o"))
    if occurrence is None or occurrence.booking.booker_id != payload.get("u"):
        return None
    return occurrence
