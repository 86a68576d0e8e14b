"""Bookings, their occurrences, and the occupancies that make double booking impossible.

Every active occurrence occupies each unit of its room in one ``occupancy``
row. The database refuses two overlapping occupancies of one unit: on
PostgreSQL with an exclusion constraint (btree_gist), on SQLite with a
trigger (and ``BEGIN IMMEDIATE``, see booking.core.db). Cancelling deletes
the occupancies, which frees the slot at once; the occurrence row stays.

Status changes go through transition methods (``Booking.confirm``,
``Occurrence.mark_no_show`` …) that consult one table of allowed moves per
kind, raise ``IllegalTransition`` for any other, and record who made each
change, when and why (``StatusChange``), for the audit log and the approval
history.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from booking.core.db import EnumText, Model, UTCDateTime, utcnow
from booking.core.errors import Conflict
from booking.reservations.planning import Outcome, SlotVerdict

if TYPE_CHECKING:
    from booking.accounts.models import User
    from booking.facilities.models import Room
    from booking.organisations.models import Organisation
    from booking.reservations.availability import Plan


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


_B, _O = BookingStatus, OccurrenceStatus

# Every allowed status change, and nothing else. A new flow adds its rows here.
BOOKING_TRANSITIONS: frozenset[tuple[BookingStatus, BookingStatus]] = frozenset({
    # checkout: a held slot goes on to payment, approval or straight to confirmed
    (_B.HELD, _B.PENDING_PAYMENT), (_B.HELD, _B.PENDING_APPROVAL), (_B.HELD, _B.CONFIRMED),
    (_B.HELD, _B.EXPIRED), (_B.HELD, _B.CANCELLED),
    # payment: confirmed only by the payment; an unpaid hold lapses
    (_B.PENDING_PAYMENT, _B.CONFIRMED), (_B.PENDING_PAYMENT, _B.EXPIRED),
    (_B.PENDING_PAYMENT, _B.CANCELLED),
    # a case officer's decision; an approved request that costs money awaits payment
    (_B.PENDING_APPROVAL, _B.CONFIRMED), (_B.PENDING_APPROVAL, _B.PENDING_PAYMENT),
    (_B.PENDING_APPROVAL, _B.REJECTED), (_B.PENDING_APPROVAL, _B.CANCELLED),
    (_B.CONFIRMED, _B.CANCELLED),
    # a late payment for a lapsed hold whose slot is still free
    (_B.EXPIRED, _B.CONFIRMED),
})

OCCURRENCE_TRANSITIONS: frozenset[tuple[OccurrenceStatus, OccurrenceStatus]] = frozenset({
    (_O.SCHEDULED, _O.CANCELLED), (_O.SCHEDULED, _O.COMPLETED), (_O.SCHEDULED, _O.NO_SHOW),
    # the caretaker corrects a mark made by mistake
    (_O.COMPLETED, _O.NO_SHOW), (_O.NO_SHOW, _O.COMPLETED),
    # a lapsed hold paid late while its slot is still free
    (_O.CANCELLED, _O.SCHEDULED),
})


def pays_by_card(total_ore: int, organisation: Organisation | None) -> bool:
    """A booking that costs something is paid by card, unless its organisation is invoiced
    after the month. Free bookings never see a payment step."""
    return total_ore > 0 and not (organisation is not None and organisation.pays_by_invoice)


# Translated when shown, one label per call (a queue page labels hundreds).
STATUS_LABELS = {
    BookingStatus.CANCELLED: _l("cancelled"), BookingStatus.REJECTED: _l("rejected"),
    BookingStatus.EXPIRED: _l("expired"), BookingStatus.CONFIRMED: _l("confirmed"),
    BookingStatus.PENDING_APPROVAL: _l("awaiting approval"),
    BookingStatus.PENDING_PAYMENT: _l("awaiting payment"), BookingStatus.HELD: _l("held"),
    OccurrenceStatus.SCHEDULED: _l("scheduled"), OccurrenceStatus.COMPLETED: _l("completed"),
    OccurrenceStatus.NO_SHOW: _l("did not come"),
}

APPROVAL_REASON_LABELS = {
    "room_requires_approval": _l("this room is always approved by a case officer"),
    "outside_regular_hours": _l("the time is outside the regular rental hours"),
    "large_event": _l("the event is large"),
    "non_local_organisation": _l("the organisation is not from the municipality"),
}


def status_label(status: str) -> str:
    """A booking's or an occurrence's status in words, in the user's language."""
    return str(STATUS_LABELS.get(status, status))  # type: ignore[call-overload]


