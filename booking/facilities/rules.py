"""When rooms can be rented, as plain values (pure: no Flask, no database).

The catalogue turns rental windows, closures and public holidays into these,
and the booking engine (``reservations.planning``) judges requested slots
against them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time


@dataclass(frozen=True, slots=True)
class WindowSpec:
    """When a room can be rented on a weekday (0 = Monday), in local time."""

    weekday: int
    starts: time
    ends: time
    by_agreement: bool = False
    valid_from: date | None = None
    valid_to: date | None = None

    def applies_on(self, day: date) -> bool:
        return (
            day.weekday() == self.weekday
            and (self.valid_from is None or self.valid_from <= day)
            and (self.valid_to is None or day <= self.valid_to)
        )


@dataclass(frozen=True, slots=True)
class Blackout:
    """A span when the room cannot be rented: a closure or a public holiday."""

    starts_at: datetime
    ends_at: datetime
    reason_code: str  # "closure" or "public_holiday"
    reason: str


def same_area(area: str, wanted: str) -> bool:
    """The area filter of every listing: case-insensitive and exact ("jar" is Jar, not Jaren).

    Compared in Python rather than SQL: SQLite's lower() folds only ASCII, so
    "ØSTERÅS" would not find Østerås there.
    """
    return area.casefold() == wanted.strip().casefold()
