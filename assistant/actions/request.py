"""What one search or booking request asks for. Pure: no Rasa, no network.

People ask many things in one conversation, so a value the user gave for an
earlier question must not leak into a later search (the price "for barn og
unge", a school named in passing). A new request therefore starts from what
the user says in it. Values from the previous request carry over only when the
message plainly continues it ("og på fredag?", "heller Hosle", "what about
Thursday?"), and the reply then names what was carried.

Entity values from the NLU model are checked against the live catalogue before
use: school and area names are matched tolerating typos, case, Norwegian
letters and a left-out "skole"/"skule"; room types, facilities and customer
categories are kept only when the catalogue knows them (the model reads "og"
in "barn og unge" as a category now and then). The catalogue is given as the
API's own JSON, so the municipality's names are not in the training data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

# The request's values, as the booking form's slots are named.
TIME_FIELDS = ("day", "start", "end")
FILTER_FIELDS = ("room_type", "facility", "building", "area", "category")
REQUEST_FIELDS = (*TIME_FIELDS, "attendees", *FILTER_FIELDS)

# Words that name the kind of place, not which: "Jar skole", "jar skule", "Jar".
SCHOOL_WORDS = frozenset({"skole", "skule", "skolen", "skulen", "skoler", "barneskole",
                          "barneskule", "barneskolen", "ungdomsskole", "ungdomsskule",
                          "ungdomsskolen", "school"})
FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e", "ä": "ae", "ö": "o", "ü": "u"})

# A message that goes on with the previous request: it starts with "og"/"and", "eller",
# "hva med"/"what about", or says "heller", "i stedet", "instead", "som sist".
CONTINUES = re.compile(
    r"^\W*(?:og|men|eller|enn|hva med|kva med|hvordan med|korleis med|samme|and|or|but|"
    r"what about|how about|same)\b"
    r"|\b(?:heller|i stedet|istedet|isteden|i staden|istaden|instead|som sist|same as before|"
    r"as before|as last time)\b", re.I)

# An explicit number of people: "for 15 personer", "vi er 40", "we are 12", "30 of us".
PEOPLE = (r"personer|person|pers|folk|stk|stykker|deltakere|deltakarar|deltagere|barn|born|"
          r"voksne|vaksne|ungdommer|spillere|medlemmer|gjester|people|persons|"
          r"participants|kids|children|adults|guests|players|members")
# A number that is a date, a time or an age, not a count: "15.12", "18-20", "10-åring",
# "2 timer", "kl 18".
MONTHS = (r"jan|januar|january|feb|februar|february|mars|march|apr|april|mai|may|juni|june|"
          r"juli|july|aug|august|sep|sept|september|okt|oktober|oct|october|nov|november|des|"
          r"desember|dec|december")
NOT_A_COUNT = (r"(?![\d.:/–-])(?!\s*(?:[-–]|timer|time|timar|t\b|min|minutter|hours?|hrs?|"
               rf"år|års|åring|åringer|years?|pm|am|kr|kroner|nok|og\s+\d|til\s+\d|to\s+\d|"
               rf"(?:{MONTHS})\b))")
COUNT_PATTERNS = (
    re.compile(rf"(?<![\d.:/–-])(\d{{1,4}})\s*(?:{PEOPLE})\b", re.I),
    re.compile(rf"\b(?:vi er|vi blir|me er|me blir|vi e|we are|we're|we will be|there are|"
               rf"there will be|blir vi|er vi)\s+(?:ca\.?\s+|cirka\s+|about\s+|around\s+)?"
               rf"(\d{{1,4}}){NOT_A_COUNT}", re.I),
    re.compile(r"\b(\d{1,4}) of us\b", re.I),
    # "gymsal for 20": a count unless it reads as a date, a time, an age or a sum.
    re.compile(rf"\bfor\s+(?:ca\.?\s+|cirka\s+|about\s+|around\s+)?(\d{{1,4}})"
               rf"{NOT_A_COUNT}", re.I),
    # "et kor på 40", "a group of 25": a group and its size.
    re.compile(rf"\b(?:kor|lag|gruppe|klasse|korps|forening|group|choir|team|class)\s+"
               rf"(?:på|of)\s+(\d{{1,4}}){NOT_A_COUNT}", re.I),
)
BARE_NUMBER = re.compile(r"\s*(?:ca\.?|cirka|omtrent|rundt|about|around|approx\.?)?\s*"
                         r"(\d{1,4})\s*(?:stk|personer|pers|people|persons)?\s*[.!]?\s*", re.I)


def fold(text: str) -> str:
    """Lower case, Norwegian letters spelt out, punctuation to spaces."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower().translate(FOLD)).split())


