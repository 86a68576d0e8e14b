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
from typing import Any, NamedTuple

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


class BookedSpan(NamedTuple):
    """Units taken over one span, in UTC epoch seconds: one occupancy (one unit, one booked
    date), or ``units`` occupancies of units of one kind (see ``kind``) over exactly the
    same span, of which ``used`` were used (for one unit, a bool will do). Counted in
    integers, not datetimes; a database row of these five columns will do, so the
    database can add up a season's hundred thousand occupancies to a few thousand rows."""

    unit_id: int  # for several units, any one of them: they share their rentable time
    starts: int
    ends: int
    used: int
    units: int = 1


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


def kind(unit: UnitScope) -> tuple[int, tuple[WindowSpec, ...], tuple[tuple[datetime, datetime], ...]]:
    """Units of one kind (one building, the same windows and closures) have the same
    rentable time, so they are counted together: a school's rooms mostly are alike."""
    return (unit.building_id, tuple(sorted(set(unit.windows), key=repr)), unit.closures)


def check_period(first: date, last: date) -> str | None:
    """Why a period cannot be reported on, as a code (None when it can)."""
    if last < first:
        return "period_reversed"
    if (last - first).days + 1 > MAX_PERIOD_DAYS:
        return "period_too_long"
    return None


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _merge(spans: Iterable[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    merged: list[tuple[Any, Any]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _subtract(spans: list[tuple[Any, Any]], cuts: Iterable[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
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


def _epoch(instant: datetime) -> int:
    return int(instant.timestamp())


def _add(cells: list[int], base: int, start: int, end: int, weight: int = 1) -> None:
    """Add the seconds of [start, end) to the hour cells it covers (cell 0 = hour ``base``)."""
    hour = start // HOUR
    while hour * HOUR < end:
        cells[hour - base] += (min(end, hour * HOUR + HOUR) - max(start, hour * HOUR)) * weight
        hour += 1


def utilisation(units: Sequence[UnitScope], booked: Iterable[BookedSpan], first: date, last: date,
                holidays: Iterable[date] = ()) -> Utilisation:
    """The figures for the units over local dates first..last (inclusive)."""
    holiday_set = frozenset(holidays)
    days = _days(first, last)
    period_start = _epoch(local_to_utc(first, time(0)))
    period_end = _epoch(local_to_utc(last + timedelta(days=1), time(0)))
    base = period_start // HOUR
    n_hours = (period_end - period_start) // HOUR
    # Each hour of the period on the local clock: its date (as an index) and hour. A
    # date's hours follow one another, so day_hours[d] is a slice of them.
    hour_day, hour_clock = [0] * n_hours, [0] * n_hours
    day_hours = [slice(0, 0)] * len(days)
    for h in range(n_hours):
        local = datetime.fromtimestamp((base + h) * HOUR, OSLO)
        d = hour_day[h] = (local.date() - first).days
        hour_clock[h] = local.hour
        day_hours[d] = slice(day_hours[d].start if day_hours[d].stop else h, h + 1)
    times = {w.starts for u in units for w in u.windows} | {w.ends for u in units for w in u.windows}
    instant = {(day, at): local_to_utc(day, at) for day in days for at in times if at != time(0)}

    # Units alike share their spans: the rentable time is worked out a few times per school.
    groups: dict[tuple[int, tuple[WindowSpec, ...], tuple[tuple[datetime, datetime], ...]],
                 list[int]] = defaultdict(list)
    for unit in units:
        groups[kind(unit)].append(unit.unit_id)
    buildings = sorted({u.building_id for u in units})
    index = {building_id: n for n, building_id in enumerate(buildings)}
    rentable = [[0] * n_hours for _ in buildings]
    booked_cells = [[0] * n_hours for _ in buildings]
    used_cells = [[0] * n_hours for _ in buildings]
    # Spans are tuples of ints: the collector stops tracking those, and a season has tens
    # of thousands (a full collection over the app's heap cost more than the count).
    spans_of: dict[int, tuple[int, list[tuple[tuple[int, int], ...]]]] = {}
    kinds_in: dict[int, list[list[tuple[tuple[int, int], ...]]]] = defaultdict(list)
    # Most schools have the same windows: a day's windows are worked out once for all the
    # kinds that have them, and each kind's closures cut out of them.
    windows_id: dict[tuple[WindowSpec, ...], int] = {}
    window_spans: dict[tuple[int, int], tuple[tuple[int, int], ...]] = {}
    for (building_id, windows, closures), unit_ids in groups.items():
        b = index[building_id]
        bare = UnitScope(unit_ids[0], building_id, windows)
        w = windows_id.setdefault(windows, len(windows_id))
        cuts = [(_epoch(s), _epoch(e)) for s, e in closures]
        per_day = []
        for d, day in enumerate(days):
            spans = window_spans.get((w, d))
            if spans is None:
                spans = window_spans[(w, d)] = tuple(
                    (_epoch(s), _epoch(e)) for s, e in rentable_spans(bare, day, holiday_set, instant))
            if cuts and spans:
                spans = tuple(_subtract(list(spans), [(s, e) for s, e in cuts
                                                      if s < spans[-1][1] and spans[0][0] < e]))
            per_day.append(spans)
            for start, end in spans:
                _add(rentable[b], base, start, end, len(unit_ids))
        kinds_in[b].append(per_day)
        for unit_id in unit_ids:
            spans_of[unit_id] = (b, per_day)

    outside = [0] * len(buildings)
    last_day = len(days) - 1
    # The hot loop (a season is some fifteen thousand rows of units alike, a hundred
    # thousand occupancies): plain ints, the hour split inline.
    for unit_id, starts, ends, used, count in booked:
        found = spans_of.get(unit_id)
        start = starts if starts > period_start else period_start
        end = ends if ends < period_end else period_end
        if found is None or start >= end:
            continue
        b, per_day = found
        d = hour_day[start // HOUR - base]
        inside = 0
        booked_row, used_row = booked_cells[b], used_cells[b]
        for rentable_start, rentable_end in (per_day[d] + per_day[d + 1] if d < last_day
                                             else per_day[d]):
            lo = start if start > rentable_start else rentable_start
            hi = end if end < rentable_end else rentable_end
            if lo >= hi:
                continue
            inside += hi - lo
            hour = lo // HOUR
            while hour * HOUR < hi:
                edge = hour * HOUR
                seconds = (hi if hi < edge + HOUR else edge + HOUR) - (lo if lo > edge else edge)
                booked_row[hour - base] += seconds * count
                if used:
                    used_row[hour - base] += seconds * used
                hour += 1
        outside[b] += (end - start - inside) * count

    # Adding up: a building's date is a slice of its hours, a weekday-hour a column of all
    # buildings; only the cells with rentable time count (booked time lies within it).
    total = Figures()
    by_week: dict[tuple[int, int], Figures] = defaultdict(Figures)
    by_building: dict[int, Figures] = {}
    evenings: list[Evening] = []
    weeks = [(day.isocalendar().year, day.isocalendar().week) for day in days]
    for b, building_id in enumerate(buildings):
        building_total = by_building[building_id] = Figures()
        r_cells, b_cells, u_cells = rentable[b], booked_cells[b], used_cells[b]
        for d, hours in enumerate(day_hours):
            r = sum(r_cells[hours])
            if not r:
                continue
            figures = Figures(r, sum(b_cells[hours]), sum(u_cells[hours]))
            by_week[weeks[d]].add(figures)
            building_total.add(figures)
            evenings.append(Evening(building_id, days[d], figures=figures, open_seconds=sum(
                e - s for s, e in _merge(span for per_day in kinds_in[b] for span in per_day[d]))))
        total.add(building_total)
    by_weekday_hour: dict[tuple[int, int], Figures] = defaultdict(Figures)
    rentable_by_hour = [sum(column) for column in zip(*rentable, strict=True)]
    booked_by_hour = [sum(column) for column in zip(*booked_cells, strict=True)]
    used_by_hour = [sum(column) for column in zip(*used_cells, strict=True)]
    for h, r in enumerate(rentable_by_hour):
        if r:
            by_weekday_hour[(days[hour_day[h]].weekday(), hour_clock[h])].add(
                Figures(r, booked_by_hour[h], used_by_hour[h]))
    return Utilisation(
        first=first, last=last, total=total, outside_hours=sum(outside),
        by_week=dict(sorted(by_week.items())), by_weekday_hour=dict(sorted(by_weekday_hour.items())),
        by_building=by_building,
        outside_by_building={building_id: outside[b] for b, building_id in enumerate(buildings)},
        evenings=sorted(evenings, key=lambda e: (e.day, e.building_id)),
        units=len(units))