def approval_reason_label(code: str) -> str:
    """Why a case officer must approve, in words a booker understands."""
    return str(APPROVAL_REASON_LABELS.get(code, code))


class IllegalTransition(Conflict):
    code = "illegal_transition"

    def __init__(self, current: StrEnum, target: StrEnum) -> None:
        super().__init__(_("This cannot be done: it is %(current)s and cannot become %(target)s.",
                           current=status_label(current), target=status_label(target)),
                         details={"status": current.value, "target": target.value})


class ConflictPolicy(StrEnum):
    """What to do with dates of a series that cannot be booked."""

    REFUSE = "refuse"
    SKIP = "skip"


class Booking(Model):
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
    # Who to ask on the day, for the caretaker's day sheet (empty: the booker).
    contact_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="", server_default="")
    # Made by moving that booking: it is released when this one is confirmed.
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("booking.id", ondelete="SET NULL"))
    attendees: Mapped[int]
    status: Mapped[BookingStatus] = mapped_column(EnumText(BookingStatus, 20))
    customer_category: Mapped[str] = mapped_column(String(30))
    needs_supervisor: Mapped[bool] = mapped_column(default=False)
    # Space-separated codes: room_requires_approval, outside_regular_hours, ...
    approval_reasons: Mapped[str] = mapped_column(String(200), default="")
    total_ore: Mapped[int] = mapped_column(default=0)
    currency: Mapped[str] = mapped_column(String(3), default="NOK")
    price_list_id: Mapped[int | None] = mapped_column(ForeignKey("price_list.id"))
    # The weekly series as requested (null for a single booking).
    repeat_until: Mapped[date | None]
    conflict_policy: Mapped[ConflictPolicy] = mapped_column(EnumText(ConflictPolicy, 10),
                                                            default=ConflictPolicy.REFUSE)
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
    status_changes: Mapped[list[StatusChange]] = relationship(
        back_populates="booking", cascade="all, delete-orphan", order_by="StatusChange.id"
    )

    @classmethod
    def create_from_plan(cls, booker: User, plan: Plan, *, purpose: str, attendees: int,
                         organisation_id: int | None, repeat_until: date | None,
                         contact_name: str, contact_phone: str,
                         conflict_policy: ConflictPolicy, idempotency_key: str | None,
                         request_fingerprint: str, now: datetime,
                         payment_due_by: datetime | None = None) -> Booking:
        """A new booking with an occurrence (and its occupancies) per bookable date of the
        plan and a skipped date per refused one: a request when it needs approval, else
        awaiting card payment until ``payment_due_by`` when that is given (the slot is held
        until then), else confirmed. The caller has checked that the plan may be booked."""
        status = (BookingStatus.PENDING_APPROVAL if plan.requires_approval else
                  BookingStatus.PENDING_PAYMENT if payment_due_by else BookingStatus.CONFIRMED)
        hold_until = payment_due_by if status is BookingStatus.PENDING_PAYMENT else None
        booking = cls(
            booker_id=booker.id, organisation_id=organisation_id, room_id=plan.room.id,
            purpose=purpose, attendees=attendees, status=status,
            contact_name=contact_name, contact_phone=contact_phone,
            customer_category=plan.category, needs_supervisor=plan.needs_supervisor,
            approval_reasons=" ".join(plan.approval_reasons), total_ore=plan.quote.total_ore,
            currency=plan.price_list.currency, price_list_id=plan.price_list.id,
            repeat_until=repeat_until, conflict_policy=conflict_policy,
            idempotency_key=idempotency_key, request_fingerprint=request_fingerprint,
            created_at=now, occurrences=[], skipped_dates=[], status_changes=[],
            expires_at=hold_until,
        )
        unit_ids = plan.room.unit_ids
        for verdict, price in zip(plan.bookable, plan.quote.per_occurrence_ore, strict=True):
            slot = verdict.slot
            booking.occurrences.append(Occurrence(
                starts_at=slot.starts_at, ends_at=slot.ends_at, price_ore=price,
                needs_supervisor=verdict.by_agreement,
                occupancies=[Occupancy(unit_id=unit_id, booking=booking, expires_at=hold_until,
                                       starts_at=slot.starts_at, ends_at=slot.ends_at)
                             for unit_id in unit_ids],
            ))
        for verdict in plan.refused:
            booking.skipped_dates.append(SkippedDate(
                day=verdict.slot.day, reason_code=verdict.outcome.value,
                reason=verdict.reason or _skip_reason(verdict)))
        booking.status_changes.append(StatusChange(
            to_status=status, actor_id=booker.id, at=now,
            reason=booking.approval_reasons))
        return booking

    # -- state ------------------------------------------------------------------------

    @property
    def is_active(self) -> bool:
        """Active bookings occupy their room."""
        return self.status.is_active

    @property
    def is_pending_approval(self) -> bool:
        return self.status is BookingStatus.PENDING_APPROVAL

    @property
    def is_confirmed(self) -> bool:
        return self.status is BookingStatus.CONFIRMED

    @property
    def was_confirmed(self) -> bool:
        """Confirmed now or at some time (a request or a hold that was given up never was)."""
        return any(c.to_status == BookingStatus.CONFIRMED.value and c.occurrence_id is None
                   for c in self.status_changes)

    @property
    def is_awaiting_payment(self) -> bool:
        return self.status is BookingStatus.PENDING_PAYMENT

    @property
    def amount_due_ore(self) -> int:
        """What paying for it now costs: its dates not cancelled (a date cancelled before
        the payment is not paid for)."""
        return sum(o.price_ore for o in self.occurrences
                   if o.status is not OccurrenceStatus.CANCELLED)

    @property
    def pays_by_card(self) -> bool:
        return pays_by_card(self.total_ore, self.organisation)

    def can_become(self, target: BookingStatus) -> bool:
        return (self.status, target) in BOOKING_TRANSITIONS

    def _move_to(self, target: BookingStatus, actor: User | None, now: datetime,
                 reason: str = "") -> None:
        if not self.can_become(target):
            raise IllegalTransition(self.status, target)
        self.status_changes.append(StatusChange(
            from_status=self.status, to_status=target, actor_id=actor.id if actor else None,
            at=now, reason=reason))
        self.status = target

    def confirm(self, actor: User | None, now: datetime, reason: str = "") -> None:
        self._move_to(BookingStatus.CONFIRMED, actor, now, reason)

    def await_payment(self, actor: User | None, now: datetime, expires_at: datetime,
                      reason: str = "") -> None:
        self._move_to(BookingStatus.PENDING_PAYMENT, actor, now, reason)
        self._hold_until(expires_at)

    def confirm_paid(self, now: datetime) -> None:
        """The payment arrived: confirmed, and the slot is held for good."""
        self._move_to(BookingStatus.CONFIRMED, None, now, "paid")
        self._hold_until(None)

    def revive_paid(self, unit_ids: list[int], now: datetime) -> None:
        """A hold that lapsed was paid after all: its dates still to come take their slot
        again (the caller flushes in a savepoint: the database refuses a slot taken since)."""
        self._move_to(BookingStatus.CONFIRMED, None, now, "paid after the hold expired")
        self.expires_at = None
        for occurrence in self.occurrences:
            if occurrence.status is OccurrenceStatus.CANCELLED and occurrence.starts_at > now:
                occurrence._move_to(OccurrenceStatus.SCHEDULED, None, now, "paid")
                occurrence.cancelled_at = None
                occurrence.occupancies = [
                    Occupancy(unit_id=unit_id, booking=self, starts_at=occurrence.starts_at,
                              ends_at=occurrence.ends_at) for unit_id in unit_ids]

    def _hold_until(self, expires_at: datetime | None) -> None:
        self.expires_at = expires_at
        for occurrence in self.occurrences:
            for occupancy in occurrence.occupancies:
                occupancy.expires_at = expires_at

    def approve(self, officer: User, now: datetime, note: str = "",
                payment_due_by: datetime | None = None) -> None:
        """A case officer's yes to a request: confirmed, or, when it is paid by card,
        awaiting payment until ``payment_due_by`` (its slot held until then)."""
        self._record_decision(officer, now, note)
        if payment_due_by is not None and self.pays_by_card:
            self.await_payment(officer, now, payment_due_by, note)
        else:
            self.confirm(officer, now, note)

    def reject(self, officer: User, now: datetime, note: str = "") -> None:
        """A case officer's no to a request: its dates are freed at once."""
        self._record_decision(officer, now, note)
        self._move_to(BookingStatus.REJECTED, officer, now, note)
        self._cancel_scheduled(officer, now, note)

    def cancel(self, actor: User | None, now: datetime, reason: str = "") -> None:
        """End the booking (its dates are cancelled one by one by the caller, with refunds)."""
        self._move_to(BookingStatus.CANCELLED, actor, now, reason)
        self.cancelled_at = now

    def expire(self, now: datetime) -> None:
        """A hold or an unpaid booking whose time ran out: its dates are freed."""
        self._move_to(BookingStatus.EXPIRED, None, now, "expired")
        self._cancel_scheduled(None, now, "expired")

    def _record_decision(self, officer: User, now: datetime, note: str) -> None:
        if not self.is_pending_approval:
            raise IllegalTransition(self.status, BookingStatus.CONFIRMED)
        self.decided_at = now
        self.decided_by_id = officer.id
        self.decision_note = note

    def _cancel_scheduled(self, actor: User | None, now: datetime, reason: str) -> None:
        for occurrence in self.occurrences:
            if occurrence.is_scheduled:
                occurrence.cancel(actor, now, reason)

    # -- who may -----------------------------------------------------------------------

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

    def can_decide(self, user: User) -> bool:
        """Who may approve or reject a request: case officers (and admins), never on their
        own request or one of an organisation they belong to."""
        return user.can_decide_requests and not self.is_own_request_of(user)

    def is_own_request_of(self, user: User) -> bool:
        return user.id == self.booker_id or (
            self.organisation_id is not None and user.membership_in(self.organisation_id) is not None)

    def __repr__(self) -> str:
        return f"<Booking {self.id} room={self.room_id} {self.status}>"


