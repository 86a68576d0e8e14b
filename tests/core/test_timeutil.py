from datetime import UTC, date, datetime, time

import pytest

from booking.core.timeutil import NonexistentLocalTime, local_day_span, local_to_utc, to_local


@pytest.mark.parametrize(("day", "at", "expected_utc"), [
    (date(2026, 12, 3), time(18, 0), datetime(2026, 12, 3, 17, 0, tzinfo=UTC)),  # winter, +01
    (date(2026, 6, 4), time(18, 0), datetime(2026, 6, 4, 16, 0, tzinfo=UTC)),  # summer, +02
    (date(2027, 3, 28), time(1, 59), datetime(2027, 3, 28, 0, 59, tzinfo=UTC)),  # before the jump
    (date(2027, 3, 28), time(3, 0), datetime(2027, 3, 28, 1, 0, tzinfo=UTC)),  # after the jump
    # 02:30 on the autumn night happens twice: the first (summer time) one is taken.
    (date(2026, 10, 25), time(2, 30), datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
    (date(2026, 10, 25), time(3, 0), datetime(2026, 10, 25, 2, 0, tzinfo=UTC)),
])
def test_local_to_utc(day, at, expected_utc):
    assert local_to_utc(day, at) == expected_utc


@pytest.mark.parametrize("at", [time(2, 0), time(2, 30), time(2, 59)])
def test_spring_gap_times_do_not_exist(at):
    with pytest.raises(NonexistentLocalTime):
        local_to_utc(date(2027, 3, 28), at)


def test_day_span_on_clock_change_days_is_23_and_25_hours():
    spring_start, spring_end = local_day_span(date(2027, 3, 28), date(2027, 3, 28))
    autumn_start, autumn_end = local_day_span(date(2026, 10, 25), date(2026, 10, 25))
    assert (spring_end - spring_start).total_seconds() == 23 * 3600
    assert (autumn_end - autumn_start).total_seconds() == 25 * 3600


def test_to_local_keeps_the_offset():
    assert to_local(datetime(2026, 12, 3, 17, 0, tzinfo=UTC)).isoformat() == "2026-12-03T18:00:00+01:00"
