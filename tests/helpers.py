"""Calendar facts for tests (clock changes, public holidays), relative to today.

Dates to book on come from ``world.bookable_day`` (fixtures.calendar), which asks
the booking rules; never add weeks to today by hand.
"""

from __future__ import annotations

from datetime import date, timedelta

import holidays

from booking.core.db import utcnow
from booking.core.timeutil import local_date_of

MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)


def today() -> date:
    return local_date_of(utcnow())


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
