"""Reading the municipality's buildings and rooms; closing them."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import joinedload, selectinload

from booking.core.db import db
from booking.core.errors import InvalidInput, NotFound
from booking.core.timeutil import local_day_span
from booking.facilities.models import Building, Closure, ClosureKind, Room
from booking.facilities.rules import same_area


def list_buildings(area: str | None = None) -> list[Building]:
    """Schools by name; in one area when given (the area rule of every listing)."""
    buildings = db.session.scalars(select(Building).order_by(Building.name))
    return [b for b in buildings if not area or same_area(b.area, area)]


def get_building(building_id: int) -> Building:
    building = db.session.get(Building, building_id)
    if building is None:
        raise NotFound(_("Building %(id)s does not exist.", id=building_id), code="building_not_found")
    return building


def get_room(room_id: int) -> Room:
    # Loaded with what planning and the API's room summary need, in one go.
    room = db.session.get(Room, room_id, options=[
        joinedload(Room.building), selectinload(Room.units), selectinload(Room.facility_rows)])
    if room is None or not room.is_active:
        raise NotFound(_("Room %(id)s does not exist.", id=room_id), code="room_not_found")
    return room


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
