"""A weekly booking in the chat: listed with its pattern and the dates left, and cancelled
one date at a time (by a reply button or by writing the date) or all at once; through the
real servers, checked in the API."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import requests
from conftest import Browser, text_of, token_for

pytestmark = pytest.mark.usefixtures("assistant")

WEDNESDAY = 2
USER = "medlem@example.com"
MONTHS_NB = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
             "oktober", "november", "desember"]


@pytest.fixture
def weekly(assistant, upcoming):
    """A weekly booking of at least three dates, made through the API."""
    api = requests.Session()
    api.headers["Authorization"] = "Bearer " + token_for(assistant + "/api/v1", USER)
    first = upcoming(WEDNESDAY, weeks_ahead=6)
    for room_id in range(1, 40):  # the first room the demo's season leaves free then
        response = api.post(assistant + "/api/v1/bookings", timeout=30, json={
            "room_id": room_id, "date": first.isoformat(), "start": "20:00", "end": "21:30",
            "repeat_weekly_until": (first + timedelta(weeks=4)).isoformat(),
            "on_conflict": "skip", "purpose": "Strikkekafé", "attendees": 12})
        booking = response.json()
        scheduled = [o for o in booking.get("occurrences", []) if o["status"] == "scheduled"]
        if response.status_code == 201 and len(scheduled) >= 3:
            break
        if response.status_code == 201:
            api.post(f"{assistant}/api/v1/bookings/{booking['id']}/cancel", timeout=30)
    else:
        raise AssertionError("no room free on three Wednesday evenings")
    yield api, booking["id"], scheduled
    api.post(f"{assistant}/api/v1/bookings/{booking['id']}/cancel", timeout=30)


def statuses(api, assistant, number) -> dict[int, str]:
    booking = api.get(f"{assistant}/api/v1/bookings/{number}", timeout=10).json()
    return {o["id"]: o["status"] for o in booking["occurrences"]}


def test_one_date_of_a_weekly_booking_by_button_and_by_writing_it(assistant, weekly):
    api, number, scheduled = weekly
    chat = Browser(assistant, "nb")
    chat.log_in(USER)
    listed = text_of(chat.say("vis bookingene mine"))
    assert f"Nr. {number}" in listed and f"({len(scheduled)} datoer igjen)" in listed
    assert "Onsdag 20:00–21:30" in listed

    asked = chat.say(f"avbestill nr {number}")
    assert "én dato eller alle" in text_of(asked)
    buttons = [b for m in asked for b in m["buttons"]]
    assert buttons[-1]["title"] == f"Alle {len(scheduled)} datoene"
    only_first = buttons[0]
    assert only_first["title"].startswith("Bare onsdag")
    assert "Vil du avbestille onsdag" in text_of(chat.say(only_first["payload"]))
    assert "de andre datoene står" in text_of(chat.say("ja"))
    after = statuses(api, assistant, number)
    assert after[scheduled[0]["id"]] == "cancelled"
    assert all(after[o["id"]] == "scheduled" for o in scheduled[1:])

    # Written, not pressed: "the 2nd of next month" style dates, and a "nei" keeps it.
    chat.say(f"avbestill nr {number}")
    second = date.fromisoformat(scheduled[1]["starts_at"][:10])
    assert "Vil du avbestille onsdag" in text_of(chat.say(f"den {second.day}.{second.month}."))
    assert "avbestiller ikke" in text_of(chat.say("nei"))
    assert statuses(api, assistant, number)[scheduled[1]["id"]] == "scheduled"

    # A wrong answer in the middle, then the whole series.
    chat.say(f"avbestill nr {number}")
    again = text_of(chat.say("kanskje"))
    assert again.strip()  # one sensible answer, and the next message works
    asked = chat.say(f"avbestill nr {number}")
    everything = [b for m in asked for b in m["buttons"]][-1]
    assert f"Vil du avbestille nr. {number}" in text_of(chat.say(everything["payload"]))
    assert "er avbestilt" in text_of(chat.say("ja"))
    after = statuses(api, assistant, number)
    assert all(after[o["id"]] == "cancelled" for o in scheduled)


def test_a_weekly_booking_for_the_rest_of_the_season(assistant, upcoming):
    """ "hver onsdag … resten av sesongen" is booked weekly, not as one date: the summary
    says how many dates and the price for all, and the API has them."""
    first = upcoming(WEDNESDAY, weeks_ahead=4)
    chat = Browser(assistant, "nb")
    chat.log_in(USER)
    month = MONTHS_NB[first.month - 1]
    asked = text_of(chat.say(f"trenger gymsal på Jar skole hver onsdag fra {first.day}. {month} "
                             "kl 20-21:30 resten av sesongen"))
    assert "Hvor mange blir dere?" in asked
    offers = chat.say("vi blir 14")
    room_button = next(b for m in offers for b in m["buttons"])
    chat.say(room_button["payload"])
    summary = text_of(chat.say("Strikkekafé"))
    assert "hver onsdag kl. 20:00–21:30 fra" in summary and "20. juni" in summary, summary
    dates = int(re.search(r"\((\d+) datoer\)", summary).group(1))
    assert dates > 5
    booked = text_of(chat.say("ja, privat"))  # a member of two clubs says for whom
    number = int(re.search(r"Booking nr\. (\d+)", booked).group(1))

    api = requests.Session()
    api.headers["Authorization"] = "Bearer " + token_for(assistant + "/api/v1", USER)
    booking = api.get(f"{assistant}/api/v1/bookings/{number}", timeout=10).json()
    scheduled = [o for o in booking["occurrences"] if o["status"] == "scheduled"]
    assert len(scheduled) == dates
    assert booking["occurrences"][0]["starts_at"].startswith(f"{first.isoformat()}T20:00")
    assert booking["repeat_weekly_until"].endswith("-06-20")
    api.post(f"{assistant}/api/v1/bookings/{number}/cancel", timeout=30)
