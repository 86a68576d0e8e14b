"""Norwegian public holidays as blackout spans (pure; uses the holidays package)."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays

from booking.core.timeutil import local_day_span
from booking.facilities.rules import Blackout

HOLIDAY_LANGUAGE = {"nb": "no", "nn": "no", "en": "en_US"}


@lru_cache(maxsize=32)
def _norwegian_holidays(year: int, language: str) -> tuple[tuple[date, str], ...]:
    # include_sundays=False: the package otherwise lists every Sunday as a holiday.
    calendar = holidays.Norway(years=year, include_sundays=False, language=language)
    return tuple(sorted(calendar.items()))


def public_holidays(first: date, last: date, language: str = "nb") -> list[tuple[date, str]]:
    lang = HOLIDAY_LANGUAGE.get(language, "no")
    return [
        (day, name)
        for year in range(first.year, last.year + 1)
        for day, name in _norwegian_holidays(year, lang)
        if first <= day <= last
    ]


def public_holiday_blackouts(first: date, last: date, language: str = "nb") -> list[Blackout]:
    blackouts = []
    for day, name in public_holidays(first, last, language):
        starts_at, ends_at = local_day_span(day, day)
        blackouts.append(Blackout(starts_at, ends_at, "public_holiday", name))
    return blackouts
