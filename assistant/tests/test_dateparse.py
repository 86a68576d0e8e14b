"""A table of Norwegian and English expressions and what they must resolve to.

"Now" is fixed: Sunday 22 November 2026 at 12:00 in Oslo, unless a row says
otherwise (the rows around the clock-change weekends of October 2026 and
March 2027 set their own).
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from actions.dateparse import describe, parse_when

NOW = datetime(2026, 11, 22, 12, 0)  # a Sunday
BEFORE_SPRING = datetime(2027, 3, 26, 12, 0)  # Friday; clocks go forward Sunday 28 March
BEFORE_AUTUMN = datetime(2026, 10, 23, 12, 0)  # Friday; clocks go back Sunday 25 October

D = date
T = time

CASES = [
    # --- relative days (nb, nn, en)
    ("i dag kl 18", NOW, D(2026, 11, 22), T(18), None),
    ("idag klokka 19", NOW, D(2026, 11, 22), T(19), None),
    ("i morgen", NOW, D(2026, 11, 23), None, None),
    ("imorgen kl 18", NOW, D(2026, 11, 23), T(18), None),
    ("i morgon klokka 18", NOW, D(2026, 11, 23), T(18), None),
    ("i overmorgen", NOW, D(2026, 11, 24), None, None),
    ("overimorgen kl 17", NOW, D(2026, 11, 24), T(17), None),
    ("i overmorgon frå 17 til 19", NOW, D(2026, 11, 24), T(17), T(19)),
    ("today at 6 pm", NOW, D(2026, 11, 22), T(18), None),
    ("tomorrow 18:00", NOW, D(2026, 11, 23), T(18), None),
    ("tomorrow from 6 to 8", NOW, D(2026, 11, 23), T(18), T(20)),
    ("the day after tomorrow at 7pm", NOW, D(2026, 11, 24), T(19), None),
    ("i kveld", NOW, D(2026, 11, 22), T(18), T(21)),
    ("ikveld kl 19-21", NOW, D(2026, 11, 22), T(19), T(21)),
    ("tonight", NOW, D(2026, 11, 22), T(18), T(21)),
    ("tonight 7 to 9", NOW, D(2026, 11, 22), T(19), T(21)),
    ("om en uke", NOW, D(2026, 11, 29), None, None),
    ("om to uker kl 18", NOW, D(2026, 12, 6), T(18), None),
    ("om 3 dager", NOW, D(2026, 11, 25), None, None),
    ("in a week at 6pm", NOW, D(2026, 11, 29), T(18), None),
    ("in 10 days", NOW, D(2026, 12, 2), None, None),
    ("om ei veke", NOW, D(2026, 11, 29), None, None),
    # --- weekdays: the next such day after today
    ("mandag", NOW, D(2026, 11, 23), None, None),
    ("tirsdag 18-20", NOW, D(2026, 11, 24), T(18), T(20)),
    ("neste tirsdag 18-20", NOW, D(2026, 11, 24), T(18), T(20)),
    ("på onsdag kl 19", NOW, D(2026, 11, 25), T(19), None),
    ("torsdag kveld", NOW, D(2026, 11, 26), T(18), T(21)),
    ("fredag kl 18", NOW, D(2026, 11, 27), T(18), None),
    ("lørdag fra 10 til 14", NOW, D(2026, 11, 28), T(10), T(14)),
    ("søndag", NOW, D(2026, 11, 29), None, None),
    ("neste søndag", NOW, D(2026, 11, 29), None, None),
    ("måndag klokka 18", NOW, D(2026, 11, 23), T(18), None),
    ("tysdag kveld", NOW, D(2026, 11, 24), T(18), T(21)),
    ("laurdag formiddag", NOW, D(2026, 11, 28), T(9), T(12)),
    ("sundag ettermiddag", NOW, D(2026, 11, 29), T(15), T(18)),
    ("next Tuesday 6 to 8 pm", NOW, D(2026, 11, 24), T(18), T(20)),
    ("on Thursday evening", NOW, D(2026, 11, 26), T(18), T(21)),
    ("this Friday at 7", NOW, D(2026, 11, 27), T(19), None),
    ("next monday 17:00-19:00", NOW, D(2026, 11, 23), T(17), T(19)),
    ("wednesday afternoon", NOW, D(2026, 11, 25), T(15), T(18)),
    ("saturday morning", NOW, D(2026, 11, 28), T(9), T(12)),
    ("førstkommende torsdag kl 18.30", NOW, D(2026, 11, 26), T(18, 30), None),
    ("kommende fredag", NOW, D(2026, 11, 27), None, None),
    # --- dates
    ("20.12", NOW, D(2026, 12, 20), None, None),
    ("20.12 kl 18", NOW, D(2026, 12, 20), T(18), None),
    ("20/12", NOW, D(2026, 12, 20), None, None),
    ("3.12.2026", NOW, D(2026, 12, 3), None, None),
    ("03.12.26 fra 18 til 20", NOW, D(2026, 12, 3), T(18), T(20)),
    ("1.11", NOW, D(2027, 11, 1), None, None),  # passed this year: next year
    ("3. desember", NOW, D(2026, 12, 3), None, None),
    ("3 desember kl 19", NOW, D(2026, 12, 3), T(19), None),
    ("1. mai kl 10-14", NOW, D(2027, 5, 1), T(10), T(14)),
    ("17. mai", NOW, D(2027, 5, 17), None, None),
    ("5. januar 2027", NOW, D(2027, 1, 5), None, None),
    ("12. februar klokka 18-20", NOW, D(2027, 2, 12), T(18), T(20)),
    ("December 3", NOW, D(2026, 12, 3), None, None),
    ("December 3rd at 7pm", NOW, D(2026, 12, 3), T(19), None),
    ("3rd of December", NOW, D(2026, 12, 3), None, None),
    ("the 5th of January 2027", NOW, D(2027, 1, 5), None, None),
    ("Jan 10 6-8pm", NOW, D(2027, 1, 10), T(18), T(20)),
    ("2026-12-03", NOW, D(2026, 12, 3), None, None),
    ("2026-12-03 18:00-20:00", NOW, D(2026, 12, 3), T(18), T(20)),
    ("30. november", NOW, D(2026, 11, 30), None, None),
    ("31.12 kl 20", NOW, D(2026, 12, 31), T(20), None),
    # --- times and ranges
    ("kl 18", NOW, None, T(18), None),
    ("kl. 18", NOW, None, T(18), None),
    ("klokka 18:30", NOW, None, T(18, 30), None),
    ("klokken 18.30", NOW, None, T(18, 30), None),
    ("kl 6", NOW, None, T(18), None),
    ("kl 9 lørdag", NOW, D(2026, 11, 28), T(9), None),
    ("18-20", NOW, None, T(18), T(20)),
    ("18:00-20:00", NOW, None, T(18), T(20)),
    ("18.00–21.45", NOW, None, T(18), T(21, 45)),
    ("fra 18 til 20", NOW, None, T(18), T(20)),
    ("fra kl 17 til kl 19", NOW, None, T(17), T(19)),
    ("mellom 18 og 20", NOW, None, T(18), T(20)),
    ("mellom kl 17.30 og 19", NOW, None, T(17, 30), T(19)),
    ("18 til 20", NOW, None, T(18), T(20)),
    ("6 to 8 pm", NOW, None, T(18), T(20)),
    ("6-8pm", NOW, None, T(18), T(20)),
    ("from 6 to 8", NOW, None, T(18), T(20)),
    ("between 7 and 9", NOW, None, T(19), T(21)),
    ("at 6 pm", NOW, None, T(18), None),
    ("at 18:30", NOW, None, T(18, 30), None),
    ("10am", NOW, None, T(10), None),
    ("10 am to 2 pm", NOW, None, T(10), T(14)),
    ("kl seks", NOW, None, T(18), None),
    ("klokka åtte i kveld", NOW, D(2026, 11, 22), T(20), None),
    ("halv sju", NOW, None, T(18, 30), None),
    ("kl halv åtte", NOW, None, T(19, 30), None),
    ("fra seks til åtte", NOW, None, T(18), T(20)),
    ("from six to eight", NOW, None, T(18), T(20)),
    # --- durations
    ("i morgen kl 18 i to timer", NOW, D(2026, 11, 23), T(18), T(20)),
    ("halv sju i morgen i to timer", NOW, D(2026, 11, 23), T(18, 30), T(20, 30)),
    ("fredag kl 17 i 3 timer", NOW, D(2026, 11, 27), T(17), T(20)),
    ("tomorrow at 6 pm for 2 hours", NOW, D(2026, 11, 23), T(18), T(20)),
    ("Saturday at 10 for 1.5 hours", NOW, D(2026, 11, 28), T(10), T(11, 30)),
    ("December 3rd at 7pm for two hours", NOW, D(2026, 12, 3), T(19), T(21)),
    # --- whole sentences
    ("trenger gymsal på Jar skole neste tirsdag 18-20", NOW, D(2026, 11, 24), T(18), T(20)),
    ("vi er et kor på 40 som trenger et rom med piano torsdag kveld", NOW, D(2026, 11, 26),
     T(18), T(21)),
    ("kitchen for a cooking class next Tuesday 6 to 8 pm", NOW, D(2026, 11, 24), T(18), T(20)),
    ("kan vi leie aulaen 12.12 fra 17 til 21", NOW, D(2026, 12, 12), T(17), T(21)),
    ("nei, heller torsdag", NOW, D(2026, 11, 26), None, None),
    ("actually make it Wednesday", NOW, D(2026, 11, 25), None, None),
    ("we need a hall for 30 people on Friday from 18:00 to 21:45", NOW, D(2026, 11, 27), T(18),
     T(21, 45)),
    ("ledig klasserom i morgen kveld?", NOW, D(2026, 11, 23), T(18), T(21)),
    # --- around the clock changes
    ("søndag kl 18", BEFORE_SPRING, D(2027, 3, 28), T(18), None),
    ("i overmorgen kl 02:30", BEFORE_SPRING, D(2027, 3, 28), T(2, 30), None),
    ("i morgen 17-19", BEFORE_SPRING, D(2027, 3, 27), T(17), T(19)),
    ("neste torsdag 18-20", BEFORE_SPRING, D(2027, 4, 1), T(18), T(20)),
    ("søndag 10-12", BEFORE_AUTUMN, D(2026, 10, 25), T(10), T(12)),
    ("i overmorgen kl 02:30", BEFORE_AUTUMN, D(2026, 10, 25), T(2, 30), None),
    ("i overmorgen kl 2:30", BEFORE_AUTUMN, D(2026, 10, 25), T(14, 30), None),  # after school
    ("next Thursday 6 to 8 pm", BEFORE_AUTUMN, D(2026, 10, 29), T(18), T(20)),
    ("i morgen kveld", BEFORE_AUTUMN, D(2026, 10, 24), T(18), T(21)),
]


@pytest.mark.parametrize(("text", "now", "day", "start", "end"), CASES,
                         ids=[case[0] for case in CASES])
def test_expression(text, now, day, start, end):
    when = parse_when(text, now)
    assert (when.day, when.start, when.end) == (day, start, end)


def test_the_table_is_large_enough():
    assert len(CASES) >= 100
    assert sum(c[1] in (BEFORE_SPRING, BEFORE_AUTUMN) for c in CASES) >= 8


@pytest.mark.parametrize("text", ["hei", "hva koster det", "what can you do", "", "???"])
def test_no_date_or_time(text):
    when = parse_when(text, NOW)
    assert when.day is None and when.start is None


def test_describe_in_each_language():
    day = D(2026, 12, 3)
    assert describe(day, T(18), T(20)) == "torsdag 3. desember 2026 kl. 18:00–20:00"
    assert describe(day, T(18), T(20), "nn") == "torsdag 3. desember 2026 kl. 18:00–20:00"
    assert describe(D(2026, 11, 24), language="nn") == "tysdag 24. november 2026"
    assert describe(day, T(18), T(20), "en") == "Thursday 3 December 2026, 18:00–20:00"


@pytest.mark.parametrize(("text", "expected"), [
    ("hver tirsdag 18-20 resten av sesongen", date(2027, 6, 20)),
    ("kvar torsdag frå 18 til 20 ut skuleåret", date(2027, 6, 20)),
    ("every Thursday 6 to 8 pm until Easter", date(2027, 3, 20)),  # Easter 2027: 28 March
    ("hver onsdag 18 til 20 til 15. mars", date(2027, 3, 15)),
    ("every Wednesday until March 15", date(2027, 3, 15)),
    ("ukentlig fra neste tirsdag", date(2027, 6, 20)),
    ("gymsal tirsdag 18 til 20", None),  # one date: "til 20" is the end of the time
    ("hver tirsdag 18 til 20", date(2027, 6, 20)),
])
def test_weekly_until(text, expected):
    from actions.dateparse import weekly_until

    today = date(2026, 12, 3)
    assert weekly_until(text, date(2026, 12, 8), today) == expected


def test_a_weekly_request_starts_on_its_date_or_the_next_weekday():
    from actions.dateparse import first_date_text

    now = datetime(2026, 12, 3, 10, 0)
    when = parse_when(first_date_text("hver onsdag fra 6. januar kl 20-21:30 til 15. mars", now), now)
    assert (when.day, when.start, when.end) == (date(2027, 1, 6), time(20), time(21, 30))
    when = parse_when(first_date_text("every Thursday 6 to 8 pm until Easter", now), now)
    assert (when.day, when.start, when.end) == (date(2026, 12, 10), time(18), time(20))
    assert first_date_text("gymsal tirsdag 18 til 20", now) == "gymsal tirsdag 18 til 20"
