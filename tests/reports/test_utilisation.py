"""The utilisation arithmetic on its own (pure, table-driven): windows less holidays and
closures, half-hall and whole-hall bookings in unit-hours, no-shows, time outside the
regular windows reported apart, and a week with the October clock change."""

from __future__ import annotations

from datetime import date, time

import pytest

from booking.core.timeutil import local_to_utc
from booking.facilities.rules import WindowSpec
from booking.reports.utilisation import BookedSpan, UnitScope, check_period, utilisation

MON, TUE, THU, FRI = 0, 1, 3, 4
# Monday 2 to Sunday 8 February 2026: no holiday.
WEEK = (date(2026, 2, 2), date(2026, 2, 8))
EVENING = WindowSpec(MON, time(17), time(21, 45))
HALL_A = UnitScope(1, 10, (EVENING,))
HALL_B = UnitScope(2, 10, (EVENING,))


def at(day: date, hour: int, minute: int = 0):
    return local_to_utc(day, time(hour, minute))


def booked(unit: int, day: date, start: int, end: int, used: bool = True) -> BookedSpan:
    return BookedSpan(unit, int(at(day, start).timestamp()), int(at(day, end).timestamp()), used)


MONDAY = date(2026, 2, 2)
CASES = {
    # name: (units, bookings, holidays, rentable h, booked h, used h, outside h)
    "an empty evening": ([HALL_A], [], [], 4.75, 0, 0, 0),
    "two hours booked and used": ([HALL_A], [booked(1, MONDAY, 18, 20)], [], 4.75, 2, 2, 0),
    "a no-show is booked, not used": (
        [HALL_A], [booked(1, MONDAY, 18, 20, used=False)], [], 4.75, 2, 0, 0),
    "half a split hall: 2 of 9.5 unit-hours": (
        [HALL_A, HALL_B], [booked(1, MONDAY, 18, 20)], [], 9.5, 2, 2, 0),
    "the whole split hall: both units": (
        [HALL_A, HALL_B], [booked(1, MONDAY, 18, 20), booked(2, MONDAY, 18, 20)], [],
        9.5, 4, 4, 0),
    "after 21:45 is by agreement, apart": ([HALL_A], [booked(1, MONDAY, 21, 23)], [],
                                           4.75, 0.75, 0.75, 1.25),
    "a Friday booking is outside the windows": (
        [HALL_A], [booked(1, date(2026, 2, 6), 18, 20)], [], 4.75, 0, 0, 2),
    "a public holiday is not rentable": ([HALL_A], [booked(1, MONDAY, 18, 20)], [MONDAY],
                                         0, 0, 0, 2),
    "a closure 17-19 leaves 2.75 hours": (
        [UnitScope(1, 10, (EVENING,), ((at(MONDAY, 17), at(MONDAY, 19)),))],
        [booked(1, MONDAY, 18, 20)], [], 2.75, 1, 1, 1),
    "a unit of no room in scope is not counted": ([HALL_A], [booked(2, MONDAY, 18, 20)], [],
                                                  4.75, 0, 0, 0),
    "by-agreement windows are not rentable": (
        [UnitScope(1, 10, (EVENING, WindowSpec(FRI, time(17), time(22), by_agreement=True)))],
        [], [], 4.75, 0, 0, 0),
    "a window valid only later does not count": (
        [UnitScope(1, 10, (WindowSpec(MON, time(17), time(21, 45), valid_from=date(2026, 3, 1)),))],
        [], [], 0, 0, 0, 0),
    "two rooms on one unit: the union of their windows": (
        [UnitScope(1, 10, (EVENING, WindowSpec(MON, time(20), time(22))))], [], [],
        5, 0, 0, 0),
}


@pytest.mark.parametrize("units, bookings, holidays, rentable, booked_h, used, outside",
                         CASES.values(), ids=CASES.keys())
def test_the_figures(units, bookings, holidays, rentable, booked_h, used, outside):
    report = utilisation(units, bookings, *WEEK, holidays)
    assert (report.total.rentable_hours, report.total.booked_hours, report.total.used_hours,
            report.outside_hours_total) == (rentable, booked_h, used, outside)


