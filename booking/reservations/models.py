"""Bookings, their occurrences, and the occupancies that make double booking impossible.

Every active occurrence occupies each unit of its room in one ``occupancy``
row. The database refuses two overlapping occupancies of one unit: on
PostgreSQL with an exclusion constraint (btree_gist), on SQLite with a
trigger (and ``BEGIN IMMEDIATE``, see booking.core.db). Cancelling deletes
the occupancies, which frees the slot at once; the occurrence row stays.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from booking.core.db import UTCDateTime, db, utcnow

if TYPE_CHECKING:
    from booking.accounts.models import User
    from booking.facilities.models import Room
    from booking.organisations.models import Organisation


class BookingStatus(StrEnum):
    HELD = "held"
    PENDING_APPROVAL = "pending_approval"
    PENDING_PAYMENT = "pending_payment"
    CONFIRMED = "confirmed"
    CANCELLED = "cancelled"
    REJECTED = "rejected"
    EXPIRED = "expired"

    @property
    def is_active(self) -> bool:
        """Active bookings occupy their room."""
        return self in ACTIVE_BOOKING_STATUSES


ACTIVE_BOOKING_STATUSES = frozenset(
    {BookingStatus.HELD, BookingStatus.PENDING_APPROVAL, BookingStatus.PENDING_PAYMENT,
     BookingStatus.CONFIRMED}
)


class OccurrenceStatus(StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    COMPLETED = "completed"
    NO_SHOW = "no_show"


class ConflictPolicy(StrEnum):
    """What to do with dates of a series that cannot be booked."""

    REFUSE = "refuse"
    SKIP = "skip"


class Booking(db.Model):
    __tablename__ = "booking"
    __table_args__ = (
        UniqueConstraint("booker_id", "idempotency_key"),
        CheckConstraint("attendees > 0", name="attendees_positive"),
        CheckConstraint("total_ore >= 0", name="total_non_negative"),
        Index("ix_booking_status", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    booker_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"), index=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("room.id"), index=True)
    purpose: Mapped[str] = mapped_column(String(300))
    attendees: Mapped[int]
    status: Mapped[BookingStatus] = mapped_column(String(20))
    customer_category: Mapped[str] = mapped_column(String(30))
    needs_supervisor: Mapped[bool] = mapped_column(default=False)
    # Space-separated codes: room_requires_approval, outside_regular_hours, ...
    approval_reasons: Mapped[str] = mapped_column(String(200), default="")
    total_ore: Mapped[int] = mapped_column(default=0)
    currency: Mapped[str] = mapped_column(String(3), default="NOK")
    price_list_id: Mapped[int | None] = mapped_column(ForeignKey("price_list.id"))
    # The weekly series as requested (null for a single booking).
    repeat_until: Mapped[date | None]
    conflict_policy: Mapped[ConflictPolicy] = mapped_column(String(10), default=ConflictPolicy.REFUSE)
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    request_fingerprint: Mapped[str | None] = mapped_column(String(64))
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    decision_note: Mapped[str] = mapped_column(Text, default="")
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    booker: Mapped[User] = relationship(foreign_keys=[booker_id])
    organisation: Mapped[Organisation | None] = relationship()
    room: Mapped[Room] = relationship()
    occurrences: Mapped[list[Occurrence]] = relationship(
        back_populates="booking", cascade="all, delete-orphan", order_by="Occurrence.starts_at"
    )
    skipped_dates: Mapped[list[SkippedDate]] = relationship(
        back_populates="booking", cascade="all, delete-orphan", order_by="SkippedDate.day"
    )

    @property
    def approval_reason_list(self) -> list[str]:
        return self.approval_reasons.split()

    def can_view(self, user: User) -> bool:
        if user.id == self.booker_id or user.is_case_officer:
            return True
        if user.is_caretaker_of(self.room.building_id):
            return True
        return self.organisation_id is not None and user.membership_in(self.organisation_id) is not None

    def can_cancel(self, user: User) -> bool:
        if user.id == self.booker_id or user.is_case_officer:
            return True
        membership = user.membership_in(self.organisation_id) if self.organisation_id else None
        return membership is not None and membership.is_admin

    def __repr__(self) -> str:
        return f"<Booking {self.id} room={self.room_id} {self.status}>"


class Occurrence(db.Model):
    __tablename__ = "occurrence"
    __table_args__ = (
        CheckConstraint("starts_at < ends_at", name="starts_before_ends"),
        Index("ix_occurrence_booking_starts", "booking_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("booking.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[OccurrenceStatus] = mapped_column(String(20), default=OccurrenceStatus.SCHEDULED)
    needs_supervisor: Mapped[bool] = mapped_column(default=False)
    price_ore: Mapped[int] = mapped_column(default=0)
    refund_ore: Mapped[int] = mapped_column(default=0)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    booking: Mapped[Booking] = relationship(back_populates="occurrences")
    occupancies: Mapped[list[Occupancy]] = relationship(
        back_populates="occurrence", cascade="all, delete-orphan"
    )

    @property
    def is_scheduled(self) -> bool:
        return self.status == OccurrenceStatus.SCHEDULED

    def release(self, now: datetime) -> None:
        """Cancel this date and free its slot at once (its occupancies go)."""
        self.status = OccurrenceStatus.CANCELLED
        self.cancelled_at = now
        self.occupancies.clear()

    def __repr__(self) -> str:
        return f"<Occurrence {self.id} {self.starts_at:%Y-%m-%d %H:%M}Z {self.status}>"


class Occupancy(db.Model):
    """One unit taken for one occurrence's span: the row the database guards."""

    __tablename__ = "occupancy"
    __table_args__ = (
        CheckConstraint("starts_at < ends_at", name="starts_before_ends"),
        Index("ix_occupancy_unit_starts", "unit_id", "starts_at"),
        # Covering: "which units are busy then?" is answered from the index alone.
        Index("ix_occupancy_span", "starts_at", "ends_at", "unit_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    occurrence_id: Mapped[int] = mapped_column(
        ForeignKey("occurrence.id", ondelete="CASCADE"), index=True
    )
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    booking_id: Mapped[int] = mapped_column(ForeignKey("booking.id", ondelete="CASCADE"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Set for holds that lapse (checkout); released before any new insert.
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)

    occurrence: Mapped[Occurrence] = relationship(back_populates="occupancies")
    booking: Mapped[Booking] = relationship()

    def __repr__(self) -> str:
        return f"<Occupancy unit={self.unit_id} {self.starts_at:%Y-%m-%d %H:%M}Z>"


class SkippedDate(db.Model):
    """A date of a requested series that was left out, and why."""

    __tablename__ = "skipped_date"

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("booking.id", ondelete="CASCADE"), index=True)
    day: Mapped[date]
    reason_code: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str] = mapped_column(String(300), default="")

    booking: Mapped[Booking] = relationship(back_populates="skipped_dates")

    def __repr__(self) -> str:
        return f"<SkippedDate {self.day} {self.reason_code}>"
