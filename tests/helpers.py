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


def csrf_token(client) -> str:
    """The form token a page of the site carries, for posting forms with the test client."""
    import re

    page = client.get("/logg-inn").get_data(as_text=True)
    return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)


def log_in_client(client, email: str) -> None:
    """Log the test client in (out first) as a demo user, as the login form does."""
    client.post("/logg-ut", data={"csrf_token": csrf_token(client)})
    response = client.post("/logg-inn", data={"email": email, "password": "demo-passord",
                                              "csrf_token": csrf_token(client)})
    assert response.status_code == 303, response.get_data(as_text=True)