def place_key(name: str) -> str:
    """A school's or area's name as compared: folded, without "skole" and the like."""
    return " ".join(word for word in fold(name).split() if word not in SCHOOL_WORDS)


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: a swapped pair of letters counts as one typo."""
    rows = [list(range(len(b) + 1))]
    for i, ca in enumerate(a, start=1):
        row = [i]
        for j, cb in enumerate(b, start=1):
            row.append(min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (ca != cb)))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def best_match(wanted: str, names: Iterable[str]) -> str | None:
    """The one name that ``wanted`` means, or None when none or several fit equally.

    Exact (as keys) first, then a unique prefix of at least three letters ("Bærums" for
    Bærums Verk), then the closest within one typo for short names and two for names of
    six letters or more. Short names get less slack: "Jar" must not become "Bar".
    """
    key = place_key(wanted)
    if not key:
        return None
    keys = {name: place_key(name) for name in names}
    for fits in ([n for n, k in keys.items() if k == key],
                 [n for n, k in keys.items() if len(key) >= 3 and k.startswith(key)]):
        if len(fits) == 1:
            return fits[0]
        if len(fits) > 1:
            return None
    allowed = 1 if len(key) < 6 else 2
    scored = sorted((edit_distance(key, k), n) for n, k in keys.items())
    if not scored or scored[0][0] > allowed:
        return None
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        return None
    return scored[0][1]


@dataclass(frozen=True)
class Building:
    id: int
    name: str
    area: str


@dataclass(frozen=True)
class Catalogue:
    """The names and values the platform knows, from its API."""

    buildings: tuple[Building, ...]
    room_types: frozenset[str]
    facilities: frozenset[str]
    categories: frozenset[str]
    # Room types and facilities in the words of the language the catalogue was read in.
    labels: dict[str, dict[str, str]] = field(default_factory=dict, compare=False)

    @classmethod
    def from_api(cls, buildings: list[dict], rooms: list[dict], prices: dict) -> Catalogue:
        """From GET /buildings, /rooms and /prices."""
        return cls(
            buildings=tuple(Building(b["id"], b["name"], b["area"]) for b in buildings),
            room_types=frozenset({r["room_type"] for r in rooms}
                                 | {r["room_type"] for r in prices["rates"]}),
            facilities=frozenset(f for r in rooms for f in r["facilities"]),
            categories=frozenset(r["category"] for r in prices["rates"]),
            labels={"room_type": {r["room_type"]: r["room_type_label"] for r in rooms},
                    "facility": {f: label for r in rooms
                                 for f, label in zip(r["facilities"], r["facility_labels"],
                                                     strict=True)}})

    @property
    def areas(self) -> frozenset[str]:
        return frozenset(b.area for b in self.buildings)

    def building(self, name: str | None) -> Building | None:
        found = best_match(name, [b.name for b in self.buildings]) if name else None
        return next((b for b in self.buildings if b.name == found), None)

    def building_id(self, name: str | None) -> int | None:
        building = self.building(name)
        return building.id if building else None

    def place(self, value: str, kind: str) -> tuple[str, str] | None:
        """("building", name) or ("area", name) for a place the user named, trying the kind
        the model tagged first: it often tags "Jar" or "Bekkestua" as either."""
        order = ("building", "area") if kind == "building" else ("area", "building")
        for which in order:
            if which == "building" and (building := self.building(value)):
                return ("building", building.name)
            if which == "area" and (area := best_match(value, self.areas)):
                return ("area", area)
        return None

    def known(self, kind: str, value: Any) -> str | None:
        """A room type, facility or category only when the catalogue has it."""
        values = {"room_type": self.room_types, "facility": self.facilities,
                  "category": self.categories}[kind]
        wanted = fold(str(value)).replace(" ", "_")
        return next((v for v in values if fold(v).replace(" ", "_") == wanted), None)


@dataclass
class Said:
    """The filters one message gives, checked; and the places it named that are unknown."""

    values: dict[str, str] = field(default_factory=dict)
    unknown_places: list[str] = field(default_factory=list)


def room_type_in(text: str, catalogue: Catalogue) -> str | None:
    """A room type named in so many words, inflected or not ("aulaen", "gymsalene",
    "skolekjøkkenet"): the model misses some of these, and a price question about the
    aula then got the gym hall's prices. Only the catalogue's own types, as whole words."""
    names = {fold(value): value for value in catalogue.room_types}
    names.update({fold(label): value for value, label in
                  catalogue.labels.get("room_type", {}).items() if " " not in label})
    for word in fold(text).split():
        for name, value in names.items():
            if word == name or (word.startswith(name) and len(word) - len(name) <= 3):
                return value
    return None


def place_in(text: str, catalogue: Catalogue) -> tuple[str, str] | None:
    """A school or area named in so many words, for when the model tagged none: the names
    are the live catalogue's, so the model need not know one municipality's places. A
    school's full name first ("Jar skole"), then an area ("på Jar"), then a school by its
    name alone ("Hosle" where no area is called so)."""
    words = f" {fold(text)} "
    buildings = sorted(catalogue.buildings, key=lambda b: -len(b.name))
    for building in buildings:
        if f" {fold(building.name)} " in words:
            return ("building", building.name)
    for area in sorted(catalogue.areas, key=len, reverse=True):
        if fold(area) and f" {fold(area)} " in words:
            return ("area", area)
    for building in buildings:
        if place_key(building.name) and f" {place_key(building.name)} " in words:
            return ("building", building.name)
    return None


def read_entities(entities: list[dict], catalogue: Catalogue, text: str = "") -> Said:
    """The filters in one message's entities (and its text, for a room type or a place
    the model missed), checked against the catalogue."""
    said = Said()
    for entity in entities:
        kind, value = entity.get("entity"), entity.get("value")
        if not isinstance(value, str) or not value.strip():
            continue
        if kind in ("room_type", "facility", "category"):
            known = catalogue.known(kind, value)
            if known is not None:
                said.values.setdefault(kind, known)
            # Otherwise dropped without a word: a misread word, not something the user asked.
        elif kind in ("building", "area"):
            if not place_key(value):
                # "skole" alone: the model took the kind of place for its name, which it
                # does for names it has never seen ("på Tullinger skole"). The word before
                # it is the name.
                before = text[:entity["start"]].split() if isinstance(
                    entity.get("start"), int) else []
                if not before or not place_key(before[-1]) or before[-1].lower() in (
                        "på", "ved", "at", "i", "in", "en", "ein", "et", "eit", "the", "a"):
                    continue
                value = f"{before[-1]} {value}"
            place = catalogue.place(value, kind)
            if place is None:
                said.unknown_places.append(value.strip())
            elif not ({"building", "area"} & set(said.values)):
                said.values[place[0]] = place[1]
    if "room_type" not in said.values and (found := room_type_in(text, catalogue)):
        said.values["room_type"] = found
    if not ({"building", "area"} & set(said.values)) and not said.unknown_places \
            and (place := place_in(text, catalogue)):
        said.values[place[0]] = place[1]
    return said


def continues(text: str) -> bool:
    """Does the message go on with the previous request rather than start a new one?"""
    return bool(CONTINUES.search(text or ""))


def carry_over(previous: dict[str, Any] | None, said: dict[str, Any],
               continuing: bool) -> tuple[dict[str, Any], list[str]]:
    """The new request's values and the names of those carried from the previous one.

    A new place replaces the old one, school or area alike ("heller Hosle" after Jar); a
    new start time replaces the old span; a new day keeps the time ("og på fredag?").
    """
    said = {k: v for k, v in said.items() if k in REQUEST_FIELDS and v is not None}
    if not continuing or not previous:
        return said, []
    kept = {k: v for k, v in previous.items() if k in REQUEST_FIELDS and v is not None}
    if {"building", "area"} & set(said):
        kept.pop("building", None)
        kept.pop("area", None)
    if "start" in said:
        kept.pop("end", None)
    carried = [k for k in REQUEST_FIELDS if k in kept and k not in said]
    return {**kept, **said}, carried


def count_in(text: str) -> int | None:
    """An explicit number of people in free text, or None. Ages, dates, times and
    durations are not counts: "Bursdagsfest for 10-åring", "15.12", "18-20", "2 timer"."""
    for pattern in COUNT_PATTERNS:
        match = pattern.search(text or "")
        if match and int(match.group(1)) > 0:
            return int(match.group(1))
    return None


def without_count(text: str) -> str:
    """The text with its explicit count taken out, so that "vi blir 20" is not a date."""
    for pattern in COUNT_PATTERNS:
        match = pattern.search(text or "")
        if match:
            return text[:match.start(1)] + " " + text[match.end(1):]
    return text


def bare_number(text: str) -> int | None:
    """A reply that is only a number ("20", "ca 25", "12 stk")."""
    match = BARE_NUMBER.fullmatch(text or "")
    return int(match.group(1)) if match and int(match.group(1)) > 0 else None
