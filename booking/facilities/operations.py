"""Reading the municipality's buildings and rooms, and their rental rules."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import selectinload

from booking.core.db import db
from booking.core.errors import InvalidInput, NotFound
from booking.core.i18n import current_language
from booking.core.timeutil import local_day_span
from booking.facilities.calendar import public_holiday_blackouts
from booking.facilities.models import (
    Building,
    Closure,
    ClosureKind,
    RentalWindow,
    Room,
    RoomFacility,
    room_unit,
)
from booking.reservations.planning import Blackout, WindowSpec


def list_buildings(area: str | None = None) -> list[Building]:
    query = select(Building).order_by(Building.name)
    if area:
        query = query.where(Building.area.ilike(area.strip()))
    return list(db.session.scalars(query))


def get_building(building_id: int) -> Building:
    building = db.session.get(Building, building_id)
    if building is None:
        raise NotFound(_("Building %(id)s does not exist.", id=building_id), code="building_not_found")
    return building


def get_room(room_id: int) -> Room:
    room = db.session.get(Room, room_id)
    if room is None or not room.is_active:
        raise NotFound(_("Room %(id)s does not exist.", id=room_id), code="room_not_found")
    return room


def find_rooms(
    *,
    min_capacity: int | None = None,
    facilities: Iterable[str] = (),
    room_type: str | None = None,
    building_id: int | None = None,
    area: str | None = None,
) -> list[Room]:
    query = (
        select(Room)
        .join(Room.building)
        .where(Room.is_active.is_(True))
        .options(selectinload(Room.facility_rows), selectinload(Room.building),
                 selectinload(Room.units))
        .order_by(Building.name, Room.name)
    )
    if min_capacity is not None:
        query = query.where(Room.capacity >= min_capacity)
    if room_type:
        query = query.where(Room.room_type == room_type)
    if building_id is not None:
        query = query.where(Room.building_id == building_id)
    if area:
        query = query.where(Building.area.ilike(area.strip()))
    for facility in set(facilities):
        query = query.where(
            Room.id.in_(select(RoomFacility.room_id).where(RoomFacility.facility == facility))
        )
    return list(db.session.scalars(query))


def unit_ids_by_room(room_ids: Sequence[int]) -> dict[int, list[int]]:
    rows = db.session.execute(
        select(room_unit.c.room_id, room_unit.c.unit_id).where(room_unit.c.room_id.in_(room_ids))
    )
    units: dict[int, list[int]] = defaultdict(list)
    for room_id, unit_id in rows:
        units[room_id].append(unit_id)
    return units


@dataclass
class RoomRules:
    """What the planner needs to know about one room over a span."""

    windows: list[WindowSpec] = field(default_factory=list)
    blackouts: list[Blackout] = field(default_factory=list)


def rental_rules(rooms: Sequence[Room], first: date, last: date) -> dict[int, RoomRules]:
    """Windows, closures and public holidays for rooms over local dates first..last.

    Three queries in all, whatever the number of rooms: the availability
    search judges every room of the municipality with this.
    """
    room_ids = [room.id for room in rooms]
    building_of = {room.id: room.building_id for room in rooms}
    rules = {room_id: RoomRules() for room_id in room_ids}
    window_rows = db.session.execute(
        select(RentalWindow.room_id, RentalWindow.weekday, RentalWindow.starts, RentalWindow.ends,
               RentalWindow.by_agreement, RentalWindow.valid_from, RentalWindow.valid_to)
        .where(RentalWindow.room_id.in_(room_ids))
    )
    for room_id, *spec in window_rows:
        rules[room_id].windows.append(WindowSpec(*spec))

    span_start, span_end = local_day_span(first, last)
    closures = db.session.scalars(
        select(Closure).where(Closure.starts_at < span_end, Closure.ends_at > span_start)
    ).all()
    holidays = public_holiday_blackouts(first, last, current_language())
    buildings = set(building_of.values())
    for closure in closures:
        blackout = Blackout(closure.starts_at, closure.ends_at, "closure", closure.reason)
        if closure.room_id is not None:
            targets = [closure.room_id] if closure.room_id in rules else []
        elif closure.building_id is not None:
            targets = [r for r in room_ids if building_of[r] == closure.building_id] \
                if closure.building_id in buildings else []
        else:
            targets = room_ids
        for room_id in targets:
            rules[room_id].blackouts.append(blackout)
    for room_rules in rules.values():
        room_rules.blackouts.extend(holidays)
    return rules


def list_closures(starts_at: datetime, ends_at: datetime,
                  building_id: int | None = None) -> list[Closure]:
    query = select(Closure).where(Closure.starts_at < ends_at, Closure.ends_at > starts_at)
    if building_id is not None:
        query = query.where(or_(Closure.building_id == building_id,
                                and_(Closure.building_id.is_(None), Closure.room_id.is_(None))))
    return list(db.session.scalars(query.order_by(Closure.starts_at)))


def create_closure(*, first_day: date, last_day: date, reason: str, kind: ClosureKind,
                   building_id: int | None = None, room_id: int | None = None) -> Closure:
    """Close whole local days. Existing bookings are kept: a case officer decides on them."""
    if last_day < first_day:
        raise InvalidInput(_("The last day must not be before the first day."), code="invalid_span")
    if room_id is not None:
        room = get_room(room_id)
        building_id = room.building_id
    elif building_id is not None:
        get_building(building_id)
    starts_at, ends_at = local_day_span(first_day, last_day)
    closure = Closure(building_id=building_id, room_id=room_id, kind=kind, reason=reason,
                      starts_at=starts_at, ends_at=ends_at)
    db.session.add(closure)
    db.session.flush()
    return closure
