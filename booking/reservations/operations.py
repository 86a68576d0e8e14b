"""Booking use cases: plan, search, book, cancel, approve.

Every booking is planned the same way, whether for a quote, the
availability search or a real booking: expand the request into local slots,
judge each slot against the room's windows, closures, holidays and existing
occupancies (pure, in booking.reservations.planning), then price it.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import and_, delete, or_, select, union, update
from sqlalchemy.exc import IntegrityError

from booking.accounts.models import User
from booking.core.db import db, utcnow
from booking.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from booking.core.timeutil import NonexistentLocalTime, local_date_of, local_day_span, local_to_utc
from booking.organisations.models import Organisation
from booking.organisations.operations import get_organisation
from booking.pricing import operations as pricing
from booking.pricing.models import PriceList
from booking.pricing.quote import Quote, QuotedOccurrence, quote, refund_ore
from booking.reservations import catalogue
from booking.reservations.catalogue import PriceInfo, RoomCard
from booking.reservations.intervals import Interval, merge, overlaps, subtract
from booking.reservations.models import (
    ACTIVE_BOOKING_STATUSES,
    Booking,
    BookingStatus,
    ConflictPolicy,
    Occupancy,
    Occurrence,
    SkippedDate,
)
from booking.reservations.planning import Busy, Outcome, RoomJudgement, SlotVerdict, judge_slots
from booking.reservations.recurrence import Slot, expand_weekly

# An occurrence lies within one local day, so no occupancy is longer than this;
# it bounds the index range scanned when looking for overlaps.
MAX_OCCURRENCE = timedelta(hours=25)
OVERLAP_MARKER = "occupancy_no_overlap"


@dataclass(frozen=True)
class TimeRequest:
    """A requested time: one date, or weekly from that date until a later one."""

    day: date
    start: time
    end: time
    repeat_until: date | None = None


@dataclass
class Plan:
    """A room judged for a requested time, with its price."""

    room: RoomCard
    judgement: RoomJudgement
    category: str
    price_list: PriceInfo
    quote: Quote
    approval_reasons: list[str] = field(default_factory=list)

    @property
    def bookable(self) -> list[SlotVerdict]:
        return self.judgement.bookable

    @property
    def refused(self) -> list[SlotVerdict]:
        return self.judgement.refused

    @property
    def needs_supervisor(self) -> bool:
        return self.judgement.needs_agreement

    @property
    def requires_approval(self) -> bool:
        return bool(self.approval_reasons)


# -- expanding and judging ------------------------------------------------------------


def expand(request: TimeRequest, now: datetime) -> list[Slot]:
    """The request's slots, or a clear error for times that cannot be booked at all."""
    config = current_app.config
    if not request.start < request.end:
        raise InvalidInput(_("The end time must be after the start time."), code="end_before_start",
                           details={"start": request.start.strftime("%H:%M"),
                                    "end": request.end.strftime("%H:%M")})
    if request.repeat_until is not None:
        if request.repeat_until < request.day:
            raise InvalidInput(_("The series must end on or after its first date."),
                               code="series_ends_before_start")
        if (request.repeat_until - request.day).days > config["MAX_SERIES_DAYS"]:
            raise InvalidInput(_("A series can span at most %(days)s days.",
                                 days=config["MAX_SERIES_DAYS"]), code="series_too_long")
    last_day = request.repeat_until or request.day
    if (last_day - local_date_of(now)).days > config["BOOKING_HORIZON_DAYS"]:
        raise InvalidInput(_("Bookings can be made at most %(days)s days ahead.",
                             days=config["BOOKING_HORIZON_DAYS"]), code="too_far_ahead")
    try:
        slots = expand_weekly(request.day, request.start, request.end, request.repeat_until)
    except NonexistentLocalTime as gap:
        raise InvalidInput(
            _("%(time)s on %(date)s does not exist: the clocks go forward an hour that night.",
              time=gap.at.strftime("%H:%M"), date=format_date(gap.day, "long")),
            code="nonexistent_local_time", details={"date": gap.day.isoformat()},
        ) from gap
    if slots[0].starts_at < now:
        raise InvalidInput(_("The time has already passed."), code="in_the_past")
    return slots


