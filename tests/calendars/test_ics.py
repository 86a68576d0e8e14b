"""The .ics writer on its own: Oslo time on both sides of a clock change, stable UIDs,
cancelled dates, and the VTIMEZONE first."""

from __future__ import annotations

from datetime import UTC, datetime

import icalendar
import pytest

from booking.calendars.ics import CalendarEvent, calendar

UTC = UTC
STAMP = datetime(2027, 3, 1, 12, tzinfo=UTC)


@pytest.mark.parametrize(("starts_at", "local_hour"), [
    (datetime(2027, 3, 25, 17, tzinfo=UTC), 18),  # winter time: UTC+1
    (datetime(2027, 4, 1, 16, tzinfo=UTC), 18),  # summer time: UTC+2, after 28 March
    (datetime(2027, 11, 4, 17, tzinfo=UTC), 18),  # winter again, after 31 October
])
def test_an_event_is_at_the_same_oslo_hour_across_clock_changes(starts_at, local_hour):
    event = CalendarEvent("occurrence-1@x", starts_at, starts_at.replace(hour=starts_at.hour + 2),
                          "Trening", "Gymsal, Jar skole")
    parsed = icalendar.Calendar.from_ical(calendar([event], name="Jar", stamp=STAMP))
    [vevent] = parsed.walk("VEVENT")
    start = vevent.decoded("DTSTART")
    assert (str(start.tzinfo), start.hour) == ("Europe/Oslo", local_hour)
    assert start.astimezone(UTC) == starts_at


def test_the_file_names_its_time_zone_first_and_keeps_uids_and_cancellations():
    events = [CalendarEvent(f"occurrence-{n}@x", datetime(2027, 1, 7 * n, 17, tzinfo=UTC),
                            datetime(2027, 1, 7 * n, 19, tzinfo=UTC), "Kor", "Aula",
                            cancelled=n == 2, sequence=n) for n in (1, 2)]
    text = calendar(events, name="Aula", method="REQUEST", stamp=STAMP).decode()
    assert text.index("BEGIN:VTIMEZONE") < text.index("BEGIN:VEVENT")
    assert "METHOD:REQUEST" in text
    parsed = icalendar.Calendar.from_ical(text)
    assert [(str(e["UID"]), str(e["STATUS"]), int(e["SEQUENCE"])) for e in parsed.walk("VEVENT")] \
        == [("occurrence-1@x", "CONFIRMED", 1), ("occurrence-2@x", "CANCELLED", 2)]
    [zone] = parsed.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Oslo"
