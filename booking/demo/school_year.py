"""The demo municipality's school years and school holidays, from the date (pure).

Bærum's pattern, which most Norwegian municipalities share: school starts on
the Monday on or after 15 August; autumn holiday in week 40; Christmas from
the Saturday before 22 December to the first Sunday after New Year; winter
holiday in week 8; Easter from the Saturday before Palm Sunday to Easter
Monday; summer from the Saturday on or after 18 June. Real municipalities
publish theirs each year and enter them as closures; the demo computes them
so that it never runs out of calendar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.easter import easter

SATURDAY, SUNDAY = 5, 6


@dataclass(frozen=True)
class Holiday:
    name: str
    first: date
    last: date

    def __contains__(self, day: date) -> bool:
        return self.first <= day <= self.last


@dataclass(frozen=True)
class SchoolYear:
    """The school year that starts in August of ``year``."""

    year: int

    @property
    def first_day(self) -> date:
        return _on_or_after(date(self.year, 8, 15), 0)

    @property
    def summer_starts(self) -> date:
        return _on_or_after(date(self.year + 1, 6, 18), SATURDAY)

    @property
    def last_day(self) -> date:
        """The last school day: the Friday before the summer holiday."""
        return self.summer_starts - timedelta(days=1)

    @property
    def holidays(self) -> list[Holiday]:
        year, spring = self.year, self.year + 1
        easter_sunday = easter(spring)
        christmas_starts = _on_or_after(date(year, 12, 22), SATURDAY) - timedelta(weeks=1)
        return [
            Holiday("Høstferie (uke 40)", *_iso_week(year, 40)),
            Holiday("Juleferie", christmas_starts,
                    _on_or_after(date(spring, 1, 2), SUNDAY)),
            Holiday("Vinterferie (uke 8)", *_iso_week(spring, 8)),
            Holiday("Påskeferie", easter_sunday - timedelta(days=8),
                    easter_sunday + timedelta(days=1)),
            Holiday("Sommerferie", self.summer_starts,
                    SchoolYear(spring).first_day - timedelta(days=1)),
        ]

    def next(self) -> SchoolYear:
        return SchoolYear(self.year + 1)


def school_year_of(today: date) -> SchoolYear:
    """This school year; in the summer holiday, the one about to start."""
    this_summer = SchoolYear(today.year - 1).summer_starts
    return SchoolYear(today.year if today >= this_summer else today.year - 1)


def _on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _iso_week(year: int, week: int) -> tuple[date, date]:
    monday = date.fromisocalendar(year, week, 1)
    return monday, monday + timedelta(days=6)