def _overlap_conditions(slots: Sequence[Slot]):
    return or_(*(
        and_(Occupancy.starts_at < slot.ends_at,
             Occupancy.starts_at > slot.starts_at - MAX_OCCURRENCE,
             Occupancy.ends_at > slot.starts_at)
        for slot in slots
    ))


def busy_by_unit(unit_ids: Sequence[int], slots: Sequence[Slot]) -> dict[int, list[Busy]]:
    """Existing occupancies of the units overlapping any of the slots, per unit."""
    query = select(Occupancy.unit_id, Occupancy.starts_at, Occupancy.ends_at,
                   Occupancy.booking_id).where(_overlap_conditions(slots),
                                               Occupancy.unit_id.in_(unit_ids))
    busy: dict[int, list[Busy]] = defaultdict(list)
    for unit_id, starts_at, ends_at, booking_id in db.session.execute(query):
        busy[unit_id].append(Busy(starts_at, ends_at, booking_id))
    return busy


def busy_unit_ids(slots: Sequence[Slot]) -> set[int]:
    """Units with any occupancy overlapping any of the slots.

    One range scan per slot, joined by UNION: both databases use the covering
    index for each part, where one OR of all the ranges made SQLite scan the table.
    """
    if not slots:
        return set()
    parts = [select(Occupancy.unit_id).where(
        Occupancy.starts_at < slot.ends_at, Occupancy.starts_at > slot.starts_at - MAX_OCCURRENCE,
        Occupancy.ends_at > slot.starts_at) for slot in slots]
    return set(db.session.scalars(union(*parts)))


def _approval_reasons(room: RoomCard, judgement: RoomJudgement, attendees: int,
                      organisation: Organisation | None) -> list[str]:
    config = current_app.config
    reasons = []
    if room.requires_approval:
        reasons.append("room_requires_approval")
    if judgement.needs_agreement:
        reasons.append("outside_regular_hours")
    if attendees > config["LARGE_EVENT_ATTENDEES"]:
        reasons.append("large_event")
    if organisation is not None and not organisation.is_local_to(config["MUNICIPALITY_NAME"]):
        reasons.append("non_local_organisation")
    return reasons


def _plan(room: RoomCard, judgement: RoomJudgement, price_list: PriceInfo, category: str,
          attendees: int, organisation: Organisation | None) -> Plan:
    rate = price_list.rates.get((room.room_type, category))
    if rate is None:
        raise InvalidInput(_("The price list has no price for this room and customer."),
                           code="no_price")
    priced = quote(rate, [QuotedOccurrence(v.slot.minutes, v.agreement_minutes)
                          for v in judgement.bookable])
    reasons = _approval_reasons(room, judgement, attendees, organisation)
    return Plan(room, judgement, category, price_list, priced, reasons)


def plan_booking(room: RoomCard, request: TimeRequest, *, attendees: int,
                 organisation: Organisation | None, now: datetime) -> Plan:
    slots = expand(request, now)
    known = catalogue.current()
    rules = known.rules([room], slots[0].day, slots[-1].day)[room.id]
    busy = [b for per_unit in busy_by_unit(room.unit_ids, slots).values() for b in per_unit]
    judgement = judge_slots(slots, rules.windows, rules.blackouts, busy)
    return _plan(room, judgement, known.price_list_on(slots[0].day),
                 pricing.customer_category_for(organisation), attendees, organisation)


@dataclass(frozen=True)
class SearchFilters:
    min_capacity: int | None = None
    facilities: tuple[str, ...] = ()
    room_type: str | None = None
    building_id: int | None = None
    area: str | None = None


