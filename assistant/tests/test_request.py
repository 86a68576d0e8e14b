"""What one request asks for (actions/request.py): catalogue matching, what carries over
between turns, and numbers read as counts only when they are counts. Pure and fast: the
catalogue is given as the API's own JSON, shaped as the demo municipality's."""

from __future__ import annotations

import pytest
from actions.request import (
    Catalogue,
    bare_number,
    best_match,
    carry_over,
    continues,
    count_in,
    place_in,
    read_entities,
    room_type_in,
    without_count,
)

BUILDINGS = [{"id": i, "name": name, "area": area} for i, (name, area) in enumerate([
    ("Jar skole", "Jar"), ("Hosle skole", "Eiksmarka"), ("Bærums Verk skole", "Bærums Verk"),
    ("Bekkestua barneskole", "Bekkestua"), ("Høvik skole", "Høvik"), ("Haslum skole", "Haslum"),
    ("Hauger skole", "Sandvika"), ("Levre skole", "Rykkinn"), ("Stabekk skole", "Stabekk"),
], start=1)]
ROOMS = [{"room_type": "gymsal", "room_type_label": "gymsal",
          "facilities": ["changing_rooms", "showers"], "facility_labels": ["garderober", "dusj"]},
         {"room_type": "skolekjokken", "room_type_label": "skolekjøkken",
          "facilities": ["kitchen"], "facility_labels": ["kjøkken"]}]
PRICES = {"rates": [{"room_type": "gymsal", "category": c} for c in
                    ("children_youth_nonprofit", "other_nonprofit", "private", "commercial")]}
CATALOGUE = Catalogue.from_api(BUILDINGS, ROOMS, PRICES)


@pytest.mark.parametrize(("wanted", "expected"), [
    ("Jar skole", "Jar skole"),
    ("jar", "Jar skole"),
    ("JAR SKULE", "Jar skole"),
    ("Jar skolen", "Jar skole"),
    ("Hosle", "Hosle skole"),
    ("Hoslee", "Hosle skole"),          # one typo
    ("Hsole", "Hosle skole"),           # two letters swapped
    ("Baerums verk", "Bærums Verk skole"),  # Norwegian letters spelt out
    ("bærums", "Bærums Verk skole"),    # a unique beginning
    ("Bekkestua", "Bekkestua barneskole"),
    ("Hovik", "Høvik skole"),
    ("Stabek skole", "Stabekk skole"),
    ("Ha", None),                       # too short to be a beginning of one name
    ("Hau", "Hauger skole"),
    ("Kaffe", None),
    ("og", None),
    ("skole", None),                    # only the kind of place
    ("", None),
])
def test_school_names_are_matched_loosely_but_not_guessed(wanted, expected):
    building = CATALOGUE.building(wanted)
    assert (building.name if building else None) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("ledig gymsal på Jar skole i morgen?", ("building", "Jar skole")),
    ("noe ledig på Jar på fredag", ("area", "Jar")),            # an area of that name
    ("har dere aula på hosle", ("building", "Hosle skole")),    # no area is called Hosle
    ("rom i Bærums Verk til 20 stk", ("area", "Bærums Verk")),
    ("gym at Bekkestua barneskole tonight", ("building", "Bekkestua barneskole")),
    ("ledig gymsal i morgen kl 18", None),
    ("hva koster det for barn og unge", None),
])
def test_a_place_the_model_missed_is_found_in_the_catalogue_names(text, expected):
    assert place_in(text, CATALOGUE) == expected


def test_read_entities_falls_back_to_the_text_only_when_no_place_was_tagged():
    said = read_entities([], CATALOGUE, "ledig rom på Hosle skole")
    assert said.values == {"building": "Hosle skole"}
    tagged = read_entities([{"entity": "area", "value": "Sandvika"}], CATALOGUE,
                           "ledig på Sandvika, ikke Hosle skole")
    assert tagged.values == {"area": "Sandvika"}
    unknown = read_entities([{"entity": "building", "value": "Tullinger skole"}], CATALOGUE,
                            "på Tullinger skole ved Jar")
    assert unknown.unknown_places == ["Tullinger skole"] and unknown.values == {}


def test_a_name_as_near_to_two_as_to_one_is_not_guessed():
    assert best_match("Hasl", ["Haslum skole", "Haslev skole"]) is None
    assert best_match("Haslum", ["Haslum skole", "Haslev skole"]) == "Haslum skole"
    assert best_match("Jor", ["Jar skole", "Jur skole"]) is None


