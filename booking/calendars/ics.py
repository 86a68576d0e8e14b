"""iCalendar (RFC 5545) for bookings, with ``icalendar``. Pure: no Flask, no database.

Events are written in Europe/Oslo with the VTIMEZONE that icalendar builds, so
a phone shows 18:00 on both sides of a clock change. Each date of a booking
has a stable UID (it is the same event when the file comes again), a SEQUENCE
that grows when the date changes, and a cancelled date is STATUS:CANCELLED so
that calendars that already have it remove it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vCalAddress

OSLO = ZoneInfo("Europe/Oslo")
PRODID = "-//Utleie av skolelokaler//booking//NO"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    starts_at: datetime  # aware (UTC from the database)
    ends_at: datetime
    summary: str
    location: str
    description: str = ""
    cancelled: bool = False
    sequence: int = 0
    stamp: datetime | None = None


def calendar(events: Iterable[CalendarEvent], *, name: str, method: str | None = None,
             organizer: tuple[str, str] | None = None, stamp: datetime) -> bytes:
    """An .ics file of the events. ``method="REQUEST"`` (with the ``organizer``'s name and
    address, which RFC 5546 asks for) for a mail attachment that calendar programs offer
    to add; neither for a download or a feed."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    if method:
        cal.add("method", method)
    cal.add_component(_oslo_timezone(stamp.year))  # before the events that name it
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", item.stamp or stamp)
        event.add("dtstart", item.starts_at.astimezone(OSLO))
        event.add("dtend", item.ends_at.astimezone(OSLO))
        event.add("summary", item.summary)
        event.add("location", item.location)
        if item.description:
            event.add("description", item.description)
        event.add("sequence", item.sequence)
        if organizer:
            event.add("organizer", vCalAddress(f"mailto:{organizer[1]}"),
                      parameters={"cn": organizer[0]})
        event.add("status", "CANCELLED" if item.cancelled else "CONFIRMED")
        cal.add_component(event)
    return cal.to_ical()


@functools.cache
def _oslo_timezone(year: int) -> Timezone:
    """Europe/Oslo's VTIMEZONE for the years bookings can fall in (from last year to three
    ahead; the horizon is 550 days), built once per process: from all of zoneinfo's rules
    it takes about 10 ms, which every receipt would otherwise pay."""
    return Timezone.from_tzinfo(OSLO, tzid="Europe/Oslo", first_date=date(year - 1, 1, 1),
                                last_date=date(year + 4, 1, 1))
