"""Amounts typed on the price pages, as øre (pure)."""

import pytest

from booking.pricing.money import kroner_field, parse_kroner


@pytest.mark.parametrize("text, ore", [
    ("179", 17_900), ("179,50", 17_950), ("12.5", 1_250), ("1 250", 125_000),
    ("1\u00a0250,00", 125_000), (" 0 ", 0), ("450 kr", 45_000), ("450,-", 45_000),
])
def test_amounts_as_typed(text, ore):
    assert parse_kroner(text) == ore


@pytest.mark.parametrize("text", ["", "-5", "12,345", "tolv", "1e3", "12,", "10000000000"])
def test_what_is_not_an_amount(text):
    assert parse_kroner(text) is None


@pytest.mark.parametrize("ore, shown", [(17_900, "179"), (17_950, "179,50"), (5, "0,05")])
def test_shown_back_in_the_field(ore, shown):
    assert kroner_field(ore) == shown
    assert parse_kroner(shown) == ore
