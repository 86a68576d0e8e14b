from datetime import UTC, date, datetime, time

import pytest

from booking.core.timeutil import NonexistentLocalTime, to_local
from booking.reservations.recurrence import expand_weekly, make_slot, weekly_dates


def test_weekly_dates_include_both_ends():
    assert weekly_dates(date(2026, 12, 3), date(2026, 12, 17)) == [
        date(2026, 12, 3), date(2026, 12, 10), date(2026, 12, 17)]
    assert weekly_dates(date(2026, 12, 3), date(2026, 12, 16)) == [
        date(2026, 12, 3), date(2026, 12, 10)]
    assert weekly_dates(date(2026, 12, 3), None) == [date(2026, 12, 3)]


def test_series_ending_before_it_starts_is_refused():
    with pytest.raises(ValueError):
        weekly_dates(date(2026, 12, 3), date(2026, 12, 2))


def test_thursday_series_stays_18_local_across_both_clock_changes():
    # From before the October change to after the March change.
    slots = expand_weekly(date(2026, 10, 15), time(18), time(20), date(2027, 4, 8))
    assert len(slots) == 26
    for slot in slots:
        local_start, local_end = to_local(slot.starts_at), to_local(slot.ends_at)
        assert (local_start.hour, local_start.minute) == (18, 0)
        assert (local_end.hour, local_end.minute) == (20, 0)
        assert slot.minutes == 120
    by_day = {slot.day: slot for slot in slots}
    assert by_day[date(2026, 10, 22)].starts_at == datetime(2026, 10, 22, 16, tzinfo=UTC)  # CEST
    assert by_day[date(2026, 10, 29)].starts_at == datetime(2026, 10, 29, 17, tzinfo=UTC)  # CET
    assert by_day[date(2027, 3, 25)].starts_at == datetime(2027, 3, 25, 17, tzinfo=UTC)  # CET
    assert by_day[date(2027, 4, 1)].starts_at == datetime(2027, 4, 1, 16, tzinfo=UTC)  # CEST


@pytest.mark.parametrize(("day", "start", "end", "minutes"), [
    (date(2027, 3, 28), time(1, 0), time(4, 0), 120),  # spring night: an hour shorter
    (date(2026, 10, 25), time(1, 0), time(4, 0), 240),  # autumn night: an hour longer
    (date(2026, 10, 25), time(18, 0), time(20, 0), 120),
])
def test_duration_is_measured_in_real_time(day, start, end, minutes):
    assert make_slot(day, start, end).minutes == minutes


def test_slot_in_the_spring_gap_is_refused():
    with pytest.raises(NonexistentLocalTime):
        make_slot(date(2027, 3, 28), time(2, 30), time(4, 0))


def test_end_before_start_is_refused():
    with pytest.raises(ValueError):
        make_slot(date(2026, 12, 3), time(20), time(18))
