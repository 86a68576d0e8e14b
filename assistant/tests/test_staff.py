"""Staff ask too: a caretaker's "hvem kommer til Jar skole i kveld?" and a case officer's
"hva venter på godkjenning?", through /chat -> Rasa -> actions -> the staff API; residents
are told politely that these are for staff and see nothing of other people's bookings."""

from __future__ import annotations

import sqlite3
from datetime import datetime, time, timezone
from zoneinfo import ZoneInfo

import pytest
import requests
from conftest import SQLITE_TIME, Browser, text_of, token_for

THURSDAY = 3

OSLO = ZoneInfo("Europe/Oslo")


# -- pure helpers

def test_whose_day_sheets():
    from actions.staff import buildings_to_show

    caretaker = {"role": "caretaker", "caretaker_of": [1, 4]}
    assert buildings_to_show(caretaker, None) == [1, 4]
    assert buildings_to_show(caretaker, 2) == [2]  # the API decides whether they may
    assert buildings_to_show({"role": "caretaker", "caretaker_of": []}, None) == []
    # A case officer looks after all the schools: which one must be said.
    assert buildings_to_show({"role": "case_officer", "caretaker_of": []}, None) is None
    assert buildings_to_show({"role": "case_officer", "caretaker_of": []}, 3) == [3]


def test_the_school_is_found_in_the_text_when_the_model_tags_none():
    from actions.request import Building, Catalogue
    from actions.staff import named_building
    from rasa_sdk import Tracker

    known = Catalogue(buildings=(Building(1, "Jar skole", "Jar"), Building(4, "Stabekk skole",
                                                                           "Stabekk")),
                      room_types=frozenset(), facilities=frozenset(), categories=frozenset())

    def asked(text, entities=()):
        tracker = Tracker("t", {}, {"text": text, "entities": list(entities)}, [], False, None,
                          {}, "action_listen")
        return named_building(None, tracker, known)

    assert asked("hvem kommer til Jar i kveld") == 1
    assert asked("kven kjem til stabekk skule i kveld") == 4
    assert asked("hvem kommer", [{"entity": "building", "value": "Stabeck skole"}]) == 4
    assert asked("hvem kommer i kveld") is None
    assert asked("hvem kommer til Jarlsberg i kveld") is None


def test_lines_say_when_who_and_how_many():
    from actions.staff import queue_line, visit_line

    visit = {"starts_at": "2026-12-03T18:00:00+01:00", "ends_at": "2026-12-03T20:00:00+01:00",
             "room": "Gymsal (hel)", "who": "Jar IL", "purpose": "Håndball", "attendees": 20,
             "contact_name": "Lars Leder", "contact_phone": "900 00 000", "status": "scheduled"}
    assert visit_line(visit, "20 personer", "AVLYST") == (
        "• 18:00–20:00 Gymsal (hel): Jar IL («Håndball», 20 personer) – Lars Leder, 900 00 000")
    assert visit_line({**visit, "status": "cancelled"}, "20", "AVLYST").endswith("– AVLYST")
    booking = {"id": 7, "purpose": "Konsert", "room": {"name": "Aula",
                                                       "building": {"name": "Jar skole"}},
               "occurrences": [{"starts_at": "2026-12-10T18:00:00+01:00",
                                "ends_at": "2026-12-10T20:00:00+01:00"},
                               {"starts_at": "2026-12-03T18:00:00+01:00",
                                "ends_at": "2026-12-03T20:00:00+01:00"}]}
    entry = {"booking": booking, "requester": {"kind": "person", "name": "Ingrid"},
             "conflicts": [], "own_request": False}
    assert queue_line(entry, "nb", "{count} stengt", "egen") == (
        "• Nr. 7: Aula, Jar skole, torsdag 3. desember 2026 kl. 18:00–20:00 (+1 datoer) – "
        "Ingrid («Konsert»)")
    marked = {**entry, "conflicts": [{"occurrence_id": 1}], "own_request": True}
    assert queue_line(marked, "en", "{count} closed", "own").startswith(
        "• No. 7: Aula, Jar skole, Thursday 3 December")
    assert queue_line(marked, "en", "{count} closed", "own").endswith("– 1 closed – own")


def test_tonight_is_the_evening_from_five_and_named_times_are_kept():
    from actions.staff import asked_span, visits_in

    assert asked_span("hvem kommer i kveld?", time(18), time(21)) == (time(17), None)
    assert asked_span("who's in the gym tonite", time(18), time(21)) == (time(17), None)
    assert asked_span("hvem kommer i morgen kl 10-12", time(10), time(12)) == (
        time(10), time(12))
    assert asked_span("hvem kommer i dag", None, None) == (None, None)

    def visit(start, end):
        return {"starts_at": f"2026-12-03T{start}:00+01:00",
                "ends_at": f"2026-12-03T{end}:00+01:00"}
    day = [visit("08:00", "15:00"), visit("16:00", "17:30"), visit("21:00", "22:45")]
    assert visits_in(day, time(17), None) == day[1:]
    assert visits_in(day, time(10), time(12)) == day[:1]
    assert visits_in(day, None, None) == day


# -- live

def _api(assistant: str, email: str) -> requests.Session:
    api = requests.Session()
    api.headers["Authorization"] = "Bearer " + token_for(assistant + "/api/v1", email)
    return api


def _room_id(api: requests.Session, assistant: str, school: str, name: str) -> int:
    rooms = api.get(f"{assistant}/api/v1/rooms", timeout=30).json()
    return next(r["id"] for r in rooms if r["building"]["name"] == school and r["name"] == name)