def search_availability(request: TimeRequest, filters: SearchFilters, *, attendees: int = 1,
                        organisation: Organisation | None = None,
                        category: str | None = None, now: datetime | None = None) -> list[Plan]:
    """Rooms free at the requested time, priced.

    A room is offered when no date collides with another booking and at least
    one date is bookable; dates closed for holidays or closures are listed
    as skipped. A handful of queries serve all rooms, whatever their number.
    """
    now = now or utcnow()
    slots = expand(request, now)
    known = catalogue.current()
    rooms = known.find_rooms(
        min_capacity=max(filters.min_capacity or 1, attendees), facilities=filters.facilities,
        room_type=filters.room_type, building_id=filters.building_id, area=filters.area)
    if not rooms:
        return []
    rules = known.rules(rooms, slots[0].day, slots[-1].day,
                        weekdays={slot.day.weekday() for slot in slots})
    # Dates closed everywhere (holidays, school holidays) cannot collide with anything.
    closed_everywhere = set.intersection(*(set(r.blackouts) for r in rules.values()))
    open_slots = [s for s in slots if not any(
        overlaps(b.starts_at, b.ends_at, s.starts_at, s.ends_at) for b in closed_everywhere)]
    busy_units = busy_unit_ids(open_slots)
    price_list = known.price_list_on(slots[0].day)
    category = category or pricing.customer_category_for(organisation)
    # Rooms under the same windows and closures get the same verdicts when free.
    judgements: dict[tuple, RoomJudgement] = {}
    offers = []
    for room in rooms:
        if busy_units.intersection(room.unit_ids):
            continue  # taken on some date; a busy room on a date closed for it alone drops too
        room_rules = rules[room.id]
        key = (tuple(room_rules.windows), tuple(room_rules.blackouts))
        if key not in judgements:
            judgements[key] = judge_slots(slots, room_rules.windows, room_rules.blackouts, [])
        judgement = judgements[key]
        if not judgement.bookable:
            continue
        offers.append(_plan(room, judgement, price_list, category, attendees, organisation))
    return offers


# -- refusals ----------------------------------------------------------------------------


def _refusal_details(verdicts: Sequence[SlotVerdict]) -> list[dict[str, Any]]:
    return [{
        "date": v.slot.day.isoformat(),
        "reason_code": v.outcome.value,
        "reason": v.reason,
        "conflicting_booking_ids": list(v.conflicting_booking_ids),
    } for v in verdicts]


def raise_refusal(room: RoomCard, verdicts: Sequence[SlotVerdict]) -> None:
    details = {"dates": _refusal_details(verdicts)}
    first = verdicts[0]
    day = format_date(first.slot.day, "full")
    taken = [v for v in verdicts if v.outcome is Outcome.TAKEN]
    if taken:
        raise Conflict(
            _("%(room)s is already booked at that time on %(date)s.", room=room.name,
              date=format_date(taken[0].slot.day, "full")) if len(taken) == 1 else
            _("%(room)s is already booked at that time on %(count)s of the dates.",
              room=room.name, count=len(taken)),
            code="slot_taken", details=details)
    if first.outcome is Outcome.OUTSIDE_RENTAL_HOURS:
        raise InvalidInput(
            _("%(room)s cannot be rented at that time on %(date)s. See the room's rental hours.",
              room=room.name, date=day), code="outside_rental_hours", details=details)
    if first.outcome is Outcome.PUBLIC_HOLIDAY:
        raise InvalidInput(_("%(date)s is a public holiday (%(name)s).", date=day, name=first.reason),
                           code="public_holiday", details=details)
    raise InvalidInput(_("%(room)s is closed on %(date)s (%(reason)s).", room=room.name, date=day,
                         reason=first.reason), code="closed", details=details)


