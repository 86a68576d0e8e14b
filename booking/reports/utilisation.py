"""Utilisation of the municipality's rooms: how much of the rentable time was booked and
how much of it was actually used (pure: no Flask, no database; fed plain values).

How it counts, so the figures can be explained to a council:

- **Unit-hours.** A room is made of units (a gym hall of halves A and B). Rentable time
  and booked time are counted per unit: a split hall open 17:00-21:45 offers 2 x 4.75
  unit-hours, a half-hall booking of two hours takes 2 of them and a whole-hall booking
  of two hours takes 4. A unit shared by several rooms of the scope is counted once,
  its rentable time the union of those rooms' windows.
- **Rentable** is the regular rental windows (not the by-agreement ones) on each local
  date, less public holidays (the whole day) and closures (their span).
- **Booked** is the part of an active booking's dates that falls inside the rentable
  time; what falls outside it (by-agreement evenings, weekends, a date kept through a
  closure) is reported apart as ``outside_hours``, never in the shares.
- **Used** is booked time not marked as a no-show by the caretaker and already over:
  the caller says which dates were used (``BookedSpan.used``).
- Hours are bucketed on the local (Europe/Oslo) clock. Oslo's offset is a whole number
  of hours, so UTC hour boundaries are local hour boundaries and a DST week needs no
  special case: durations are taken in UTC.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from booking.core.timeutil import OSLO, local_to_utc
from booking.facilities.rules import WindowSpec

HOUR = 3600
MAX_PERIOD_DAYS = 366
EMPTIEST_EVENINGS = 20


@dataclass(frozen=True, slots=True)
class UnitScope:
    """A unit in the report: its building, and the regular windows of its rooms in scope."""

    unit_id: int
    building_id: int
    windows: tuple[WindowSpec, ...]
    # Closures that hit this unit (UTC spans).
    closures: tuple[tuple[datetime, datetime], ...] = ()


@dataclass(frozen=True, slots=True)
class BookedSpan:
    """One unit taken by one booked date (an occupancy)."""

    unit_id: int
    starts_at: datetime
    ends_at: datetime
    used: bool


@dataclass(slots=True)
class Figures:
    """Seconds rentable, booked (within rentable) and used; hours and shares derived."""

    rentable: int = 0
    booked: int = 0
    used: int = 0

    def add(self, other: Figures) -> None:
        self.rentable += other.rentable
        self.booked += other.booked
        self.used += other.used

    @property
    def rentable_hours(self) -> float:
        return round(self.rentable / HOUR, 2)

    @property
    def booked_hours(self) -> float:
        return round(self.booked / HOUR, 2)

    @property
    def used_hours(self) -> float:
        return round(self.used / HOUR, 2)

    @property
    def booked_share(self) -> float | None:
        """Of the rentable time, the part booked (0..1); None where nothing was rentable."""
        return round(self.booked / self.rentable, 4) if self.rentable else None

    @property
    def used_share(self) -> float | None:
        return round(self.used / self.rentable, 4) if self.rentable else None


@dataclass(slots=True)
class Evening:
    """One building on one date: the hours it is open for bookings against those booked."""

    building_id: int
    day: date
    open_seconds: int = 0  # wall-clock time any of its units is rentable
    figures: Figures = field(default_factory=Figures)

    @property
    def open_hours(self) -> float:
        return round(self.open_seconds / HOUR, 2)


@dataclass
class Utilisation:
    first: date
    last: date
    total: Figures
    outside_hours: int  # seconds booked outside the regular windows (by agreement)
    by_week: dict[tuple[int, int], Figures]  # ISO (year, week)
    by_weekday_hour: dict[tuple[int, int], Figures]  # (0 = Monday, local hour)
    by_building: dict[int, Figures]
    outside_by_building: dict[int, int]
    evenings: list[Evening]  # every building-date with rentable time, by date
    units: int

    @property
    def outside_hours_total(self) -> float:
        return round(self.outside_hours / HOUR, 2)

    def emptiest_evenings(self, limit: int = EMPTIEST_EVENINGS) -> list[Evening]:
        """Evenings a building was opened for little: something booked, the smallest share
        of its rentable unit-hours first (an unbooked evening needs nobody to open up)."""
        booked = [e for e in self.evenings if e.figures.booked > 0]
        return sorted(booked, key=lambda e: (e.figures.booked / e.figures.rentable,
                                             -e.figures.rentable, e.day, e.building_id))[:limit]

    @property
    def unbooked_evenings(self) -> int:
        return sum(1 for e in self.evenings if e.figures.booked == 0)


def check_period(first: date, last: date) -> str | None:
    """Why a period cannot be reported on, as a code (None when it can)."""
    if last < first:
        return "period_reversed"
    if (last - first).days + 1 > MAX_PERIOD_DAYS:
        return "period_too_long"
    return None


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _merge(spans: Iterable[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    merged: list[tuple[datetime, datetime]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _subtract(spans: list[tuple[datetime, datetime]],
              cuts: Iterable[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    for cut_start, cut_end in cuts:
        pieces = []
        for start, end in spans:
            if end <= cut_start or cut_end <= start:
                pieces.append((start, end))
                continue
            if start < cut_start:
                pieces.append((start, cut_start))
            if cut_end < end:
                pieces.append((cut_end, end))
        spans = pieces
    return spans


def rentable_spans(unit: UnitScope, day: date, holidays: frozenset[date],
                   instant: Mapping[tuple[date, time], datetime] | None = None
                   ) -> list[tuple[datetime, datetime]]:
    """The unit's rentable UTC spans on a local date: its regular windows that apply that
    day, merged, less a public holiday and its closures."""
    if day in holidays:
        return []
    spans = []
    for window in unit.windows:
        if window.by_agreement or not window.applies_on(day):
            continue
        starts = instant[(day, window.starts)] if instant else local_to_utc(day, window.starts)
        ends = _window_end(day, window.ends, instant)
        if starts < ends:
            spans.append((starts, ends))
    merged = _merge(spans)
    if unit.closures and merged:
        merged = _subtract(merged, [(s, e) for s, e in unit.closures
                                    if s < merged[-1][1] and merged[0][0] < e])
    return merged


def _window_end(day: date, ends: time, instant: Mapping[tuple[date, time], datetime] | None
                ) -> datetime:
    # A window ending at 00:00 runs to midnight.
    if ends == time(0):
        return local_to_utc(day + timedelta(days=1), ends)
    return instant[(day, ends)] if instant else local_to_utc(day, ends)


def _hour_pieces(start: datetime, end: datetime) -> Iterable[tuple[datetime, int]]:
    """The span cut at hour boundaries: (the UTC hour it starts in, seconds in it)."""
    hour = start.replace(minute=0, second=0, microsecond=0)
    while hour < end:
        following = hour + timedelta(hours=1)
        seconds = int((min(end, following) - max(start, hour)).total_seconds())
        if seconds > 0:
            yield hour, seconds
        hour = following


def _overlap(spans: Sequence[tuple[datetime, datetime]], start: datetime, end: datetime
             ) -> list[tuple[datetime, datetime]]:
    return [(max(s, start), min(e, end)) for s, e in spans if s < end and start < e]


def utilisation(units: Sequence[UnitScope], booked: Iterable[BookedSpan], first: date, last: date,
                holidays: Iterable[date] = ()) -> Utilisation:
    """The figures for the units over local dates first..last (inclusive)."""
    holiday_set = frozenset(holidays)
    days = _days(first, last)
    times = {w.starts for u in units for w in u.windows} | {w.ends for u in units for w in u.windows}
    instant = {(day, at): local_to_utc(day, at) for day in days for at in times if at != time(0)}

    # (building, local date, local hour) -> figures: every breakdown is summed from this.
    cells: dict[tuple[int, date, int], Figures] = defaultdict(Figures)
    open_spans: dict[tuple[int, date], list[tuple[datetime, datetime]]] = defaultdict(list)
    rentable: dict[tuple[int, date], list[tuple[datetime, datetime]]] = {}
    building_of = {u.unit_id: u.building_id for u in units}
    local_hour: dict[datetime, tuple[date, int]] = {}

    def local_cell(hour: datetime) -> tuple[date, int]:
        cell = local_hour.get(hour)
        if cell is None:
            local = hour.astimezone(OSLO)
            cell = local_hour[hour] = (local.date(), local.hour)
        return cell

    for unit in units:
        for day in days:
            spans = rentable_spans(unit, day, holiday_set, instant)
            if not spans:
                continue
            rentable[(unit.unit_id, day)] = spans
            open_spans[(unit.building_id, day)].extend(spans)
            for start, end in spans:
                for hour, seconds in _hour_pieces(start, end):
                    cells[(unit.building_id, *local_cell(hour))].rentable += seconds

    outside_by_building: dict[int, int] = defaultdict(int)
    span_start = local_to_utc(first, time(0))
    span_end = local_to_utc(last + timedelta(days=1), time(0))
    for span in booked:
        building_id = building_of.get(span.unit_id)
        if building_id is None or span.ends_at <= span_start or span_end <= span.starts_at:
            continue
        start, end = max(span.starts_at, span_start), min(span.ends_at, span_end)
        inside = 0
        day = start.astimezone(OSLO).date()
        # A date rarely crosses midnight; look at its own day and the next.
        for key_day in (day, day + timedelta(days=1)):
            for piece_start, piece_end in _overlap(rentable.get((span.unit_id, key_day), ()),
                                                   start, end):
                for hour, seconds in _hour_pieces(piece_start, piece_end):
                    cell = cells[(building_id, *local_cell(hour))]
                    cell.booked += seconds
                    if span.used:
                        cell.used += seconds
                    inside += seconds
        outside_by_building[building_id] += int((end - start).total_seconds()) - inside

    total = Figures()
    by_week: dict[tuple[int, int], Figures] = defaultdict(Figures)
    by_weekday_hour: dict[tuple[int, int], Figures] = defaultdict(Figures)
    by_building: dict[int, Figures] = defaultdict(Figures)
    evenings: dict[tuple[int, date], Evening] = {}
    for (building_id, day, clock_hour), figures in cells.items():
        total.add(figures)
        iso = day.isocalendar()
        by_week[(iso.year, iso.week)].add(figures)
        by_weekday_hour[(day.weekday(), clock_hour)].add(figures)
        by_building[building_id].add(figures)
        evening = evenings.get((building_id, day))
        if evening is None:
            evening = evenings[(building_id, day)] = Evening(building_id, day)
        evening.figures.add(figures)
    for (building_id, day), spans in open_spans.items():
        if (building_id, day) in evenings:
            evenings[(building_id, day)].open_seconds = sum(
                int((e - s).total_seconds()) for s, e in _merge(spans))
    return Utilisation(
        first=first, last=last, total=total, outside_hours=sum(outside_by_building.values()),
        by_week=dict(sorted(by_week.items())), by_weekday_hour=dict(sorted(by_weekday_hour.items())),
        by_building=dict(by_building), outside_by_building=dict(outside_by_building),
        evenings=sorted(evenings.values(), key=lambda e: (e.day, e.building_id)),
        units=len(units))