def test_places_are_tried_as_tagged_then_as_the_other_kind():
    assert CATALOGUE.place("Jar", "area") == ("area", "Jar")
    assert CATALOGUE.place("Jar", "building") == ("building", "Jar skole")
    assert CATALOGUE.place("Eiksmarka", "building") == ("area", "Eiksmarka")
    assert CATALOGUE.place("Hosle", "area") == ("building", "Hosle skole")
    assert CATALOGUE.place("Xyzzy", "building") is None


def test_only_known_room_types_facilities_and_categories_are_kept():
    said = read_entities([
        {"entity": "category", "value": "og"},
        {"entity": "category", "value": "children_youth_nonprofit"},
        {"entity": "room_type", "value": "skolekjøkken"},
        {"entity": "facility", "value": "rocket launcher"},
        {"entity": "facility", "value": "kitchen"},
    ], CATALOGUE)
    assert said.values == {"category": "children_youth_nonprofit", "room_type": "skolekjokken",
                           "facility": "kitchen"}
    assert said.unknown_places == []
    assert read_entities([{"entity": "category", "value": "og"}], CATALOGUE).values == {}


def test_unknown_places_are_dropped_and_reported_known_ones_named_as_in_the_catalogue():
    said = read_entities([{"entity": "building", "value": "Xyzzy skole"},
                          {"entity": "building", "value": "hosle"}], CATALOGUE)
    assert said.values == {"building": "Hosle skole"}
    assert said.unknown_places == ["Xyzzy skole"]


def test_a_name_the_model_left_out_before_skole_is_read_from_the_text():
    text = "trenger gymsal på Tullinger skole i morgen"
    start = text.index("skole")
    said = read_entities([{"entity": "building", "value": "skole", "start": start,
                           "end": start + 5}], CATALOGUE, text)
    assert said.unknown_places == ["Tullinger skole"] and said.values == {"room_type": "gymsal"}
    text = "gymsal på hoslee skole"
    start = text.index("skole")
    said = read_entities([{"entity": "building", "value": "skole", "start": start}], CATALOGUE,
                         text)
    assert said.values["building"] == "Hosle skole"
    text = "trenger en skole"  # no name at all
    said = read_entities([{"entity": "building", "value": "skole", "start": 11}], CATALOGUE, text)
    assert said.unknown_places == [] and "building" not in said.values


@pytest.mark.parametrize(("text", "expected"), [
    ("hva koster gymsalen", "gymsal"),
    ("er skolekjøkkenet ledig", "skolekjokken"),
    ("leie skolekjokken", "skolekjokken"),
    ("hva koster det", None),
    ("gymnastikk", None),           # a word that only begins like one is not one
    ("vi trenger et rom", None),
])
def test_a_room_type_in_so_many_words(text, expected):
    assert room_type_in(text, CATALOGUE) == expected


def test_an_entity_beats_the_words_and_a_missed_type_is_found_in_the_text():
    said = read_entities([{"entity": "room_type", "value": "skolekjokken"}], CATALOGUE,
                         "skolekjøkken eller gymsal")
    assert said.values == {"room_type": "skolekjokken"}
    assert read_entities([], CATALOGUE, "hva koster gymsalen").values == {"room_type": "gymsal"}


def test_the_catalogue_keeps_labels_for_the_reply():
    assert CATALOGUE.labels["room_type"]["skolekjokken"] == "skolekjøkken"
    assert CATALOGUE.labels["facility"]["showers"] == "dusj"
    assert CATALOGUE.categories == {"children_youth_nonprofit", "other_nonprofit", "private",
                                    "commercial"}


@pytest.mark.parametrize(("text", "expected"), [
    ("og på fredag?", True),
    ("Og fredag da", True),
    ("heller Hosle", True),
    ("kan vi ta det på Jar i stedet", True),
    ("hva med torsdag?", True),
    ("kva med torsdag?", True),
    ("what about Thursday?", True),
    ("Hosle instead", True),
    ("samme tid på fredag", True),
    ("trenger gymsal på Jar skole tirsdag 18-20", False),
    ("hva koster det for barn og unge", False),     # "og" inside is not a continuation
    ("jeg trenger et klasserom på fredag", False),
    ("", False),
])
def test_what_continues_the_previous_request(text, expected):
    assert continues(text) is expected


