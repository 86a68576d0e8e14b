import pytest

from booking.pricing.quote import CancellationPolicy, QuotedOccurrence, Rate, quote, refund_ore

GYM_PRIVATE = Rate(hourly_ore=17_900, supervisor_hourly_ore=45_000)


def test_two_hours_in_a_gym_hall():
    result = quote(GYM_PRIVATE, [QuotedOccurrence(120)])
    assert result.total_ore == 35_800
    assert result.per_occurrence_ore == (35_800,)


def test_pro_rata_by_the_minute_rounds_half_up():
    # 179 NOK an hour for 45 minutes = 134.25 NOK; 1 øre an hour for 30 minutes = 0.5 -> 1.
    assert quote(GYM_PRIVATE, [QuotedOccurrence(45)]).total_ore == 13_425
    assert quote(Rate(1), [QuotedOccurrence(30)]).total_ore == 1
    assert quote(Rate(1), [QuotedOccurrence(29)]).total_ore == 0


def test_supervisor_surcharge_only_for_minutes_outside_regular_hours():
    result = quote(GYM_PRIVATE, [QuotedOccurrence(90, supervisor_minutes=45)])
    assert result.rent_ore == 26_850
    assert result.supervisor_ore == 33_750
    assert result.total_ore == 60_600


def test_series_sums_occurrences_and_cleaning_fee_per_occurrence():
    rate = Rate(hourly_ore=20_000, cleaning_fee_ore=40_000)
    result = quote(rate, [QuotedOccurrence(60)] * 3)
    assert result.occurrences == 3
    assert result.cleaning_ore == 120_000
    assert result.total_ore == 180_000


def test_free_for_children_and_youth():
    assert quote(Rate(0), [QuotedOccurrence(120)] * 30).total_ore == 0


def test_vat_when_configured():
    assert quote(Rate(10_000, vat_percent=25), [QuotedOccurrence(60)]).vat_ore == 2_500
    assert quote(Rate(10_000), [QuotedOccurrence(60)]).vat_ore == 0


@pytest.mark.parametrize(("hours_before", "expected"), [
    (500, 10_000), (168, 10_000), (167.9, 5_000), (48, 5_000), (47.9, 0), (0.5, 0),
])
def test_refund_by_policy(hours_before, expected):
    assert refund_ore(10_000, hours_before, CancellationPolicy(168, 48, 50)) == expected
