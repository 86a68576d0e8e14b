"""When a room is taken, closed and free over a range of local dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from booking import catalogue
from booking.catalogue import RoomCard
from booking.core.db import db, overlapping
from booking.core.timeutil import NonexistentLocalTime, local_day_span, local_to_utc
from booking.reservations.intervals import Interval, merge, overlaps, subtract
from booking.reservations.models import Occupancy


@dataclass(frozen=True)
class Schedule:
    busy: list[Interval[datetime]]
    closed: list[tuple[Interval[datetime], str, str]]  # span, reason code, reason
    free: list[tuple[Interval[datetime], bool]]  # span, by agreement


def room_schedule(room: RoomCard, first: date, last: date) -> Schedule:
    """Busy, closed and free time (within the rental windows) of a room, first..last."""
    rules = catalogue.current().rules([room], first, last)[room.id]
    span_start, span_end = local_day_span(first, last)
    rows = db.session.execute(
        select(Occupancy.starts_at, Occupancy.ends_at).where(
            Occupancy.unit_id.in_(room.unit_ids),
            overlapping(Occupancy.starts_at, Occupancy.ends_at, span_start, span_end)))
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


@dataclass(frozen=True)
class WeekEntry:
    kind: str  # "free", "busy" or "closed"
    starts_at: datetime
    ends_at: datetime
    by_agreement: bool = False
    reason: str = ""
    whole_day: bool = False


def week(room: RoomCard, monday: date, now: datetime) -> list[tuple[date, list[WeekEntry]]]:
    """A room's week, day by day: its free, busy and closed time in order, each span cut
    to the day it falls on. A day closed from midnight to midnight (a holiday, maybe two
    reasons at once) is one entry; free time that has passed is not offered."""
    schedule = room_schedule(room, monday, monday + timedelta(days=6))
    spans = ([WeekEntry("free", s.start, s.end, by_agreement)
              for s, by_agreement in schedule.free if s.end > now]
             + [WeekEntry("busy", s.start, s.end) for s in schedule.busy]
             + [WeekEntry("closed", s.start, s.end, reason=reason)
                for s, _code, reason in schedule.closed])
    days = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        day_start, day_end = local_day_span(day, day)
        entries = [WeekEntry(e.kind, max(e.starts_at, day_start), min(e.ends_at, day_end),
                             e.by_agreement, e.reason)
                   for e in spans if overlaps(e.starts_at, e.ends_at, day_start, day_end)]
        all_day = [e for e in entries if e.kind == "closed" and e.starts_at == day_start
                   and e.ends_at == day_end]
        if all_day:
            reasons = list(dict.fromkeys(e.reason for e in all_day if e.reason))
            entries = [WeekEntry("closed", day_start, day_end, reason=", ".join(reasons),
                                 whole_day=True)]
        days.append((day, sorted(entries, key=lambda e: (e.starts_at, e.kind))))
    return days
