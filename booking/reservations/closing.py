"""Closing rooms that are booked: a school holiday, an exam period or the school's own use
added to a room, a building or every building. Before saving, the case officer sees the
dates it hits; saving closes and cancels those dates in the same transaction, each paid
date refunded in full (the municipality broke the agreement, not the booker) and each
booker told why."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from booking.accounts.models import User
from booking.core import audit
from booking.core.db import db, utcnow
from booking.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from booking.core.timeutil import local_date_of, local_day_span
from booking.facilities import operations as facilities
from booking.facilities.models import Closure, ClosureKind, Room
from booking.reservations import cancellations
from booking.reservations.models import (
    ACTIVE_BOOKING_STATUSES,
    Booking,
    Occurrence,
    OccurrenceStatus,
)

MAX_CLOSURE_DAYS = 400


@dataclass(frozen=True)
class Scope:
    """Where a closure applies: a room, a building, or (neither) every building."""

    building_id: int | None = None
    room_id: int | None = None


@dataclass(frozen=True)
class Closing:
    closure: Closure
    cancelled: list[Occurrence]
    kept: list[Occurrence]  # hit, but left booked (asked not to cancel)
    refund_ore: int


def _check_span(first_day: date, last_day: date) -> None:
    if last_day < first_day:
        raise InvalidInput(_("The last day must not be before the first day."), code="invalid_span",
                           details={"last_day": "before first_day"})
    if (last_day - first_day).days > MAX_CLOSURE_DAYS:
        raise InvalidInput(_("A closure can last at most %(days)s days.", days=MAX_CLOSURE_DAYS),
                           code="invalid_span", details={"last_day": "too far"})


def dates_hit(first_day: date, last_day: date, scope: Scope,
              now: datetime | None = None) -> list[Occurrence]:
    """The dates still to come of active bookings (confirmed, awaiting payment or approval)
    that a closure over these days would fall on, soonest first."""
    _check_span(first_day, last_day)
    now = now or utcnow()
    starts_at, ends_at = local_day_span(first_day, last_day)
    query = (select(Occurrence).join(Occurrence.booking).options(contains_eager(Occurrence.booking))
             .where(Occurrence.status == OccurrenceStatus.SCHEDULED,
                    Occurrence.starts_at < ends_at, Occurrence.ends_at > max(starts_at, now),
                    Booking.status.in_(ACTIVE_BOOKING_STATUSES)))
    if scope.room_id is not None:
        query = query.where(Booking.room_id == facilities.get_room(scope.room_id).id)
    elif scope.building_id is not None:
        facilities.get_building(scope.building_id)
        query = query.join(Room, Room.id == Booking.room_id).where(
            Room.building_id == scope.building_id)
    return list(db.session.scalars(query.order_by(Occurrence.starts_at, Occurrence.id)))


def close(officer: User, *, first_day: date, last_day: date, reason: str, kind: ClosureKind,
          scope: Scope, cancel_bookings: bool = True, now: datetime | None = None) -> Closing:
    """Add the closure; with ``cancel_bookings`` the dates it hits are cancelled with a full
    refund and a notice giving the reason, else they stay booked (the school makes room)."""
    if not officer.can_manage_closures:
        raise Forbidden(_("Only case officers can do this."))
    now = now or utcnow()
    reason = reason.strip()
    if not reason:
        raise InvalidInput(_("Say why the rooms are closed: those hit are told."),
                           code="reason_required", details={"reason": "required"})
    if last_day < local_date_of(now):
        raise InvalidInput(_("The last day has passed: a closure is for days to come."),
                           code="in_the_past", details={"last_day": "in the past"})
    starts_at, ends_at = local_day_span(first_day, last_day)
    same_days = db.session.scalars(select(Closure).where(Closure.starts_at == starts_at,
                                                         Closure.ends_at == ends_at))
    if any(c.room_id == scope.room_id and (scope.room_id or c.building_id == scope.building_id)
           for c in same_days):
        raise Conflict(_("The same closure is already saved."), code="duplicate_closure")
    hit = dates_hit(first_day, last_day, scope, now)
    closure = facilities.create_closure(first_day=first_day, last_day=last_day, reason=reason,
                                        kind=kind, building_id=scope.building_id,
                                        room_id=scope.room_id)
    cancelled: list[Occurrence] = []
    refund = 0
    if cancel_bookings:
        by_booking: dict[Booking, list[Occurrence]] = defaultdict(list)
        for occurrence in hit:
            by_booking[occurrence.booking].append(occurrence)
        for booking, dates in by_booking.items():
            result = cancellations.cancel_in_full(officer, booking, dates, reason=reason, now=now)
            if result is not None:
                cancelled += result.cancelled
                refund += result.refund_ore
    kept = [o for o in hit if o not in cancelled]
    audit.record(officer.id, "closure.created", "closure", closure.id,
                 _("Closed %(first)s–%(last)s: %(reason)s; %(num)s booked dates cancelled",
                   first=first_day.isoformat(), last=last_day.isoformat(), reason=reason,
                   num=len(cancelled)),
                 {"kind": (None, kind), "building_id": (None, closure.building_id),
                  "room_id": (None, closure.room_id),
                  "cancelled_occurrence_ids": (None, [o.id for o in cancelled])}, now=now)
    return Closing(closure, cancelled, kept, refund)


def remove(officer: User, closure_id: int, now: datetime | None = None) -> Closure:
    """Take a closure away (made by mistake): its days can be booked again. The dates it
    cancelled stay cancelled and refunded: their bookers were told and may have planned
    otherwise, so they book again if they want the room."""
    if not officer.can_manage_closures:
        raise Forbidden(_("Only case officers can do this."))
    closure = db.session.get(Closure, closure_id)
    if closure is None:
        raise NotFound(_("There is no such closure."), code="closure_not_found")
    if closure.ends_at <= (now or utcnow()):
        raise Conflict(_("This closure is over and stays on record."), code="closure_over")
    audit.record(officer.id, "closure.removed", "closure", closure.id,
                 _("Closure removed: %(reason)s", reason=closure.reason),
                 {"reason": (closure.reason, None), "starts_at": (closure.starts_at, None),
                  "ends_at": (closure.ends_at, None)}, now=now)
    db.session.delete(closure)
    db.session.flush()
    return closure