class Occurrence(Model):
    __tablename__ = "occurrence"
    __table_args__ = (
        CheckConstraint("starts_at < ends_at", name="starts_before_ends"),
        Index("ix_occurrence_booking_starts", "booking_id", "starts_at"),
        # A requester's dates marked came / did not come, counted from the index alone.
        Index("ix_occurrence_booking_status", "booking_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("booking.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[OccurrenceStatus] = mapped_column(EnumText(OccurrenceStatus, 20),
                                                     default=OccurrenceStatus.SCHEDULED)
    needs_supervisor: Mapped[bool] = mapped_column(default=False)
    price_ore: Mapped[int] = mapped_column(default=0)
    refund_ore: Mapped[int] = mapped_column(default=0)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The booker was reminded two days before (once per date).
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    booking: Mapped[Booking] = relationship(back_populates="occurrences")
    occupancies: Mapped[list[Occupancy]] = relationship(
        back_populates="occurrence", cascade="all, delete-orphan"
    )

    @property
    def is_scheduled(self) -> bool:
        return self.status is OccurrenceStatus.SCHEDULED

    def can_become(self, target: OccurrenceStatus) -> bool:
        return (self.status, target) in OCCURRENCE_TRANSITIONS

    def _move_to(self, target: OccurrenceStatus, actor: User | None, now: datetime,
                 reason: str) -> None:
        if not self.can_become(target):
            raise IllegalTransition(self.status, target)
        self.booking.status_changes.append(StatusChange(
            occurrence=self, from_status=self.status, to_status=target,
            actor_id=actor.id if actor else None, at=now, reason=reason))
        self.status = target

    def cancel(self, actor: User | None, now: datetime, reason: str = "") -> None:
        """Cancel this date and free its slot at once (its occupancies go)."""
        self._move_to(OccurrenceStatus.CANCELLED, actor, now, reason)
        self.cancelled_at = now
        self.occupancies.clear()

    def mark_completed(self, actor: User | None, now: datetime, note: str = "") -> None:
        self._move_to(OccurrenceStatus.COMPLETED, actor, now, note)

    def mark_no_show(self, actor: User | None, now: datetime, note: str = "") -> None:
        self._move_to(OccurrenceStatus.NO_SHOW, actor, now, note)

    def __repr__(self) -> str:
        return f"<Occurrence {self.id} {self.starts_at:%Y-%m-%d %H:%M}Z {self.status}>"


class Occupancy(Model):
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


class SkippedDate(Model):
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


def _skip_reason(verdict: SlotVerdict) -> str:
    if verdict.outcome is Outcome.TAKEN:
        return _("Already booked")
    return _("Outside rental hours")


class StatusChange(Model):
    """One status change of a booking or of one of its dates: who, when, from, to, why.

    ``from_status`` is empty for the booking's creation. Statuses are kept as
    text, since a row holds either a booking's or an occurrence's.
    """

    __tablename__ = "status_change"
    # The audit log reads the newest changes first.
    __table_args__ = (Index("ix_status_change_at", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("booking.id", ondelete="CASCADE"), index=True)
    occurrence_id: Mapped[int | None] = mapped_column(
        ForeignKey("occurrence.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    reason: Mapped[str] = mapped_column(Text, default="")

    booking: Mapped[Booking] = relationship(back_populates="status_changes")
    occurrence: Mapped[Occurrence | None] = relationship()
    actor: Mapped[User | None] = relationship()

    def __repr__(self) -> str:
        what = f"occurrence {self.occurrence_id}" if self.occurrence_id else "booking"
        return f"<StatusChange {what} {self.from_status}->{self.to_status}>"
