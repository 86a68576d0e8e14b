"""What caretakers are told without asking: on Monday morning the week ahead in their
buildings, and at once when a booking in one of them is cancelled (or moved) on its own
day, since they may be on their way to open the door."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from booking import catalogue
from booking.accounts.models import Role, User
from booking.caretaking import daysheet
from booking.core.db import db, utcnow
from booking.core.timeutil import local_date_of
from booking.notifications import emails
from booking.reservations.models import Booking, Occurrence


def _caretakers() -> list[User]:
    return list(db.session.scalars(select(User).where(User.role == Role.CARETAKER,
                                                      User.email.is_not(None))))


def send_week_ahead(monday: date | None = None) -> int:
    """Each caretaker's week ahead, one mail for all their buildings. Returns how many."""
    today = local_date_of(utcnow())
    monday = monday or today + timedelta(days=(7 - today.weekday()) % 7)
    sent = 0
    for caretaker in _caretakers():
        weeks = [(building, daysheet.week(caretaker, building.id, monday))
                 for building in sorted(caretaker.caretaker_of, key=lambda b: b.name)]
        if any(visits for _building, days in weeks for _day, visits in days):
            emails.caretaker_week(caretaker, weeks)
            sent += 1
    return sent


def on_dates_cancelled(booking: Booking, *, cancelled: list[Occurrence], **_extra: Any) -> None:
    """A receiver of ``reservations.events.dates_cancelled``."""
    today = local_date_of(utcnow())
    todays = [o for o in cancelled if local_date_of(o.starts_at) == today]
    if not todays or not booking.was_confirmed:
        return  # not today, or a request or an unpaid hold: it never was on the day sheet
    building_id = catalogue.current().rooms[booking.room_id].building_id
    for caretaker in _caretakers():
        if caretaker.is_caretaker_of(building_id):
            emails.same_day_cancellation(caretaker, booking, todays)
