"""A booking as calendar events: one per date, with a UID that stays the same."""

from __future__ import annotations

from email.utils import parseaddr

from flask import current_app

from booking import catalogue
from booking.calendars.ics import CalendarEvent, calendar
from booking.core.db import utcnow
from booking.reservations.models import Booking, OccurrenceStatus


def booking_events(booking: Booking) -> list[CalendarEvent]:
    room = catalogue.current().rooms[booking.room_id]
    domain = current_app.config["CALENDAR_UID_DOMAIN"]
    changes: dict[int, int] = {}
    for change in booking.status_changes:
        if change.occurrence_id is not None:
            changes[change.occurrence_id] = changes.get(change.occurrence_id, 0) + 1
    return [CalendarEvent(
        uid=f"occurrence-{occurrence.id}@{domain}", starts_at=occurrence.starts_at,
        ends_at=occurrence.ends_at, summary=f"{booking.purpose} – {room.name}",
        location=f"{room.name}, {room.building.name}",
        cancelled=occurrence.status is OccurrenceStatus.CANCELLED,
        sequence=changes.get(occurrence.id, 0),
    ) for occurrence in booking.occurrences]


def booking_ics(booking: Booking, *, method: str | None = None) -> bytes:
    """The booking's dates; with ``method`` (a mail's attachment) the municipality's mail
    address is the organiser."""
    room = catalogue.current().rooms[booking.room_id]
    organizer = parseaddr(current_app.config["MAIL_FROM"]) if method else None
    return calendar(booking_events(booking), name=f"{room.name}, {room.building.name}",
                    method=method, organizer=organizer, stamp=utcnow())
