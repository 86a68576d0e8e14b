"""When does the user mean? Norwegian (bokmål and nynorsk) and English dates and times.

Pure: no Rasa, no network. ``parse_when(text, now)`` resolves relative days
("i morgen", "i overmorgen", "tonight"), weekdays ("neste tirsdag", "på
torsdag", "next Tuesday"), dates ("20.12", "3. desember", "December 3rd",
"2026-12-03"), times ("kl 18", "klokka 18:30", "halv sju", "6 pm"), ranges
("18-20", "fra 18 til 20", "6 to 8 pm", "mellom 18 og 20"), durations
("i to timer", "for 2 hours") and day parts ("kveld", "evening"). What it
cannot read it hands to dateparser, which alone misreads several of these
(see RECIPES.md). The caller always echoes the result back for confirmation.

Hours 1-7 without am/pm are taken as afternoon or evening: rooms are rented
after school. Weekday names mean the next such day after today.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

WEEKDAYS = {
    "mandag": 0, "måndag": 0, "monday": 0, "mon": 0,
    "tirsdag": 1, "tysdag": 1, "tuesday": 1, "tue": 1, "tues": 1,
    "onsdag": 2, "wednesday": 2, "wed": 2,
    "torsdag": 3, "thursday": 3, "thu": 3, "thur": 3, "thurs": 3,
    "fredag": 4, "friday": 4, "fri": 4,
    "lørdag": 5, "laurdag": 5, "saturday": 5, "sat": 5,
    "søndag": 6, "sundag": 6, "sunday": 6, "sun": 6,
}
MONTHS = {
    "januar": 1, "january": 1, "jan": 1, "februar": 2, "february": 2, "feb": 2,
    "mars": 3, "march": 3, "mar": 3, "april": 4, "apr": 4, "mai": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6, "juli": 7, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10, "november": 11, "nov": 11,
    "desember": 12, "december": 12, "des": 12, "dec": 12,
}
NUMBERS = {
    "ett": 1, "eitt": 1, "en": 1, "ein": 1, "one": 1, "to": 2, "two": 2, "tre": 3, "three": 3,
    "fire": 4, "four": 4, "fem": 5, "five": 5, "seks": 6, "six": 6, "sju": 7, "syv": 7,
    "seven": 7, "åtte": 8, "eight": 8, "ni": 9, "nine": 9, "ti": 10, "ten": 10,
    "elleve": 11, "eleven": 11, "tolv": 12, "twelve": 12,
}
# Day parts: default span when no clock time is given, and how to read bare hours.
DAY_PARTS = {
    "kveld": (time(18), time(21), "pm"), "kvelden": (time(18), time(21), "pm"),
    "kvelds": (time(18), time(21), "pm"), "evening": (time(18), time(21), "pm"),
    "tonight": (time(18), time(21), "pm"),
    "ettermiddag": (time(15), time(18), "pm"), "ettermiddagen": (time(15), time(18), "pm"),
    "afternoon": (time(15), time(18), "pm"),
    "formiddag": (time(9), time(12), "am"), "formiddagen": (time(9), time(12), "am"),
    "morning": (time(9), time(12), "am"),
}

HOUR = r"(?:[01]?\d|2[0-3])"
CLOCK = rf"{HOUR}(?:[:.][0-5]\d)?"
WORD_NUMBER = "|".join(sorted(NUMBERS, key=len, reverse=True))
# "20.12" and "20/12" are dates (not 20:12); "18.30" and "1.5 hours" are not.
NUMERIC_DATE = re.compile(r"(?<![\d:.])(\d{1,2})[./](\d{1,2})(?:[./](\d{2,4}))?(?![\d:])"
                          r"(?!\s*(?:timer|time|timar|hours?|t)\b)(?![.:]?\d)")


@dataclass(frozen=True)
class When:
    """What was understood; None where the text did not say."""

    day: date | None = None
    start: time | None = None
    end: time | None = None


def parse_when(text: str, now: datetime) -> When:
    """Resolve a date and a time span in ``text`` relative to ``now`` (local time)."""
    lowered = " " + _normalise(text) + " "
    today = now.date()
    day = _parse_day(lowered, today)
    part = next((DAY_PARTS[w] for w in DAY_PARTS if re.search(rf"\b{w}\b", lowered)), None)
    meridiem = _meridiem(lowered) or (part[2] if part else None)
    start, end = _parse_times(_strip_dates(lowered), meridiem)
    if re.search(r"\b(i kveld|tonight|i natt)\b", lowered) and day is None:
        day = today
    if start is None and part is not None:
        start, end = part[0], part[1]
    if day is None and start is None:
        return _fallback(text, now)
    return When(day, start, end)


def _normalise(text: str) -> str:
    text = text.lower().replace("\u00a0", " ")
    text = re.sub(r"[?!,;]", " ", text)
    # "klokka", "klokken", "kl." all say the same: "kl".
    text = re.sub(r"\b(klokka|klokken|klokke|kl\.)\s*", "kl ", text)
    text = re.sub(r"\bimorgen\b", "i morgen", text)
    text = re.sub(r"\bimorgon\b", "i morgon", text)
    text = re.sub(r"\bidag\b", "i dag", text)
    text = re.sub(r"\bikveld\b", "i kveld", text)
    text = re.sub(r"\bover ?i ?morgen\b", "i overmorgen", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip()


def _parse_day(text: str, today: date) -> date | None:
    relative = [
        (r"\bi overmorgen\b|\bi overmorgon\b|\bday after tomorrow\b", 2),
        (r"\bi morgen\b|\bi morgon\b|\btomorrow\b", 1),
        (r"\bi dag\b|\btoday\b|\bi kveld\b|\btonight\b", 0),
    ]
    for pattern, offset in relative:
        if re.search(pattern, text):
            return today + timedelta(days=offset)
    match = re.search(r"\b(?:om|in)\s+(\d+|" + WORD_NUMBER + r"|a|an|ei|ein)\s+"
                      r"(dag|dager|dagar|days?|uke|uker|veke|veker|weeks?)\b", text)
    if match:
        count = _number(match.group(1))
        unit = match.group(2)
        return today + (timedelta(weeks=count) if unit[0] in "uvw" else timedelta(days=count))
    iso = re.search(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", text)
    if iso:
        return _safe_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    for numeric in NUMERIC_DATE.finditer(text):
        if re.search(r"\b(kl|at|fra|from|frå|til|to|og|and)\s*$", text[:numeric.start()]):
            continue  # "kl 18.30", "fra 17.30 til": clock times
        day_number, month = int(numeric.group(1)), int(numeric.group(2))
        if 1 <= month <= 12 and 1 <= day_number <= 31:
            return _with_year(day_number, month, numeric.group(3), today)
    month_names = "|".join(sorted(MONTHS, key=len, reverse=True))
    spoken = re.search(rf"\b(\d{{1,2}})(?:\.|st|nd|rd|th)?\s+(?:of\s+)?({month_names})\b"
                       r"(?:\s+(\d{4}))?", text)
    if spoken:
        return _with_year(int(spoken.group(1)), MONTHS[spoken.group(2)], spoken.group(3), today)
    spoken_en = re.search(rf"\b({month_names})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s+(\d{{4}}))?",
                          text)
    if spoken_en:
        return _with_year(int(spoken_en.group(2)), MONTHS[spoken_en.group(1)], spoken_en.group(3),
                          today)
    weekday_names = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
    weekday = re.search(rf"\b(neste|nest|kommende|førstkommende|on|this|next|på|)\s*"
                        rf"({weekday_names})\b", text)
    if weekday:
        target = WEEKDAYS[weekday.group(2)]
        ahead = (target - today.weekday()) % 7 or 7
        return today + timedelta(days=ahead)
    return None


def _with_year(day_number: int, month: int, year_text: str | None, today: date) -> date | None:
    if year_text:
        year = int(year_text)
        year += 2000 if year < 100 else 0
        return _safe_date(year, month, day_number)
    candidate = _safe_date(today.year, month, day_number)
    if candidate is not None and candidate < today:
        candidate = _safe_date(today.year + 1, month, day_number)
    return candidate


def _safe_date(year: int, month: int, day_number: int) -> date | None:
    try:
        return date(year, month, day_number)
    except ValueError:
        return None


def _number(word: str) -> int:
    if word.isdigit():
        return int(word)
    return {"a": 1, "an": 1, "ei": 1, "ein": 1}.get(word, NUMBERS.get(word, 1))


def _meridiem(text: str) -> str | None:
    if re.search(r"\d\s*(pm|p\.m\.)|\b(pm|p\.m\.)\b", text):
        return "pm"
    if re.search(r"\d\s*(am|a\.m\.)|\b(a\.m\.)\b", text):
        return "am"
    return None


def _strip_dates(text: str) -> str:
    """Remove date expressions so their numbers are not read as clock times."""
    month_names = "|".join(sorted(MONTHS, key=len, reverse=True))
    text = re.sub(r"\b\d{4}-\d{1,2}-\d{1,2}\b", " ", text)
    text = NUMERIC_DATE.sub(lambda m: " " if _is_date_match(m) else m.group(0), text)
    text = re.sub(rf"\b\d{{1,2}}(?:\.|st|nd|rd|th)?\s+(?:of\s+)?({month_names})\b(?:\s+\d{{4}})?",
                  " ", text)
    text = re.sub(rf"\b({month_names})\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:\s+\d{{4}})?", " ", text)
    text = re.sub(r"\b(?:om|in)\s+(\d+|" + WORD_NUMBER + r"|a|an|ei|ein)\s+"
                  r"(dag|dager|dagar|days?|uke|uker|veke|veker|weeks?)\b", " ", text)
    return text


def _is_date_match(match: re.Match) -> bool:
    before = match.string[:match.start()]
    if re.search(r"\b(kl|at|fra|from|frå|til|to|og|and)\s*$", before):
        return False
    return 1 <= int(match.group(2)) <= 12 and 1 <= int(match.group(1)) <= 31


def _clock(token: str, meridiem: str | None) -> time | None:
    """'18', '18:30', '18.30', 'seks', 'halv sju' -> a time of day."""
    token = token.strip()
    half = re.fullmatch(rf"halv\s+(\d{{1,2}}|{WORD_NUMBER})", token)
    if half:
        hour = _number(half.group(1)) - 1
        return _adjust(hour, 30, meridiem)
    match = re.fullmatch(r"(\d{1,2})(?:[:.](\d{2}))?", token)
    if match:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if match.group(1).startswith("0") and meridiem is None:
            return time(hour, minute) if hour <= 23 and minute <= 59 else None  # "02:30"
    elif token in NUMBERS:
        hour, minute = NUMBERS[token], 0
    else:
        return None
    if hour > 23 or minute > 59:
        return None
    return _adjust(hour, minute, meridiem)


def _adjust(hour: int, minute: int, meridiem: str | None) -> time:
    if meridiem == "pm" and hour < 12:
        hour += 12
    elif meridiem == "am" and hour == 12:
        hour = 0
    elif meridiem is None and 1 <= hour <= 7:
        hour += 12  # rooms are rented after school: "kl 6" is six in the evening
    return time(hour % 24, minute)


def _parse_times(text: str, meridiem: str | None) -> tuple[time | None, time | None]:
    point = rf"(?:halv\s+(?:\d{{1,2}}|{WORD_NUMBER})|\d{{1,2}}(?:[:.]\d{{2}})?|{WORD_NUMBER})"
    ends = r"(?![\d\w])"  # "8pm": no word boundary between 8 and pm, so look ahead instead
    ranges = [
        rf"\b(?:fra|from|frå)\s+(?:kl\s+)?({point})\s*(am|pm)?\s+(?:til|to|until|till)\s+"
        rf"(?:kl\s+)?({point})\s*(am|pm)?{ends}",
        rf"\b(?:mellom|between)\s+(?:kl\s+)?({point})\s*(am|pm)?\s+(?:og|and)\s+(?:kl\s+)?"
        rf"({point})\s*(am|pm)?{ends}",
        rf"(?:\bkl\s+)?\b({point})\s*(am|pm)?\s*(?:-|–|til|to|until)\s*(?:kl\s+)?({point})"
        rf"\s*(am|pm)?{ends}",
    ]
    for pattern in ranges:
        match = re.search(pattern, text)
        if match:
            end_meridiem = match.group(4) or meridiem
            start_meridiem = match.group(2) or (end_meridiem if match.group(4) else meridiem)
            start = _clock(match.group(1), start_meridiem)
            end = _clock(match.group(3), end_meridiem)
            if start and end and end <= start and end.hour < 12:
                end = time(end.hour + 12, end.minute)  # "6 to 8 pm" read the same as "18-20"
            if start and end:
                return start, end
    single = re.search(rf"\b(?:kl|at|fra|from|frå)\s+({point})\b", text) or re.search(
        rf"\b(halv\s+(?:\d{{1,2}}|{WORD_NUMBER}))\b", text) or re.search(
        r"\b(\d{1,2}(?::\d{2})?)\s*(?:am|pm)\b", text) or re.search(
        r"(?<![\d.])\b(\d{1,2}:\d{2})\b", text)
    if not single:
        return None, None
    start = _clock(single.group(1), meridiem)
    if start is None:
        return None, None
    duration = re.search(rf"\b(?:i|for|in)\s+(\d+(?:[.,]5)?|{WORD_NUMBER}|en halv|ei|ein|an?)"
                         r"\s+(timer|time|timar|hours?|t)\b", text)
    if duration:
        raw = duration.group(1).replace(",", ".")
        hours = float(raw) if re.fullmatch(r"\d+(?:\.5)?", raw) else _number(raw)
        end_dt = datetime.combine(date.today(), start) + timedelta(hours=hours)
        return start, end_dt.time() if end_dt.date() == date.today() else None
    return start, None


def _fallback(text: str, now: datetime) -> When:
    """dateparser for what our rules do not cover; it reads dates, not our ranges."""
    try:
        import dateparser
    except ImportError:  # the parser is also used where dateparser is not installed
        return When()
    settings = {"PREFER_DATES_FROM": "future", "RELATIVE_BASE": now.replace(tzinfo=None),
                "RETURN_AS_TIMEZONE_AWARE": False}
    found = dateparser.parse(text, languages=["nb", "en"], settings=settings)
    if found is None:
        return When()
    has_time = bool(re.search(r"\d[:.]\d\d|\d\s*(am|pm)", text.lower()))
    return When(found.date(), found.time() if has_time else None, None)


WEEKDAY_NAMES = {
    "nb": ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"],
    "nn": ["måndag", "tysdag", "onsdag", "torsdag", "fredag", "laurdag", "sundag"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
MONTH_NAMES = {
    "nb": ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
           "oktober", "november", "desember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}


def describe(day: date, start: time | None = None, end: time | None = None,
             language: str = "nb") -> str:
    """The resolved date and time in words, to echo back: 'torsdag 3. desember kl. 18:00–20:00'."""
    months = MONTH_NAMES["en" if language == "en" else "nb"]
    weekday = WEEKDAY_NAMES.get(language, WEEKDAY_NAMES["nb"])[day.weekday()]
    if language == "en":
        text = f"{weekday} {day.day} {months[day.month - 1]} {day.year}"
        clock = ", "
    else:
        text = f"{weekday} {day.day}. {months[day.month - 1]} {day.year}"
        clock = " kl. "
    if start is not None:
        text += f"{clock}{start:%H:%M}" + (f"–{end:%H:%M}" if end else "")
    return text


# "hver tirsdag", "kvar torsdag", "every Thursday", "ukentlig", "weekly", "hver uke".
_WEEKDAY_WORDS = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
WEEKLY = re.compile(rf"\b(?:(?:hver|hvert|kvar|kvart|every|each)\s+(?:uke|veke|week|"
                    rf"(?:{_WEEKDAY_WORDS})s?)|ukentlig|ukentleg|vekentleg|weekly)\b", re.I)
SEASON = re.compile(r"\b(?:resten av|ut|heile|hele|hele resten av|for|the rest of|rest of)\s+"
                    r"(?:the\s+)?(?:sesongen|semesteret|skoleåret|skuleåret|season|term|"
                    r"school year)\b", re.I)
EASTER = re.compile(r"\b(?:til|fram til|frem til|until|till|up to)\s+(?:påske|easter)", re.I)
_MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))
UNTIL = re.compile(rf"\b(?:til og med|fram til|frem til|til|until|till|through|up to)\s+(?:"
                   rf"(?P<d1>\d{{1,2}})\.\s*(?P<m1>\d{{1,2}})\b|"
                   rf"(?P<d2>\d{{1,2}})\.?\s+(?P<w2>{_MONTH_WORDS})\b|"
                   rf"(?P<w3>{_MONTH_WORDS})\.?\s+(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?\b)", re.I)


def season_end(today: date) -> date:
    """The last day of the rental season: the school year ends about 20 June."""
    return date(today.year if today.month < 7 else today.year + 1, 6, 20)


def weekly_until(text: str, first_day: date | None, today: date) -> date | None:
    """The last date of a weekly booking the text asks for, or None for a single date.
    "hver tirsdag resten av sesongen" runs to the season's end, "every Thursday until
    Easter" to the week before Easter, "hver onsdag til 15. mars" to that date; a weekly
    wish with no end runs to the season's end. A time ("18 til 20") is never an end date."""
    if not WEEKLY.search(text):
        return None
    start = first_day or today
    until = season_end(start)
    if EASTER.search(text):
        from dateutil.easter import easter

        year = start.year if start <= easter(start.year) - timedelta(days=7) else start.year + 1
        until = easter(year) - timedelta(days=8)  # schools close for the Easter week
    elif not SEASON.search(text):
        match = UNTIL.search(text)
        if match:
            month = int(match["m1"]) if match["m1"] else MONTHS[(match["w2"] or match["w3"]).lower()]
            day_number = int(match["d1"] or match["d2"] or match["d3"])
            until = _safe_date(start.year, month, day_number) or until
            if until < start:  # "til 15. mars" in December: next year's
                until = _safe_date(start.year + 1, month, day_number) or until
    return until if until > start else None


def first_date_text(text: str, now: datetime) -> str:
    """The text of a weekly request with the repetition taken out, to read its first date
    and its times from: "hver onsdag fra 6. januar kl 20-21:30 til 15. mars" reads as
    "fra 6. januar kl 20-21:30" (so neither the end date nor "til 15" is taken for the time), and "hver
    onsdag 18-20" as "onsdag 18-20", the next Wednesday, when no date is given."""
    if not WEEKLY.search(text):
        return text
    stripped = UNTIL.sub(" ", EASTER.sub(" ", SEASON.sub(" ", text)))
    without_weekday = WEEKLY.sub(" ", stripped)
    if parse_when(without_weekday, now).day is not None:
        return without_weekday
    return re.sub(r"\b(?:hver|hvert|kvar|kvart|every|each)\s+", " ", stripped, flags=re.I)
