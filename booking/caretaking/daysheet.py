"""The caretaker's day sheet: who comes when to which room of a building on one date.

Each visit carries what the caretaker needs at the door: the organisation, the
contact person and phone for the day (the booker when none was given), how many
come, whether a supervisor is needed, the room's access instructions, and the notes
caretakers wrote at earlier visits of the same organisation (or private booker) to
this building. A date cancelled that day is listed too, marked, so nobody waits for
it. Only the caretakers of the building, and case officers and admins, see it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import selectinload

from booking import catalogue
from booking.accounts.models import User
from booking.catalogue import RoomCard
from booking.core.db import db
from booking.core.errors import Forbidden
from booking.core.timeutil import local_date_of, local_day_span
from booking.reservations.bookings import ever_confirmed
from booking.reservations.models import (
    Booking,
    Occurrence,
    OccurrenceStatus,
    StatusChange,
)

# Earlier caretakers' notes shown per visit: the newest few.
NOTES_SHOWN = 3
MARKED = (OccurrenceStatus.COMPLETED.value, OccurrenceStatus.NO_SHOW.value)


@dataclass(frozen=True)
class Note:
    day: date
    came: bool
    text: str


@dataclass(frozen=True)
class Visit:
    occurrence: Occurrence
    booking: Booking
    room: RoomCard
    notes: list[Note] = field(default_factory=list)

    @property
    def contact_name(self) -> str:
        return self.booking.contact_name or self.booking.booker.name

    @property
    def contact_phone(self) -> str:
        return self.booking.contact_phone or self.booking.booker.phone

    @property
    def who(self) -> str:
        return self.booking.organisation.name if self.booking.organisation else _("Private")


def may_see(user: User, building_id: int) -> bool:
    return user.is_case_officer or user.is_caretaker_of(building_id)


def check_may_see(user: User, building_id: int) -> None:
    if not may_see(user, building_id):
        raise Forbidden(_("Only the building's caretakers and case officers see who comes."),
                        code="not_caretaker")


def buildings_of(user: User) -> list:
    """The buildings a user looks after: a caretaker's own, every one for case officers."""
    known = catalogue.current()
    buildings = {room.building.id: room.building for room in known.rooms.values()}
    ids = buildings if user.is_case_officer else {b.id for b in user.caretaker_of}
    return sorted((buildings[i] for i in ids if i in buildings), key=lambda b: b.name)


def day_sheet(user: User, building_id: int, day: date, *,
              every_cancelled: bool = False) -> list[Visit]:
    """The visits of the day in time order (then by room). Dates cancelled that day are
    listed, marked; with ``every_cancelled`` (the week), all cancelled dates are."""
    check_may_see(user, building_id)
    rooms = {r.id: r for r in catalogue.current().rooms.values() if r.building_id == building_id}
    starts, ends = local_day_span(day, day)
    occurrences = db.session.scalars(
        select(Occurrence).join(Booking, Booking.id == Occurrence.booking_id)
        .where(Booking.room_id.in_(rooms), Occurrence.starts_at >= starts,
               Occurrence.starts_at < ends,
               ever_confirmed())
        .options(selectinload(Occurrence.booking).selectinload(Booking.organisation),
                 selectinload(Occurrence.booking).selectinload(Booking.booker))
        .order_by(Occurrence.starts_at, Occurrence.id)).all()
    shown = [o for o in occurrences
             if o.status is not OccurrenceStatus.CANCELLED or every_cancelled or
             (o.cancelled_at is not None and o.cancelled_at >= starts)]
    notes = _earlier_notes(list(rooms), [o.booking for o in shown], starts)
    return sorted((Visit(o, o.booking, rooms[o.booking.room_id], notes.get(_party(o.booking), []))
                   for o in shown), key=lambda v: (v.occurrence.starts_at, v.room.name))


def week(user: User, building_id: int, monday: date,
         room_id: int | None = None) -> list[tuple[date, list[Visit]]]:
    """Seven day sheets from ``monday``, of the building or of one of its rooms."""
    days = [monday + timedelta(days=n) for n in range(7)]
    return [(day, [v for v in day_sheet(user, building_id, day, every_cancelled=True)
                   if room_id is None or v.room.id == room_id]) for day in days]


def _party(booking: Booking) -> tuple[str, int]:
    """Who comes: the organisation, or the private booker."""
    return ("org", booking.organisation_id) if booking.organisation_id else ("user", booking.booker_id)


def _earlier_notes(room_ids: list[int], bookings: list[Booking], before) -> dict:
    if not bookings:
        return {}
    organisations = {b.organisation_id for b in bookings if b.organisation_id}
    bookers = {b.booker_id for b in bookings if not b.organisation_id}
    rows = db.session.execute(
        select(StatusChange.to_status, StatusChange.reason, Occurrence.starts_at,
               Booking.organisation_id, Booking.booker_id)
        .join(Occurrence, Occurrence.id == StatusChange.occurrence_id)
        .join(Booking, Booking.id == StatusChange.booking_id)
        .where(Booking.room_id.in_(room_ids), StatusChange.to_status.in_(MARKED),
               StatusChange.reason != "", StatusChange.actor_id.is_not(None),
               Occurrence.starts_at < before,
               or_(Booking.organisation_id.in_(organisations),
                   and_(Booking.organisation_id.is_(None), Booking.booker_id.in_(bookers))))
        .order_by(Occurrence.starts_at.desc(), StatusChange.id.desc())).all()
    notes: dict[tuple[str, int], list[Note]] = {}
    for to_status, reason, starts_at, organisation_id, booker_id in rows:
        party = ("org", organisation_id) if organisation_id else ("user", booker_id)
        found = notes.setdefault(party, [])
        if len(found) < NOTES_SHOWN:
            found.append(Note(local_date_of(starts_at), to_status == "completed", reason))
    return notes