# -- booking -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BookingRequest:
    room_id: int
    time: TimeRequest
    purpose: str
    attendees: int = 1
    organisation_id: int | None = None
    conflict_policy: ConflictPolicy = ConflictPolicy.REFUSE

    def fingerprint(self) -> str:
        payload = json.dumps({
            "room": self.room_id, "day": self.time.day, "start": self.time.start,
            "end": self.time.end, "until": self.time.repeat_until, "purpose": self.purpose,
            "attendees": self.attendees, "org": self.organisation_id,
            "policy": self.conflict_policy.value,
        }, default=str, sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()


def organisation_for_booking(user: User, organisation_id: int | None) -> Organisation | None:
    if organisation_id is None:
        return None
    organisation = get_organisation(organisation_id)
    if not (user.membership_in(organisation_id) or user.is_case_officer):
        raise Forbidden(_("You can only book for organisations you are a member of."),
                        code="not_a_member")
    return organisation


def release_expired_holds(now: datetime) -> int:
    """Free the slots of holds whose checkout time ran out. Returns how many bookings."""
    expired = list(db.session.scalars(
        select(Booking.id).where(Booking.status.in_([BookingStatus.HELD,
                                                     BookingStatus.PENDING_PAYMENT]),
                                 Booking.expires_at <= now)))
    if expired:
        db.session.execute(delete(Occupancy).where(Occupancy.booking_id.in_(expired)))
        db.session.execute(update(Booking).where(Booking.id.in_(expired))
                           .values(status=BookingStatus.EXPIRED))
    return len(expired)


def find_by_idempotency_key(user: User, key: str) -> Booking | None:
    return db.session.scalar(
        select(Booking).where(Booking.booker_id == user.id, Booking.idempotency_key == key))


def create_booking(user: User, request: BookingRequest, *, idempotency_key: str | None = None,
                   now: datetime | None = None) -> tuple[Booking, bool]:
    """Book a room. Returns the booking and whether it was created now.

    The same idempotency key with the same request returns the first booking
    and creates nothing; with a different request it is an error.
    """
    now = now or utcnow()
    fingerprint = request.fingerprint()
    if idempotency_key:
        existing = find_by_idempotency_key(user, idempotency_key)
        if existing is not None:
            if existing.request_fingerprint != fingerprint:
                raise InvalidInput(_("This Idempotency-Key was used for a different request."),
                                   code="idempotency_key_reused")
            return existing, False
    room = catalogue.current().room(request.room_id)
    organisation = organisation_for_booking(user, request.organisation_id)
    if request.attendees > room.capacity:
        raise InvalidInput(_("%(room)s takes at most %(capacity)s people.", room=room.name,
                             capacity=room.capacity), code="over_capacity",
                           details={"capacity": room.capacity})
    release_expired_holds(now)
    plan = plan_booking(room, request.time, attendees=request.attendees,
                        organisation=organisation, now=now)
    if plan.refused and (request.conflict_policy is ConflictPolicy.REFUSE or not plan.bookable):
        raise_refusal(room, plan.refused)

    booking = Booking(
        booker_id=user.id, organisation_id=request.organisation_id, room_id=room.id,
        purpose=request.purpose, attendees=request.attendees,
        status=BookingStatus.PENDING_APPROVAL if plan.requires_approval else BookingStatus.CONFIRMED,
        customer_category=plan.category, needs_supervisor=plan.needs_supervisor,
        approval_reasons=" ".join(plan.approval_reasons), total_ore=plan.quote.total_ore,
        currency=plan.price_list.currency, price_list_id=plan.price_list.id,
        repeat_until=request.time.repeat_until, conflict_policy=request.conflict_policy,
        idempotency_key=idempotency_key, request_fingerprint=fingerprint, created_at=now,
        occurrences=[], skipped_dates=[],
    )
    db.session.add(booking)
    for verdict, price in zip(plan.bookable, plan.quote.per_occurrence_ore, strict=True):
        slot = verdict.slot
        booking.occurrences.append(Occurrence(
            starts_at=slot.starts_at, ends_at=slot.ends_at, price_ore=price,
            needs_supervisor=verdict.by_agreement,
            occupancies=[Occupancy(unit_id=unit_id, booking=booking,
                                   starts_at=slot.starts_at, ends_at=slot.ends_at)
                         for unit_id in room.unit_ids],
        ))
    for verdict in plan.refused:
        booking.skipped_dates.append(SkippedDate(
            day=verdict.slot.day, reason_code=verdict.outcome.value,
            reason=verdict.reason or _skip_reason(verdict)))
    _flush_guarded()
    return booking, True


def _skip_reason(verdict: SlotVerdict) -> str:
    if verdict.outcome is Outcome.TAKEN:
        return _("Already booked")
    return _("Outside rental hours")


def _flush_guarded() -> None:
    """Flush, turning the database's overlap guard into a clear conflict.

    Reached only when another request booked the slot between our check and
    our insert: the check above gives the detailed error in all other cases.
    """
    try:
        db.session.flush()
    except IntegrityError as error:
        if OVERLAP_MARKER in str(error.orig):
            raise Conflict(_("Someone else booked this time a moment ago."),
                           code="slot_taken") from error
        if "idempotency_key" in str(error.orig):
            raise Conflict(_("A request with this Idempotency-Key is already being processed."),
                           code="idempotency_key_in_use") from error
        raise


# -- reading ---------------------------------------------------------------------------------


def get_booking(user: User, booking_id: int) -> Booking:
    booking = db.session.get(Booking, booking_id)
    if booking is None or not booking.can_view(user):
        # Not found rather than forbidden: do not reveal which ids exist.
        raise NotFound(_("Booking %(id)s does not exist.", id=booking_id), code="booking_not_found")
    return booking


def list_bookings(user: User, *, scope: str = "mine", organisation_id: int | None = None,
                  status: str | None = None, room_id: int | None = None) -> list[Booking]:
    query = select(Booking).order_by(Booking.created_at.desc(), Booking.id.desc())
    if organisation_id is not None:
        organisation_for_booking(user, organisation_id)  # membership check
        query = query.where(Booking.organisation_id == organisation_id)
    elif scope == "all":
        if not user.is_case_officer:
            raise Forbidden(_("Only case officers can list everyone's bookings."))
    else:
        query = query.where(Booking.booker_id == user.id)
    if status:
        query = query.where(Booking.status == status)
    if room_id is not None:
        query = query.where(Booking.room_id == room_id)
    return list(db.session.scalars(query.limit(500)))


# -- cancelling and deciding ---------------------------------------------------------------------


@dataclass(frozen=True)
class Cancellation:
    booking: Booking
    cancelled: list[Occurrence]
    refund_ore: int


def _cancel_occurrences(booking: Booking, occurrences: Sequence[Occurrence],
                        now: datetime) -> list[Occurrence]:
    """Cancel future occurrences and free their slots. Unconfirmed bookings owe nothing,
    so they get everything back; confirmed ones follow the cancellation policy."""
    policy = db.session.get(PriceList, booking.price_list_id).cancellation_policy \
        if booking.price_list_id else None
    cancelled = []
    for occurrence in occurrences:
        if not occurrence.is_scheduled or occurrence.starts_at <= now:
            continue
        hours_before = (occurrence.starts_at - now).total_seconds() / 3600
        if booking.status != BookingStatus.CONFIRMED or policy is None:
            occurrence.refund_ore = occurrence.price_ore
        else:
            occurrence.refund_ore = refund_ore(occurrence.price_ore, hours_before, policy)
        occurrence.release(now)
        cancelled.append(occurrence)
    return cancelled


def cancel_booking(user: User, booking: Booking, now: datetime | None = None) -> Cancellation:
    """Cancel every future date of a booking."""
    now = now or utcnow()
    _ensure_can_cancel(user, booking)
    if booking.status not in ACTIVE_BOOKING_STATUSES:
        raise Conflict(_("The booking is already %(status)s.", status=status_label(booking.status)),
                       code="not_cancellable")
    cancelled = _cancel_occurrences(booking, booking.occurrences, now)
    if not cancelled:
        raise Conflict(_("Nothing left to cancel: every date has passed."), code="not_cancellable")
    return _finish_cancellation(booking, cancelled, now)


def cancel_occurrence(user: User, booking: Booking, occurrence_id: int,
                      now: datetime | None = None) -> Cancellation:
    """Cancel one date of a booking; the booking ends when no future date is left."""
    now = now or utcnow()
    _ensure_can_cancel(user, booking)
    occurrence = next((o for o in booking.occurrences if o.id == occurrence_id), None)
    if occurrence is None:
        raise NotFound(_("The booking has no date with id %(id)s.", id=occurrence_id),
                       code="occurrence_not_found")
    cancelled = _cancel_occurrences(booking, [occurrence], now)
    if not cancelled:
        raise Conflict(_("That date is already cancelled or has passed."), code="not_cancellable")
    return _finish_cancellation(booking, cancelled, now)


def _ensure_can_cancel(user: User, booking: Booking) -> None:
    if not booking.can_cancel(user):
        raise Forbidden(_("You cannot cancel this booking."))


def _finish_cancellation(booking: Booking, cancelled: list[Occurrence],
                         now: datetime) -> Cancellation:
    if not any(o.is_scheduled and o.starts_at > now for o in booking.occurrences):
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = now
    db.session.flush()
    return Cancellation(booking, cancelled, sum(o.refund_ore for o in cancelled))


def status_label(status: str) -> str:
    labels = {
        BookingStatus.CANCELLED: _("cancelled"), BookingStatus.REJECTED: _("rejected"),
        BookingStatus.EXPIRED: _("expired"), BookingStatus.CONFIRMED: _("confirmed"),
        BookingStatus.PENDING_APPROVAL: _("awaiting approval"),
        BookingStatus.PENDING_PAYMENT: _("awaiting payment"), BookingStatus.HELD: _("held"),
    }
    return str(labels.get(status, status))


def decide_booking(officer: User, booking: Booking, *, approve: bool, note: str = "",
                   now: datetime | None = None) -> Booking:
    """A case officer approves or rejects a request. Rejecting frees its slots."""
    now = now or utcnow()
    if not officer.is_case_officer:
        raise Forbidden(_("Only case officers can approve or reject requests."))
    if booking.status != BookingStatus.PENDING_APPROVAL:
        raise Conflict(_("Only requests awaiting approval can be decided; this one is %(status)s.",
                         status=status_label(booking.status)), code="not_pending")
    booking.decided_at = now
    booking.decided_by_id = officer.id
    booking.decision_note = note
    if approve:
        booking.status = BookingStatus.CONFIRMED
    else:
        booking.status = BookingStatus.REJECTED
        for occurrence in booking.occurrences:
            if occurrence.is_scheduled:
                occurrence.release(now)
    db.session.flush()
    return booking


# -- free and busy -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Schedule:
    busy: list[Interval[datetime]]
    closed: list[tuple[Interval[datetime], str, str]]  # span, reason code, reason
    free: list[tuple[Interval[datetime], bool]]  # span, by agreement


def room_schedule(room: RoomCard, first: date, last: date) -> Schedule:
    """When a room is taken, closed and free (within its rental windows) over local dates."""
    rules = catalogue.current().rules([room], first, last)[room.id]
    span_start, span_end = local_day_span(first, last)
    rows = db.session.execute(
        select(Occupancy.starts_at, Occupancy.ends_at).where(
            Occupancy.unit_id.in_(room.unit_ids),
            Occupancy.starts_at < span_end, Occupancy.ends_at > span_start))
    busy = merge(Interval(starts_at, ends_at) for starts_at, ends_at in rows)
    closed = [(Interval(max(b.starts_at, span_start), min(b.ends_at, span_end)), b.reason_code,
               b.reason) for b in rules.blackouts
              if overlaps(b.starts_at, b.ends_at, span_start, span_end)]
    cuts = busy + [span for span, _code, _reason in closed]
    free: list[tuple[Interval[datetime], bool]] = []
    day = first
    while day <= last:
        for window in rules.windows:
            if not window.applies_on(day):
                continue
            try:
                opening = Interval(local_to_utc(day, window.starts), local_to_utc(day, window.ends))
            except NonexistentLocalTime:
                continue  # a window inside the spring-forward gap simply does not happen
            free.extend((piece, window.by_agreement) for piece in subtract([opening], cuts))
        day += timedelta(days=1)
    return Schedule(busy, closed, sorted(free, key=lambda item: item[0]))