def test_shares_and_the_breakdowns_add_up():
    bookings = [booked(1, MONDAY, 18, 20), booked(2, MONDAY, 19, 20, used=False)]
    report = utilisation([HALL_A, HALL_B], bookings, *WEEK)
    assert report.total.booked_share == round(3 / 9.5, 4)
    assert report.total.used_share == round(2 / 9.5, 4)
    assert list(report.by_week) == [(2026, 6)]
    assert report.by_weekday_hour[(MON, 18)].booked_hours == 1
    assert report.by_weekday_hour[(MON, 19)].booked_hours == 2
    assert report.by_weekday_hour[(MON, 19)].used_hours == 1
    assert report.by_weekday_hour[(MON, 21)].rentable_hours == 1.5  # 21:00-21:45, two units
    assert sum(f.rentable for f in report.by_weekday_hour.values()) == report.total.rentable
    assert report.by_building[10].booked == report.total.booked


def test_units_alike_over_one_span_are_one_row_counted_as_many():
    # The database adds up the units of a kind booked over the same span: one row for
    # three halls' units, two of them used, counts as the three occupancies would.
    halls = [UnitScope(u, 10, (EVENING,)) for u in (1, 2, 3)]
    one_by_one = [booked(1, MONDAY, 21, 23), booked(2, MONDAY, 21, 23),
                  booked(3, MONDAY, 21, 23, used=False)]
    added_up = [one_by_one[0]._replace(used=2, units=3)]
    by_rows, by_sum = utilisation(halls, one_by_one, *WEEK), utilisation(halls, added_up, *WEEK)
    assert (by_sum.total.booked_hours, by_sum.total.used_hours, by_sum.outside_hours_total) == (
        3 * 0.75, 2 * 0.75, 3 * 1.25)
    assert by_sum == by_rows


def test_a_week_with_the_clock_change_keeps_local_hours():
    # Sunday 25 October 2026 the clocks go back; the Monday evening is still 17:00-21:45.
    sunday = WindowSpec(6, time(1), time(4))
    unit = UnitScope(1, 10, (WindowSpec(MON, time(17), time(21, 45)), sunday))
    report = utilisation([unit], [booked(1, date(2026, 10, 26), 18, 20)],
                         date(2026, 10, 19), date(2026, 10, 26))
    # Sunday 01:00-04:00 local has four real hours that night; two Mondays of 4.75.
    assert report.total.rentable_hours == 4 + 2 * 4.75
    assert report.by_weekday_hour[(MON, 18)].booked_hours == 1
    assert report.by_weekday_hour[(MON, 17)].rentable_hours == 2
    assert {key for key in report.by_weekday_hour if key[0] == MON} == {
        (MON, h) for h in range(17, 22)}


def test_the_emptiest_evenings_are_those_opened_for_little():
    big = [UnitScope(u, 20, (EVENING,)) for u in range(1, 11)]  # a large school, 10 units
    small = [UnitScope(11, 30, (EVENING,))]
    bookings = [booked(1, MONDAY, 18, 19), booked(11, MONDAY, 18, 20)]
    report = utilisation(big + small, bookings, *WEEK)
    first, second = report.emptiest_evenings()
    assert (first.building_id, first.day, first.open_hours, first.figures.rentable_hours,
            first.figures.booked_hours) == (20, MONDAY, 4.75, 47.5, 1)
    assert second.building_id == 30
    assert report.unbooked_evenings == 0


@pytest.mark.parametrize("first, last, problem", [
    (date(2026, 1, 1), date(2026, 12, 31), None),
    (date(2026, 1, 1), date(2026, 1, 1), None),
    (date(2026, 1, 2), date(2026, 1, 1), "period_reversed"),
    (date(2026, 1, 1), date(2027, 1, 2), "period_too_long"),
])
def test_the_period_is_bounded(first, last, problem):
    assert check_period(first, last) == problem
