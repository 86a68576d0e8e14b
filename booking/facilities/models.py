"""Buildings (schools), their rooms and units, rental windows and closures."""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from booking.core.db import EnumText, Model, UTCDateTime, db


class RoomType(StrEnum):
    GYMSAL = "gymsal"
    AULA = "aula"
    KLASSEROM = "klasserom"
    SKOLEKJOKKEN = "skolekjokken"
    MUSIKKROM = "musikkrom"
    MOTEROM = "moterom"


class Facility(StrEnum):
    KITCHEN = "kitchen"
    STAGE = "stage"
    PIANO = "piano"
    PROJECTOR = "projector"
    SOUND_SYSTEM = "sound_system"
    STEP_FREE_ACCESS = "step_free_access"
    ACCESSIBLE_TOILET = "accessible_toilet"
    CHANGING_ROOMS = "changing_rooms"
    SHOWERS = "showers"
    SPORTS_EQUIPMENT = "sports_equipment"
    WIFI = "wifi"
    WHITEBOARD = "whiteboard"


class ClosureKind(StrEnum):
    SCHOOL_HOLIDAY = "school_holiday"
    OWN_USE = "own_use"
    EXAM = "exam"
    MAINTENANCE = "maintenance"
    OTHER = "other"


room_unit = Table(
    "room_unit",
    db.metadata,
    Column("room_id", ForeignKey("room.id", ondelete="CASCADE"), primary_key=True),
    Column("unit_id", ForeignKey("unit.id", ondelete="CASCADE"), primary_key=True),
)


class Building(Model):
    __tablename__ = "building"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    address: Mapped[str] = mapped_column(String(200))
    postcode: Mapped[str] = mapped_column(String(4))
    city: Mapped[str] = mapped_column(String(80))
    area: Mapped[str] = mapped_column(String(80), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    contact_email: Mapped[str] = mapped_column(String(200), default="")

    rooms: Mapped[list[Room]] = relationship(back_populates="building", order_by="Room.name")
    units: Mapped[list[Unit]] = relationship(back_populates="building")

    def __repr__(self) -> str:
        return f"<Building {self.id} {self.name!r}>"


class Unit(Model):
    """The atom of occupancy: a gym hall's half, or a whole undivided room."""

    __tablename__ = "unit"
    __table_args__ = (UniqueConstraint("building_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    building_id: Mapped[int] = mapped_column(ForeignKey("building.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))

    building: Mapped[Building] = relationship(back_populates="units")

    def __repr__(self) -> str:
        return f"<Unit {self.id} {self.name!r}>"


class RoomFacility(Model):
    __tablename__ = "room_facility"

    room_id: Mapped[int] = mapped_column(ForeignKey("room.id", ondelete="CASCADE"), primary_key=True)
    facility: Mapped[Facility] = mapped_column(EnumText(Facility, 40), primary_key=True)

    def __repr__(self) -> str:
        return f"<RoomFacility {self.room_id} {self.facility}>"


class Room(Model):
    """A bookable room: one or more units. Rooms sharing a unit conflict."""

    __tablename__ = "room"
    __table_args__ = (
        UniqueConstraint("building_id", "name"),
        CheckConstraint("capacity > 0", name="capacity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    building_id: Mapped[int] = mapped_column(ForeignKey("building.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    room_type: Mapped[RoomType] = mapped_column(EnumText(RoomType, 20), index=True)
    capacity: Mapped[int]
    area_m2: Mapped[int | None]
    description: Mapped[str] = mapped_column(Text, default="")
    rules: Mapped[str] = mapped_column(Text, default="")
    access_instructions: Mapped[str] = mapped_column(Text, default="")
    requires_approval: Mapped[bool] = mapped_column(default=False)
    is_active: Mapped[bool] = mapped_column(default=True)

    building: Mapped[Building] = relationship(back_populates="rooms")
    units: Mapped[list[Unit]] = relationship(secondary=room_unit, order_by="Unit.name")
    facility_rows: Mapped[list[RoomFacility]] = relationship(cascade="all, delete-orphan")
    windows: Mapped[list[RentalWindow]] = relationship(
        back_populates="room", cascade="all, delete-orphan",
        order_by="(RentalWindow.weekday, RentalWindow.starts)",
    )

    @property
    def facilities(self) -> list[str]:
        return sorted(row.facility for row in self.facility_rows)

    @property
    def unit_ids(self) -> list[int]:
        return [unit.id for unit in self.units]

    def __repr__(self) -> str:
        return f"<Room {self.id} {self.name!r}>"


class RentalWindow(Model):
    """When a room can be rented on a weekday, in Oslo wall time.

    ``by_agreement`` windows (evenings after 21:45, weekends) turn a booking
    into a request for a case officer's approval with a supervisor.
    """

    __tablename__ = "rental_window"
    __table_args__ = (
        CheckConstraint("starts < ends", name="starts_before_ends"),
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int]
    starts: Mapped[time]
    ends: Mapped[time]
    by_agreement: Mapped[bool] = mapped_column(default=False)
    valid_from: Mapped[date | None]
    valid_to: Mapped[date | None]

    room: Mapped[Room] = relationship(back_populates="windows")

    def __repr__(self) -> str:
        return f"<RentalWindow room={self.room_id} {self.weekday} {self.starts}-{self.ends}>"


class Closure(Model):
    """A span when rooms cannot be rented.

    With neither building nor room it closes the whole municipality (school
    holidays); with a building, all its rooms; with a room, that room.
    """

    __tablename__ = "closure"
    __table_args__ = (
        CheckConstraint("starts_at < ends_at", name="starts_before_ends"),
        Index("ix_closure_span", "starts_at", "ends_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    building_id: Mapped[int | None] = mapped_column(ForeignKey("building.id", ondelete="CASCADE"))
    room_id: Mapped[int | None] = mapped_column(ForeignKey("room.id", ondelete="CASCADE"))
    kind: Mapped[ClosureKind] = mapped_column(EnumText(ClosureKind, 20))
    reason: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())

    def __repr__(self) -> str:
        return f"<Closure {self.id} {self.reason!r}>"
