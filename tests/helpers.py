"""Dates for tests, relative to today so the suite does not age."""

from __future__ import annotations

from datetime import date, timedelta

import holidays

from booking.core.db import utcnow
from booking.core.timeutil import local_date_of

MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)


def today() -> date:
    return local_date_of(utcnow())


def _is_holiday(day: date) -> bool:
    return day in holidays.Norway(years=day.year, include_sundays=False)


def upcoming(weekday: int, weeks_ahead: int = 2, *, avoid_holidays: bool = True) -> date:
    """A date on ``weekday`` at least ``weeks_ahead`` weeks from today (not a public holiday)."""
    day = today() + timedelta(weeks=weeks_ahead)
    day += timedelta(days=(weekday - day.weekday()) % 7)
    while avoid_holidays and _is_holiday(day):
        day += timedelta(weeks=1)
    return day


def next_spring_forward() -> date:
    """The next last Sunday of March (the night Oslo's clocks jump from 02:00 to 03:00)."""
    year = today().year
    while True:
        day = date(year, 3, 31)
        day -= timedelta(days=(day.weekday() - SUNDAY) % 7)
        if day > today():
            return day
        year += 1


def next_weekday_holiday() -> tuple[date, str]:
    """The next Norwegian public holiday on Monday to Thursday (Bærum's regular days)."""
    start = today() + timedelta(days=1)
    for year in (start.year, start.year + 1):
        for day, name in sorted(holidays.Norway(years=year, include_sundays=False).items()):
            if day >= start and day.weekday() <= THURSDAY:
                return day, name
    raise AssertionError("no holiday found")
