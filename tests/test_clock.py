"""The suite's clock: BOOKING_TEST_TODAY really moves it (or the awkward-day runs prove nothing)."""

from __future__ import annotations

import os
from datetime import date

import pytest
from fixtures.calendar import today


@pytest.mark.skipif(not os.environ.get("BOOKING_TEST_TODAY"), reason="the clock is not set")
def test_the_clock_is_set_to_the_chosen_day():
    assert today() == date.fromisoformat(os.environ["BOOKING_TEST_TODAY"])
