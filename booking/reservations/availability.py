"""Planning a requested time: expand it, judge it, price it; and the availability search.

Every booking is planned the same way, whether for a quote, the availability
search or a real booking: expand the request into local slots, judge each
slot against the room's windows, closures, holidays and existing occupancies
(pure, in ``planning``), then price it (pure, in ``pricing.quote``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, NoReturn

from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import or_, select, union

from booking import catalogue
from booking.catalogue import PriceInfo, RoomCard
from booking.core.db import db, overlapping, utcnow
from booking.core.errors import Conflict, InvalidInput
from booking.core.timeutil import NonexistentLocalTime, local_date_of
from booking.organisations.models import Organisation
from booking.pricing import operations as pricing
from booking.pricing.quote import Quote, QuotedOccurrence, quote
from booking.reservations.intervals import overlaps
from booking.reservations.models import Occupancy
from booking.reservations.planning import Busy, Outcome, RoomJudgement, SlotVerdict, judge_slots
from booking.reservations.recurrence import Slot, expand_weekly

# An occurrence lies within one local day, so no occupancy is longer than this;
# it bounds the index range scanned when looking for overlaps.
MAX_OCCURRENCE = timedelta(hours=25)


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


def _occupancy_overlaps(slot: Slot):
    return overlapping(Occupancy.starts_at, Occupancy.ends_at, slot.starts_at, slot.ends_at,
                       longest=MAX_OCCURRENCE)


def busy_by_unit(unit_ids: Sequence[int], slots: Sequence[Slot]) -> dict[int, list[Busy]]:
    """Existing occupancies of the units overlapping any of the slots, per unit."""
    query = select(Occupancy.unit_id, Occupancy.starts_at, Occupancy.ends_at,
                   Occupancy.booking_id).where(or_(*(_occupancy_overlaps(s) for s in slots)),
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
    parts = [select(Occupancy.unit_id).where(_occupancy_overlaps(slot)) for slot in slots]
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
                 organisation: Organisation | None, now: datetime,
                 moving_booking_id: int | None = None) -> Plan:
    """One room judged and priced for the requested time, as the booker would pay.

    ``moving_booking_id``: the booking being moved, whose own slot does not stand in
    the way of its new time (it is released before the new one is booked)."""
    slots = expand(request, now)
    known = catalogue.current()
    rules = known.rules([room], slots[0].day, slots[-1].day)[room.id]
    busy = [b for per_unit in busy_by_unit(room.unit_ids, slots).values() for b in per_unit
            if moving_booking_id is None or b.booking_id != moving_booking_id]
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


def raise_refusal(room: RoomCard, verdicts: Sequence[SlotVerdict]) -> NoReturn:
    """The clearest error for dates that cannot be booked: taken first, then the first reason."""
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
