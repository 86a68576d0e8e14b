"""Splitting a room into two halves that can be booked apart, and joining them again.

A room occupies units; rooms that share a unit cannot be booked at the same time (the
database guards each unit). Splitting an undivided hall gives it two units, each the one
unit of a new half; joining takes the halves out of use and leaves the hall one unit.
Either changes which units future bookings hold, so both are refused while the hall or
a half has a booking (or a request, or a hold) still to come: the occupancies already
written would no longer guard the space they stand for. The case officer moves or
cancels those first; the refusal says how many there are and when the first is.

The undivided hall's unit becomes the first half's, so the hours booked in the past stay
in the utilisation figures (as the first half's). Every change is in the audit log.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from booking.accounts.models import User
from booking.core import audit
from booking.core.db import db, utcnow
from booking.core.errors import Conflict, InvalidInput
from booking.core.templating import day
from booking.facilities.editing import editable_room
from booking.facilities.models import RentalWindow, Room, RoomFacility, Unit, room_unit
from booking.reservations.models import Occupancy


def rooms_sharing(units: list[Unit]) -> list[Room]:
    """Every room that occupies one of these units."""
    ids = [unit.id for unit in units]
    return list(db.session.scalars(select(Room).join(room_unit).where(
        room_unit.c.unit_id.in_(ids)).distinct().order_by(Room.name)))


def halves_of(room: Room) -> list[Room]:
    """The rooms that are exactly one of this room's units (its halves), if it is divided."""
    if len(room.units) < 2:
        return []
    return [other for other in rooms_sharing(room.units)
            if other.id != room.id and len(other.units) == 1]


def _check_nothing_to_come(units: list[Unit], now: datetime) -> None:
    """Refuse while any of the units is held by a booking, request or hold still to come."""
    count, first = db.session.execute(
        select(func.count(Occupancy.id), func.min(Occupancy.starts_at)).where(
            Occupancy.unit_id.in_([unit.id for unit in units]), Occupancy.ends_at > now,
            or_(Occupancy.expires_at.is_(None), Occupancy.expires_at > now))).one()
    if count:
        raise Conflict(
            _("The room has %(num)s booked dates still to come, the first on %(day)s; its "
              "halves cannot be changed until they are moved or cancelled.",
              num=count, day=day(first)),
            code="room_has_bookings", details={"bookings_to_come": count})


def split(actor: User, room_id: int, now: datetime | None = None) -> list[Room]:
    """Divide an undivided room into two halves "<name> del A" and "del B", each with half
    the capacity and the room's windows, facilities, rules and approval; the room itself
    stays bookable as the whole."""
    room = editable_room(actor, room_id)
    now = now or utcnow()
    if len(room.units) != 1 or len(rooms_sharing(room.units)) != 1:
        raise InvalidInput(_("Only a room that is not divided, and shares its space with no "
                             "other room, can be split into halves."), code="room_not_splittable")
    names = [f"{room.name} del A", f"{room.name} del B"]
    taken = db.session.scalars(select(Room.name).where(
        Room.building_id == room.building_id, func.lower(Room.name).in_(
            [name.lower() for name in names]))).first()
    if taken:
        raise InvalidInput(_("The school already has a room called %(name)s.", name=taken),
                           code="room_not_splittable")
    _check_nothing_to_come(room.units, now)
    [first_unit] = room.units
    first_unit.name = names[0]
    second_unit = Unit(building_id=room.building_id, name=names[1])
    room.units = [first_unit, second_unit]
    halves = [Room(building_id=room.building_id, name=name, room_type=room.room_type,
                   capacity=max(1, room.capacity // 2),
                   area_m2=room.area_m2 // 2 if room.area_m2 else None,
                   description=room.description, rules=room.rules,
                   access_instructions=room.access_instructions,
                   requires_approval=room.requires_approval, is_active=room.is_active,
                   units=[unit],
                   facility_rows=[RoomFacility(facility=row.facility)
                                  for row in room.facility_rows],
                   windows=[RentalWindow(weekday=w.weekday, starts=w.starts, ends=w.ends,
                                         by_agreement=w.by_agreement, valid_from=w.valid_from,
                                         valid_to=w.valid_to) for w in room.windows])
              for name, unit in zip(names, (first_unit, second_unit), strict=True)]
    db.session.add_all(halves)
    db.session.flush()
    audit.record(actor.id, "room.split", "room", room.id,
                 _("%(room)s split into %(first)s and %(second)s", room=room.name,
                   first=names[0], second=names[1]),
                 {"halves": (None, [half.id for half in halves])})
    return halves


def join(actor: User, room_id: int, now: datetime | None = None) -> Room:
    """Undo a split: the halves can no longer be booked (they keep their bookings of the
    past) and the room is one unit again."""
    room = editable_room(actor, room_id)
    now = now or utcnow()
    halves = halves_of(room)
    if not halves:
        raise InvalidInput(_("The room is not divided into halves."), code="room_not_divided")
    _check_nothing_to_come(room.units, now)
    first_unit = room.units[0]
    room.units = [first_unit]
    for half in halves:
        # A half that is taken back into use then blocks the whole room, as it should.
        half.units = [first_unit]
        half.is_active = False
    db.session.flush()
    audit.record(actor.id, "room.joined", "room", room.id,
                 _("The halves of %(room)s joined: %(halves)s can no longer be booked",
                   room=room.name, halves=", ".join(half.name for half in halves)),
                 {"halves": ([half.id for half in halves], None)})
    return room