@pytest.fixture
def jar_tonight(assistant, web_database, upcoming):
    """Jar IL in a classroom at Jar skole tonight at 21:00–21:45 (Oslo), whatever today is:
    booked on an open day ahead (school holidays close the rooms on some days), then moved
    to tonight in the database. Cancelled afterwards."""
    api = _api(assistant, "leder@example.com")
    me = api.get(f"{assistant}/api/v1/me", timeout=30).json()
    club = next(m["organisation_id"] for m in me["memberships"]
                if m["organisation_name"] == "Jar IL")
    day = upcoming(THURSDAY, weeks_ahead=13)
    response = api.post(f"{assistant}/api/v1/bookings", timeout=30, json={
        "room_id": _room_id(api, assistant, "Jar skole", "Klasserom 1"), "date": day.isoformat(),
        "start": "21:00", "end": "21:45", "purpose": "Styremøte i Jar IL", "attendees": 7,
        "organisation_id": club, "contact_name": "Lars Leder", "contact_phone": "91234567"})
    assert response.status_code == 201, response.text
    booking = response.json()
    today = datetime.now(OSLO).date()
    start = datetime.combine(today, time(21), OSLO).astimezone(timezone.utc).replace(tzinfo=None)
    end = datetime.combine(today, time(21, 45), OSLO).astimezone(timezone.utc).replace(
        tzinfo=None)
    with sqlite3.connect(web_database) as db:
        db.execute("UPDATE occurrence SET starts_at = ?, ends_at = ? WHERE booking_id = ?",
                   (start.strftime(SQLITE_TIME), end.strftime(SQLITE_TIME), booking["id"]))
    yield booking
    api.post(f"{assistant}/api/v1/bookings/{booking['id']}/cancel", timeout=30)


def test_a_caretaker_gets_tonights_list(assistant, jar_tonight):
    chat = Browser(assistant, "nb")
    chat.log_in("vaktmester@example.com")
    text = text_of(chat.say("hvem kommer til Jar skole i kveld?"))
    assert "Dette kommer til Jar skole" in text, text
    assert "21:00–21:45 Klasserom 1: Jar IL («Styremøte i Jar IL», 7 personer)" in text
    assert "Lars Leder, 91234567" in text and "/vaktmester/" in text

    # Nynorsk, no school named: every building the caretaker looks after.
    text = text_of(chat.say("kven kjem i kveld?"))
    assert "Dette kjem til Jar skole" in text and "Stabekk skole" in text, text
    assert "Styremøte i Jar IL" in text

    # Someone else's school: said so, nothing of its bookings.
    text = text_of(chat.say("hvem kommer til Hosle skole i kveld?"))
    assert "Du er ikke vaktmester på Hosle skole" in text, text

    english = Browser(assistant, "en")
    english.log_in("vaktmester@example.com")
    text = text_of(english.say("who is coming to Jar skole tonight?"))
    assert "Coming to Jar skole on" in text and "Styremøte i Jar IL" in text, text


def test_a_case_officer_gets_the_approval_queue(assistant, upcoming):
    resident = _api(assistant, "innbygger@example.com")
    day = upcoming(THURSDAY, weeks_ahead=15)
    response = resident.post(f"{assistant}/api/v1/bookings", timeout=30, json={
        "room_id": _room_id(resident, assistant, "Jar skole", "Aula"), "date": day.isoformat(),
        "start": "18:00", "end": "20:00", "purpose": "Julekonsert", "attendees": 80})
    assert response.status_code == 201, response.text
    booking = response.json()
    assert booking["status"] == "pending_approval", booking["status"]
    try:
        chat = Browser(assistant, "nb")
        chat.log_in("saksbehandler@example.com")
        text = text_of(chat.say("hva venter på godkjenning?"))
        assert "venter på godkjenning (eldst først)" in text, text
        assert f"Nr. {booking['id']}: Aula, Jar skole" in text and "«Julekonsert»" in text
        assert "Ingrid Innbygger" in text and "/saksbehandling/foresporsler" in text
        english = Browser(assistant, "en")
        english.log_in("saksbehandler@example.com")
        text = text_of(english.say("what is waiting for approval?"))
        assert f"No. {booking['id']}: Aula, Jar skole" in text, text
        # A case officer asking who comes names the school: there are dozens.
        assert "Which school?" in text_of(english.say("who is coming tonight?"))
    finally:
        resident.post(f"{assistant}/api/v1/bookings/{booking['id']}/cancel", timeout=30)


@pytest.mark.parametrize(("language", "email", "message", "expected"), [
    ("nb", "innbygger@example.com", "hvem kommer til Jar skole i kveld?",
     "er for vaktmestere og saksbehandlere"),
    ("nb", "innbygger@example.com", "hva venter på godkjenning?", "er for saksbehandlere"),
    ("nb", "vaktmester@example.com", "kva ventar på godkjenning?", "er for sakshandsamarar"),
    ("en", None, "who is coming to Jar skole tonight?", "is for caretakers and case officers"),
    ("en", "medlem@example.com", "what is waiting for approval?", "is for case officers"),
])
def test_others_are_told_it_is_for_staff(assistant, language, email, message, expected):
    chat = Browser(assistant, language)
    if email:
        chat.log_in(email)
    messages = chat.say(message)
    text = text_of(messages)
    assert expected in text and len(messages) == 1, text
    assert "Styremøte" not in text and "Nr." not in text
