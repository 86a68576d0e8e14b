"""Expansion of a requested time into concrete local slots.

Pure. Each date's wall times are converted to UTC on their own, so a weekly
Thursday 18:00 stays 18:00 in Oslo across the October and March clock changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from booking.core.timeutil import local_to_utc


@dataclass(frozen=True)
class Slot:
    """One concrete occurrence of a requested time, in both clocks."""

    day: date
    start_local: time
    end_local: time
    starts_at: datetime  # UTC
    ends_at: datetime  # UTC

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


def weekly_dates(first: date, until: date | None) -> list[date]:
    """The first date and every seventh day after it, up to ``until`` inclusive."""
    if until is None:
        return [first]
    if until < first:
        raise ValueError("the series ends before it starts")
    count = (until - first).days // 7 + 1
    return [first + timedelta(weeks=n) for n in range(count)]


def make_slot(day: date, start: time, end: time) -> Slot:
    """A slot on one local date; raises NonexistentLocalTime for the spring gap."""
    if not start < end:
        raise ValueError("the end must be after the start")
    return Slot(day, start, end, local_to_utc(day, start), local_to_utc(day, end))


def expand_weekly(first: date, start: time, end: time, until: date | None) -> list[Slot]:
    return [make_slot(day, start, end) for day in weekly_dates(first, until)]
