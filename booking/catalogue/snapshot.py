"""What the booking engine needs about rooms, rental rules and prices, cached.

Every search and booking needs rooms, their units and windows, closures and
the price list; reading them each time cost more than the rest of the work
put together. They change rarely, so each process keeps a snapshot tagged
with the catalogue version: a counter in the database that is bumped in the
same transaction as any ORM change to a catalogue table. Each request reads
the counter (one cheap query) and reloads the snapshot if it moved, so a
change made in any process is seen by all on their next request.

Changes made with raw SQL, outside the ORM, must call ``bump_version``.
The listeners that bump it are registered by ``booking.catalogue.init_app``.

This is the one place that finds rooms and the price list in force for the
engine, the availability search and the room listing alike.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import chain

from flask import g, has_app_context
from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from booking.catalogue.models import CatalogueVersion
from booking.core.db import db
from booking.core.errors import NotFound
from booking.core.i18n import current_language
from booking.core.timeutil import local_day_span
from booking.facilities.models import (
    Building,
    Closure,
    RentalWindow,
    Room,
    RoomFacility,
    Unit,
    room_unit,
)
from booking.facilities.public_holidays import public_holiday_blackouts
from booking.facilities.rules import Blackout, WindowSpec, same_area
from booking.pricing.models import PriceList, PriceRate
from booking.pricing.quote import CancellationPolicy, Rate
from booking.pricing.validity import in_force_on
from booking.reservations.intervals import overlaps

CATALOGUE_MODELS = (Building, Room, Unit, RoomFacility, RentalWindow, Closure, PriceList, PriceRate)


def bump_version(session: Session) -> None:
    session.connection().execute(
        update(CatalogueVersion).values(version=CatalogueVersion.version + 1))
    session.info["catalogue_changed"] = True
    if has_app_context():
        g.pop("catalogue", None)


def bump_on_catalogue_change(session: Session, _flush_context: object) -> None:
    """After a flush that touched a catalogue table: bump the version in the same transaction."""
    changed = chain(session.new, session.dirty, session.deleted)
    if any(isinstance(obj, CATALOGUE_MODELS) for obj in changed):
        bump_version(session)


def forget_change(session: Session) -> None:
    session.info.pop("catalogue_changed", None)


@dataclass(frozen=True, slots=True)
class BuildingCard:
    id: int
    name: str
    area: str


@dataclass(slots=True)
class RoomCard:
    """A room as the engine needs it: plain values, no ORM."""

    id: int
    name: str
    room_type: str
    capacity: int
    requires_approval: bool
    is_active: bool
    building_id: int
    building: BuildingCard
    facilities: list[str] = field(default_factory=list)
    unit_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PriceInfo:
    id: int
    currency: str
    valid_from: date
    valid_to: date | None
    policy: CancellationPolicy
    rates: dict[tuple[str, str], Rate]


@dataclass
class RoomRules:
    windows: list[WindowSpec] = field(default_factory=list)
    blackouts: list[Blackout] = field(default_factory=list)


@dataclass
class Catalogue:
    version: int
    rooms: dict[int, RoomCard]  # by building name, then room name
    windows: dict[int, list[WindowSpec]]
    closures: list[tuple[int | None, int | None, Blackout]]  # building, room, span
    price_lists: list[PriceInfo]  # newest first

    def room(self, room_id: int) -> RoomCard:
        room = self.rooms.get(room_id)
        if room is None or not room.is_active:
            raise NotFound(_("Room %(id)s does not exist.", id=room_id), code="room_not_found")
        return room

    def find_rooms(self, *, min_capacity: int | None = None, facilities: Iterable[str] = (),
                   room_type: str | None = None, building_id: int | None = None,
                   area: str | None = None) -> list[RoomCard]:
        """Active rooms matching every filter given, by school name and room name."""
        wanted = set(facilities)
        return [
            room for room in self.rooms.values()
            if room.is_active
            and (min_capacity is None or room.capacity >= min_capacity)
            and (room_type is None or room.room_type == room_type)
            and (building_id is None or room.building_id == building_id)
            and (not area or same_area(room.building.area, area))
            and wanted.issubset(room.facilities)
        ]

    def rules(self, rooms: Sequence[RoomCard], first: date, last: date,
              weekdays: set[int] | None = None) -> dict[int, RoomRules]:
        """Windows, closures and public holidays for the rooms over local dates first..last."""
        span_start, span_end = local_day_span(first, last)
        closures = [(b, r, span) for b, r, span in self.closures
                    if overlaps(span.starts_at, span.ends_at, span_start, span_end)]
        holidays = public_holiday_blackouts(first, last, current_language())
        rules = {}
        for room in rooms:
            windows = [w for w in self.windows.get(room.id, ())
                       if weekdays is None or w.weekday in weekdays]
            blackouts = [span for building_id, room_id, span in closures
                         if (room_id is None or room_id == room.id)
                         and (building_id is None or building_id == room.building_id)]
            rules[room.id] = RoomRules(windows, blackouts + holidays)
        return rules

    def price_list_on(self, day: date) -> PriceInfo:
        return in_force_on(self.price_lists, day)


_snapshots: dict[str, Catalogue] = {}


def current() -> Catalogue:
    """The catalogue for this request: from the process cache while its version holds."""
    if has_app_context() and "catalogue" in g:
        return g.catalogue
    version = db.session.scalar(select(CatalogueVersion.version).where(CatalogueVersion.id == 1))
    key = str(db.engine.url)
    snapshot = _snapshots.get(key)
    if snapshot is None or snapshot.version != version:
        snapshot = _load(version or 0)
        # A snapshot holding this transaction's uncommitted changes must not be
        # shared: if it rolls back, its version number will be used again.
        if not db.session.info.get("catalogue_changed"):
            _snapshots[key] = snapshot
    if has_app_context():
        g.catalogue = snapshot
    return snapshot


def _load(version: int) -> Catalogue:
    session = db.session
    rooms = {
        row[0]: RoomCard(row[0], row[1], row[2], row[3], row[4], row[5], row[6],
                         BuildingCard(row[6], row[7], row[8]))
        for row in session.execute(
            select(Room.id, Room.name, Room.room_type, Room.capacity, Room.requires_approval,
                   Room.is_active, Building.id, Building.name, Building.area)
            .join(Room.building).order_by(Building.name, Room.name))
    }
    for room_id, facility in session.execute(
            select(RoomFacility.room_id, RoomFacility.facility).order_by(RoomFacility.facility)):
        rooms[room_id].facilities.append(facility)
    for room_id, unit_id in session.execute(
            select(room_unit.c.room_id, room_unit.c.unit_id).order_by(room_unit.c.unit_id)):
        rooms[room_id].unit_ids.append(unit_id)
    windows: dict[int, list[WindowSpec]] = defaultdict(list)
    for room_id, weekday, starts, ends, by_agreement, valid_from, valid_to in session.execute(
            select(RentalWindow.room_id, RentalWindow.weekday, RentalWindow.starts,
                   RentalWindow.ends, RentalWindow.by_agreement, RentalWindow.valid_from,
                   RentalWindow.valid_to)
            .order_by(RentalWindow.room_id, RentalWindow.weekday, RentalWindow.starts)):
        windows[room_id].append(WindowSpec(weekday, starts, ends, by_agreement, valid_from, valid_to))
    closures = [
        (c.building_id, c.room_id, Blackout(c.starts_at, c.ends_at, "closure", c.reason))
        for c in session.scalars(select(Closure).order_by(Closure.starts_at))
    ]
    rates: dict[int, dict[tuple[str, str], tuple[int, int]]] = defaultdict(dict)
    for list_id, room_type, category, hourly, cleaning in session.execute(
            select(PriceRate.price_list_id, PriceRate.room_type, PriceRate.category,
                   PriceRate.hourly_ore, PriceRate.cleaning_fee_ore)):
        rates[list_id][(room_type, category)] = (hourly, cleaning)
    price_lists = [
        PriceInfo(pl.id, pl.currency, pl.valid_from, pl.valid_to, pl.cancellation_policy, {
            key: Rate(hourly, pl.supervisor_hourly_ore, cleaning, pl.vat_percent)
            for key, (hourly, cleaning) in rates[pl.id].items()})
        for pl in session.scalars(select(PriceList).order_by(PriceList.valid_from.desc()))
    ]
    return Catalogue(version, rooms, dict(windows), closures, price_lists)
