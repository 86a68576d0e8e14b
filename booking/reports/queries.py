"""Loads what the utilisation report counts: the units in scope with their regular windows
and closures (from the catalogue snapshot, no query), the public holidays, and the booked
units of the period in one query over the occupancy table (one row per unit and date, the
unit-hours themselves), added up by the database over the units of a school booked over
the same span, with only the columns the computation needs.

Which bookings count: confirmed ones and those awaiting payment (their slot is held for
the booker). Held slots in checkout (minutes), requests not decided yet, and cancelled,
rejected or expired bookings do not: they occupy nothing a case officer can count on.
A date counts as used once it is over, unless the caretaker marked it as a no-show.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Integer, and_, case, cast, func, or_, select, text

from booking import catalogue
from booking.accounts.models import User
from booking.core.db import db, utcnow
from booking.core.errors import Forbidden, InvalidInput, NotFound
from booking.core.i18n import current_language
from booking.core.timeutil import local_day_span
from booking.facilities.labels import ROOM_TYPE_LABELS
from booking.facilities.models import RoomType, Unit
from booking.facilities.public_holidays import public_holidays
from booking.reports.utilisation import (
    MAX_PERIOD_DAYS,
    BookedSpan,
    UnitScope,
    Utilisation,
    check_period,
    kind,
    utilisation,
)
from booking.reservations.models import (
    Booking,
    BookingStatus,
    Occupancy,
    Occurrence,
    OccurrenceStatus,
    StatusChange,
)

COUNTED_STATUSES = (BookingStatus.CONFIRMED, BookingStatus.PENDING_PAYMENT)


@dataclass(frozen=True)
class Scope:
    """The whole municipality, one building, or one room type (with a building or not)."""

    building_id: int | None = None
    room_type: str | None = None


@dataclass
class Report:
    scope: Scope
    figures: Utilisation
    building_names: dict[int, str]
    scope_name: str


def check_may_see(user: User) -> None:
    if not user.can_see_utilisation:
        raise Forbidden(_("Only case officers can see the utilisation of the buildings."))


def check_request(scope: Scope, first: date, last: date) -> None:
    """Bad input gets a clear error: a reversed or too long period, an unknown scope."""
    problem = check_period(first, last)
    if problem == "period_reversed":
        raise InvalidInput(_("The period must end on or after the day it starts."),
                           code=problem, details={"from": first.isoformat(), "to": last.isoformat()})
    if problem == "period_too_long":
        raise InvalidInput(_("The period can be at most %(days)s days.", days=MAX_PERIOD_DAYS),
                           code=problem, details={"max_days": MAX_PERIOD_DAYS})
    if scope.room_type is not None and scope.room_type not in {t.value for t in RoomType}:
        raise InvalidInput(_("There is no such room type."), code="unknown_room_type")
    if scope.building_id is not None and not any(
            room.building_id == scope.building_id for room in catalogue.current().rooms.values()):
        raise NotFound(_("There is no such school."), code="building_not_found")


def report(user: User, scope: Scope, first: date, last: date,
           now: datetime | None = None) -> Report:
    check_may_see(user)
    check_request(scope, first, last)
    # "Used" is judged as of the last five minutes' mark, so one report serves them all.
    now = now or utcnow()
    now = now.replace(minute=now.minute - now.minute % 5, second=0, microsecond=0)
    snapshot = catalogue.current()
    # A season of the whole municipality reads every occupancy of it (a quarter of a second
    # on this machine): the report is kept until a booking or a date changes status (every
    # booking, cancel, no-show and expiry writes a status change), the catalogue changes,
    # or time moves on.
    changes = db.session.execute(select(func.count(StatusChange.id), func.max(StatusChange.id))).one()
    key = (str(db.engine.url), scope, first, last, snapshot.version, tuple(changes), now,
           current_language())
    cached = _reports.get(key)
    if cached is not None:
        return cached
    result = _report(snapshot, scope, first, last, now)
    if len(_reports) >= 16:
        _reports.pop(next(iter(_reports)))
    _reports[key] = result
    return result


_reports: dict[tuple, Report] = {}


def _report(snapshot: catalogue.Catalogue, scope: Scope, first: date, last: date,
            now: datetime) -> Report:
    rooms = [room for room in snapshot.rooms.values() if room.is_active
             and (scope.building_id is None or room.building_id == scope.building_id)
             and (scope.room_type is None or room.room_type == scope.room_type)]
    windows: dict[int, set] = defaultdict(set)
    closures: dict[int, set] = defaultdict(set)
    building_of: dict[int, int] = {}
    names: dict[int, str] = {}
    span_start, span_end = local_day_span(first, last)
    hitting = [(b, r, c) for b, r, c in snapshot.closures
               if c.starts_at < span_end and span_start < c.ends_at]
    for room in rooms:
        names[room.building_id] = room.building.name
        room_windows = [w for w in snapshot.windows.get(room.id, ()) if not w.by_agreement]
        room_closures = {(c.starts_at, c.ends_at) for b, r, c in hitting
                         if (r is None or r == room.id) and (b is None or b == room.building_id)}
        for unit_id in room.unit_ids:
            building_of[unit_id] = room.building_id
            windows[unit_id].update(room_windows)
            closures[unit_id].update(room_closures)
    units = [UnitScope(unit_id, building_of[unit_id], tuple(windows[unit_id]),
                       tuple(sorted(closures[unit_id]))) for unit_id in sorted(building_of)]
    holidays = [day for day, _name in public_holidays(first, last)]
    with _collector_paused():
        figures = utilisation(units, _booked(units, span_start, span_end, now),
                              first, last, holidays)
    return Report(scope, figures, names, _scope_name(scope, names))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A season's count makes tens of thousands of small objects that live until it ends
    and are in no reference cycle. The cyclic collector, left on, walks the whole app's
    heap over them about every third count (a full collection cost half as much as the
    count itself) and frees nothing; it runs as usual after the count."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _booked(units: list[UnitScope], span_start: datetime, span_end: datetime,
            now: datetime) -> list[BookedSpan]:
    """The booked units of the period, added up by the database: the units of one building
    booked over the same span are one row (their number, and how many were used), which
    makes a season's hundred thousand occupancies some fifteen thousand rows. Units of a
    building that are not all of one kind (rooms with other windows or closures) are
    rows unit by unit, so every row's units share their rentable time."""
    # Epoch seconds and the used flag computed by the database: parsing a season's
    # timestamps into datetimes cost more than the whole count.
    if db.engine.dialect.name == "sqlite":
        starts = cast(func.strftime("%s", Occupancy.starts_at), Integer)
        ends = cast(func.strftime("%s", Occupancy.ends_at), Integer)
    else:
        starts = cast(func.extract("epoch", Occupancy.starts_at), Integer)
        ends = cast(func.extract("epoch", Occupancy.ends_at), Integer)
    # No-shows are few: their dates are looked up apart, rather than every occupancy joined
    # with its date (that join was half the count on PostgreSQL).
    no_shows = select(Occurrence.id).where(Occurrence.status == OccurrenceStatus.NO_SHOW.value)
    used = case((and_(Occupancy.ends_at <= now, Occupancy.occurrence_id.not_in(no_shows)), 1),
                else_=0)
    building_of = dict(db.session.execute(select(Unit.id, Unit.building_id)).all())
    in_scope = {unit.unit_id for unit in units}
    kinds: dict[int | None, set] = defaultdict(set)
    for unit in units:
        kinds[building_of.get(unit.unit_id)].add(kind(unit))
    mixed = sorted(building_id for building_id, found in kinds.items()
                   if len(found) > 1 and building_id is not None)
    alike: list[Any] = [Unit.building_id, Occupancy.starts_at, Occupancy.ends_at]
    if mixed:
        alike.append(case((Unit.building_id.in_(mixed), Occupancy.unit_id), else_=0))
    query = (
        select(func.min(Occupancy.unit_id), starts, ends, func.sum(used), func.count())
        .join(Booking, Booking.id == Occupancy.booking_id)
        .join(Unit, Unit.id == Occupancy.unit_id)
        # A cancelled date has no occupancies left (cancelling frees its slot).
        .where(Occupancy.starts_at < span_end, Occupancy.ends_at > span_start,
               Booking.status.in_(COUNTED_STATUSES),
               or_(Occupancy.expires_at.is_(None), Occupancy.expires_at > now))
        .group_by(*alike))
    # Only units in scope may be added up (a unit of an inactive room would count with its
    # building's): the shorter list says which, the whole municipality leaves out a few.
    left_out = sorted(set(building_of) - in_scope)
    if len(left_out) < len(in_scope):
        if left_out:
            query = query.where(Occupancy.unit_id.not_in(left_out))
    else:
        query = query.where(Occupancy.unit_id.in_(sorted(in_scope)))
    if db.engine.dialect.name == "postgresql":
        # psycopg prepares a statement run five times on a connection, and PostgreSQL then
        # plans it for any parameters: that plan guessed one row and took 3 s, not 0.15 s.
        # Planned for the parameters of each count instead, for the rest of the request.
        db.session.execute(text("SET LOCAL plan_cache_mode = force_custom_plan"))
    # Plain tuples of five ints, not ORM objects nor Rows: the collector stops tracking
    # those, so a season's rows do not set off a full collection over the app's heap.
    rows = db.session.connection().execute(query).fetchall()  # one fetch, not one per row
    return [tuple(row) for row in rows]  # type: ignore[misc]


def _scope_name(scope: Scope, names: dict[int, str]) -> str:
    where = names.get(scope.building_id, "") if scope.building_id else _("the whole municipality")
    if scope.room_type:
        return f"{ROOM_TYPE_LABELS[scope.room_type]}, {where}"
    return where
