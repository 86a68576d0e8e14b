"""Jinja filters: how dates, times and money look to people, in the page's language.

Everything goes through Babel's formats for the language; nothing is pieced
together by hand. English pages format as Babel's ``en_NO`` (English words,
Norwegian conventions: 24-hour clock, day before month, "1 250,00 kr"),
because the readers are in Norway and prices are Norwegian kroner.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, time
from typing import Any

from babel import Locale
from babel.dates import format_date, format_time, get_datetime_format
from babel.numbers import format_currency
from flask import Flask, current_app, has_request_context, url_for

from booking.core.i18n import current_language
from booking.core.timeutil import to_local

FORMAT_LOCALES = {"en": "en_NO"}


def format_locale() -> Locale:
    """The Babel locale of the page's language, parsed once (a queue page formats
    hundreds of dates and amounts, and parsing the name each time cost a third of it)."""
    return _parsed(current_language())


@functools.cache
def _parsed(language: str) -> Locale:
    return Locale.parse(FORMAT_LOCALES.get(language, language))


def _local(value: datetime | date) -> datetime | date:
    return to_local(value) if isinstance(value, datetime) else value


def day(value: datetime | date) -> str:
    """"torsdag 14. januar 2027" (a UTC instant is taken in Oslo time)."""
    return format_date(_local(value), "full", locale=format_locale())


def short_day(value: datetime | date) -> str:
    """"14. jan. 2027"."""
    return format_date(_local(value), "medium", locale=format_locale())


def clock(value: datetime | time) -> str:
    """"18:00" (a UTC instant is taken in Oslo time)."""
    moment = to_local(value) if isinstance(value, datetime) else value
    return format_time(moment, "short", locale=format_locale())


def hhmm(instant: datetime) -> str:
    """"18:00" in Oslo time, for form values and links (always HH:MM, whatever the language)."""
    return to_local(instant).strftime("%H:%M")


def localtime(instant: datetime) -> str:
    """"torsdag 14. januar 2027 kl. 18:00": the language's own way of joining the two."""
    joined = str(get_datetime_format("long", locale=format_locale())).replace("'", "")
    return joined.replace("{1}", day(instant)).replace("{0}", clock(instant))


def nok(ore: int) -> str:
    """Money is integer øre; shown as "1 250,00 kr"."""
    return format_currency(ore / 100, "NOK", locale=format_locale())


def external_url(endpoint: str, **values: Any) -> str:
    """A full link for a mail: from the request when there is one, else from SITE_URL
    (mails made by jobs and commands)."""
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return current_app.config["SITE_URL"].rstrip("/") + path


def sentence(text: str) -> str:
    """The first letter upper case, the rest as it is (Jinja's ``capitalize`` lowers the
    rest: "Monday, 7 december")."""
    return text[:1].upper() + text[1:]


def register_filters(app: Flask) -> None:
    app.jinja_env.globals["external_url"] = external_url
    app.jinja_env.filters.update(day=day, short_day=short_day, clock=clock, hhmm=hhmm,
                                 localtime=localtime, nok=nok, sentence=sentence)
