"""Local (Europe/Oslo) wall times to and from UTC instants.

People think in Oslo time, the database stores UTC. A weekly 18:00 slot is
converted date by date, so it stays 18:00 local across the clock changes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

OSLO = ZoneInfo("Europe/Oslo")


class NonexistentLocalTime(ValueError):
    """A wall time that the spring-forward jump skips (02:00-03:00 in late March)."""

    def __init__(self, day: date, at: time) -> None:
        super().__init__(f"{day.isoformat()} {at.strftime('%H:%M')} does not exist in Europe/Oslo")
        self.day = day
        self.at = at


def local_to_utc(day: date, at: time) -> datetime:
    """The UTC instant of a wall time in Oslo.

    A time inside the spring gap raises NonexistentLocalTime. A time that
    occurs twice (the autumn fallback hour) is taken at its first occurrence.
    """
    naive = datetime.combine(day, at)
    aware = naive.replace(tzinfo=OSLO, fold=0)
    instant = aware.astimezone(UTC)
    if instant.astimezone(OSLO).replace(tzinfo=None) != naive:
        raise NonexistentLocalTime(day, at)
    return instant


def to_local(instant: datetime) -> datetime:
    return instant.astimezone(OSLO)


def start_of_local_day(day: date) -> datetime:
    """Midnight in Oslo as UTC (midnight always exists in Oslo)."""
    return local_to_utc(day, time(0, 0))


def local_day_span(first: date, last: date) -> tuple[datetime, datetime]:
    """The UTC half-open span covering whole local days first..last inclusive."""
    return start_of_local_day(first), start_of_local_day(last + timedelta(days=1))


def local_date_of(instant: datetime) -> date:
    return instant.astimezone(OSLO).date()
