from datetime import date, time

import pytest

from booking.core.timeutil import local_day_span
from booking.facilities.rules import Blackout, WindowSpec
from booking.reservations.planning import (
    Busy,
    Outcome,
    WindowFit,
    fit_to_windows,
    judge_slot,
    judge_slots,
)
from booking.reservations.recurrence import expand_weekly, make_slot

THURSDAY = date(2026, 12, 3)
SATURDAY = date(2026, 12, 5)
BAERUM = (
    [WindowSpec(d, time(17), time(21, 45)) for d in range(4)]
    + [WindowSpec(d, time(21, 45), time(23), by_agreement=True) for d in range(4)]
    + [WindowSpec(d, time(9), time(22), by_agreement=True) for d in (5, 6)]
)


@pytest.mark.parametrize(("day", "start", "end", "fit", "agreement_minutes"), [
    (THURSDAY, time(17), time(21, 45), WindowFit.REGULAR, 0),
    (THURSDAY, time(18), time(20), WindowFit.REGULAR, 0),
    (THURSDAY, time(21), time(22, 30), WindowFit.BY_AGREEMENT, 45),  # spans into the late window
    (THURSDAY, time(21, 45), time(23), WindowFit.BY_AGREEMENT, 75),
    (THURSDAY, time(16), time(18), WindowFit.OUTSIDE, 0),  # starts before opening
    (THURSDAY, time(22), time(23, 30), WindowFit.OUTSIDE, 0),  # ends after closing
    (SATURDAY, time(10), time(12), WindowFit.BY_AGREEMENT, 120),
    (date(2026, 12, 4), time(18), time(20), WindowFit.OUTSIDE, 0),  # Friday: no window here
])
def test_fit_to_windows(day, start, end, fit, agreement_minutes):
    assert fit_to_windows(BAERUM, day, start, end) == (fit, agreement_minutes)


def test_windows_respect_their_validity_dates():
    windows = [WindowSpec(3, time(17), time(21), valid_from=date(2026, 8, 17),
                          valid_to=date(2026, 12, 10))]
    assert fit_to_windows(windows, THURSDAY, time(18), time(20))[0] is WindowFit.REGULAR
    assert fit_to_windows(windows, date(2026, 12, 17), time(18), time(20))[0] is WindowFit.OUTSIDE


def test_a_gap_between_windows_is_outside():
    windows = [WindowSpec(3, time(17), time(19)), WindowSpec(3, time(19, 30), time(22))]
    assert fit_to_windows(windows, THURSDAY, time(18), time(20))[0] is WindowFit.OUTSIDE


def test_regular_wins_where_windows_overlap():
    windows = [WindowSpec(3, time(17), time(22)), WindowSpec(3, time(9), time(23), by_agreement=True)]
    assert fit_to_windows(windows, THURSDAY, time(18), time(20)) == (WindowFit.REGULAR, 0)


def _blackout(day, code="closure", reason="Juleferie"):
    starts_at, ends_at = local_day_span(day, day)
    return Blackout(starts_at, ends_at, code, reason)


def test_judge_slot_order_and_outcomes():
    slot = make_slot(THURSDAY, time(18), time(20))
    assert judge_slot(slot, BAERUM, [], []).outcome is Outcome.BOOKABLE
    assert judge_slot(slot, BAERUM, [_blackout(THURSDAY)], []).outcome is Outcome.CLOSED
    assert judge_slot(slot, BAERUM, [_blackout(THURSDAY, "public_holiday", "Skjærtorsdag")],
                      []).outcome is Outcome.PUBLIC_HOLIDAY
    busy = [Busy(slot.starts_at, slot.ends_at, 7)]
    verdict = judge_slot(slot, BAERUM, [], busy)
    assert verdict.outcome is Outcome.TAKEN
    assert verdict.conflicting_booking_ids == (7,)
    # A closure explains more than a booking does.
    assert judge_slot(slot, BAERUM, [_blackout(THURSDAY)], busy).outcome is Outcome.CLOSED


def test_adjacent_bookings_do_not_collide():
    before = make_slot(THURSDAY, time(17), time(18))
    after = make_slot(THURSDAY, time(20), time(21))
    slot = make_slot(THURSDAY, time(18), time(20))
    busy = [Busy(before.starts_at, before.ends_at, 1), Busy(after.starts_at, after.ends_at, 2)]
    assert judge_slot(slot, BAERUM, [], busy).bookable


def test_blackout_on_the_next_day_does_not_touch_an_evening_slot():
    slot = make_slot(THURSDAY, time(21), time(21, 45))
    assert judge_slot(slot, BAERUM, [_blackout(date(2026, 12, 4))], []).bookable


def test_series_judgement_splits_bookable_and_refused():
    slots = expand_weekly(date(2026, 12, 10), time(18), time(20), date(2027, 1, 7))
    judgement = judge_slots(slots, BAERUM, [_blackout(date(2026, 12, 24)),
                                            _blackout(date(2026, 12, 31))], [])
    assert [v.slot.day for v in judgement.bookable] == [
        date(2026, 12, 10), date(2026, 12, 17), date(2027, 1, 7)]
    assert [v.outcome for v in judgement.refused] == [Outcome.CLOSED, Outcome.CLOSED]
    assert not judgement.needs_agreement
