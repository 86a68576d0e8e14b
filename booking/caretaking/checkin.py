"""Who came: the caretaker marks a date "came" or "did not come", with a note (damage,
left unlocked, too many people). A date nobody marked is taken as used once a grace
period after its end has passed (a job). No-shows count against the organisation in
the case officers' view; a mark made by mistake can be turned the other way."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import func, select

from booking import catalogue
from booking.accounts.models import User
from booking.caretaking.daysheet import check_may_see
from booking.core.db import db, utcnow
from booking.core.errors import Conflict, NotFound
from booking.core.timeutil import local_date_of
from booking.reservations.models import Booking, BookingStatus, Occurrence, OccurrenceStatus

UNMARKED_NOTE = "not marked by the caretaker"


def check_in(user: User, occurrence_id: int, *, came: bool, note: str = "",
             now: datetime | None = None) -> Occurrence:
    now = now or utcnow()
    occurrence = db.session.get(Occurrence, occurrence_id)
    if occurrence is None:
        raise NotFound(_("There is no such date."), code="occurrence_not_found")
    check_may_see(user, catalogue.current().rooms[occurrence.booking.room_id].building_id)
    if occurrence.booking.status is not BookingStatus.CONFIRMED or \
            occurrence.status is OccurrenceStatus.CANCELLED:
        raise Conflict(_("Only a confirmed date can be marked."), code="not_markable")
    if local_date_of(occurrence.starts_at) > local_date_of(now):
        raise Conflict(_("A date can be marked from its own day on."), code="too_early")
    target = OccurrenceStatus.COMPLETED if came else OccurrenceStatus.NO_SHOW
    if occurrence.status is not target:
        if came:
            occurrence.mark_completed(user, now, note.strip())
        else:
            occurrence.mark_no_show(user, now, note.strip())
        db.session.flush()
    return occurrence


def complete_unmarked(grace: timedelta, now: datetime | None = None) -> int:
    """Dates of confirmed bookings that ended more than ``grace`` ago and that nobody
    marked are taken as used. Returns how many."""
    now = now or utcnow()
    unmarked = db.session.scalars(
        select(Occurrence).join(Booking, Booking.id == Occurrence.booking_id)
        .where(Booking.status == BookingStatus.CONFIRMED,
               Occurrence.status == OccurrenceStatus.SCHEDULED,
               Occurrence.ends_at < now - grace).limit(5000)).all()
    for occurrence in unmarked:
        occurrence.mark_completed(None, now, UNMARKED_NOTE)
    db.session.flush()
    return len(unmarked)


def attendance_of(organisation_id: int) -> tuple[int, int]:
    """How many of an organisation's marked dates it did not come to, and how many were
    marked: what case officers weigh when it asks for more."""
    rows = db.session.execute(
        select(Occurrence.status, func.count(Occurrence.id))
        .join(Booking, Booking.id == Occurrence.booking_id)
        .where(Booking.organisation_id == organisation_id,
               Occurrence.status.in_([OccurrenceStatus.COMPLETED, OccurrenceStatus.NO_SHOW]))
        .group_by(Occurrence.status)).all()
    counts = {status: count for status, count in rows}
    no_shows = counts.get(OccurrenceStatus.NO_SHOW, 0)
    return no_shows, no_shows + counts.get(OccurrenceStatus.COMPLETED, 0)