PREVIOUS = {"day": "2026-12-15", "start": "18:00", "end": "20:00", "attendees": 20.0,
            "room_type": "gymsal", "building": "Jar skole", "area": None, "category": None,
            "facility": None, "found": 3}


def test_a_new_request_starts_from_what_is_said_now():
    values, carried = carry_over(PREVIOUS, {"day": "2026-12-18"}, continuing=False)
    assert values == {"day": "2026-12-18"} and carried == []


def test_a_continued_request_keeps_the_rest_and_names_it():
    values, carried = carry_over(PREVIOUS, {"day": "2026-12-18"}, continuing=True)
    assert values == {"day": "2026-12-18", "start": "18:00", "end": "20:00", "attendees": 20.0,
                      "room_type": "gymsal", "building": "Jar skole"}
    assert carried == ["start", "end", "attendees", "room_type", "building"]


def test_a_new_place_replaces_the_old_place_of_either_kind():
    values, carried = carry_over({**PREVIOUS, "area": "Jar"}, {"building": "Hosle skole"},
                                 continuing=True)
    assert values["building"] == "Hosle skole" and "area" not in values
    assert "building" not in carried and "day" in carried
    values, _ = carry_over(PREVIOUS, {"area": "Bekkestua"}, continuing=True)
    assert values["area"] == "Bekkestua" and "building" not in values


def test_a_new_start_time_replaces_the_old_span():
    values, carried = carry_over(PREVIOUS, {"start": "19:00"}, continuing=True)
    assert values["start"] == "19:00" and "end" not in values and "end" not in carried


def test_nothing_to_continue_from():
    assert carry_over(None, {"day": "2026-12-18"}, continuing=True) == ({"day": "2026-12-18"}, [])
    assert carry_over({}, {}, continuing=True) == ({}, [])


@pytest.mark.parametrize(("text", "expected"), [
    ("vi er et kor på 40 som trenger et rom", 40),
    ("vi blir 20", 20),
    ("me blir 12", 12),
    ("for 12 people", 12),
    ("there are 30 of us", 30),
    ("we are 8", 8),
    ("ca 25 personer", 25),
    ("gymsal for 20 på tirsdag", 20),
    ("trenger gymsal på Jar skole 15.12 18-20 for 20 personer", 20),
    ("trenger gymsal 18-20", None),
    ("gymsal på 15.12 18-20", None),     # a date is not a count
    ("Bursdagsfest for 10-åring", None),  # nor an age
    ("Bursdag for 10 åringer", None),
    ("for 2 timer", None),               # nor a duration
    ("for 15. desember", None),
    ("for 15 desember", None),
    ("fra 18 til 20", None),
    ("20", None),                        # a bare number is a count only when asked for one
])
def test_only_an_explicit_count_is_a_number_of_people(text, expected):
    assert count_in(text) == expected


def test_the_count_is_taken_out_before_dates_are_read():
    assert "20" not in without_count("vi blir 20")
    assert "15.12" in without_count("gymsal 15.12 for 20 personer")
    assert without_count("trenger gymsal 18-20") == "trenger gymsal 18-20"


@pytest.mark.parametrize(("text", "expected"), [
    ("20", 20), (" ca 25 ", 25), ("12 stk", 12), ("about 30", 30), ("40.", 40),
    ("20 desember", None), ("18-20", None), ("0", None), ("tjue", None),
])
def test_bare_numbers(text, expected):
    assert bare_number(text) == expected


@pytest.mark.parametrize(("text", "asked", "expected"), [
    ("20", "attendees", {}),                            # how many: a count, not the 20th
    ("20 personer", "attendees", {}),
    ("18", "start", {"start": "18:00"}),                # from when: an hour
    ("til 20", "end", {"end": "20:00"}),
    ("kl 21.30", "end", {"end": "21:30"}),
    ("18-20", "start", {"start": "18:00", "end": "20:00"}),
    ("vi blir 20", "day", {}),                          # an explicit count is no date
    ("15.12", "day", {"day": "2026-12-15"}),
])
def test_times_are_read_by_what_was_asked(text, asked, expected, monkeypatch):
    from datetime import datetime

    from actions import new_request

    monkeypatch.setattr(new_request, "now_in_oslo", lambda: datetime(2026, 12, 2, 12))
    assert new_request.time_values(text, asked) == expected
