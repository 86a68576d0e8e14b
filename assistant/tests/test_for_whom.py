"""Booking for an organisation in the chat: a member sees the price for each of their
organisations and privately, and chooses by a reply button or by writing the name; a
visitor who logs in after the summary is asked after logging in. Through the real
servers, checked in the API."""

from __future__ import annotations

import re

import pytest
import requests
from conftest import Browser, first_button, text_of, token_for

pytestmark = pytest.mark.usefixtures("assistant")

THURSDAY = 3


def booking_as(assistant: str, email: str, number: int) -> tuple[requests.Session, dict]:
    api = requests.Session()
    api.headers["Authorization"] = "Bearer " + token_for(assistant + "/api/v1", email)
    return api, api.get(f"{assistant}/api/v1/bookings/{number}", timeout=10).json()


def test_a_club_leader_books_free_for_the_club(assistant, upcoming):
    chat = Browser(assistant, "nb")
    chat.log_in("leder@example.com")  # admin of Jar IL and Bekkestua Skolekorps
    day = upcoming(THURSDAY, weeks_ahead=7)
    offers = chat.say(f"trenger gymsal på Jar skole {day:%d.%m} 18-20 for 20 personer")
    chat.say(first_button(offers))
    answer = chat.say("Håndballtrening")
    summary = text_of(answer)
    assert "Skal jeg booke, og for hvem?" in summary, summary
    assert "gratis for Jar IL" in summary and "privat" in summary
    private = int(re.search(r"([\d ]+),00 kr privat", summary).group(1).replace(" ", ""))
    assert private > 0
    titles = [b["title"] for m in answer for b in m["buttons"]]
    assert {"Ja, for Jar IL", "Ja, for Bekkestua Skolekorps", "Ja, privat", "Nei"} <= set(titles)

    # A wrong answer in the middle, then a plain "ja": for whom?
    assert text_of(chat.say("kanskje")).strip()
    asked = chat.say("ja")
    assert "For hvem skal jeg booke?" in text_of(asked), text_of(asked)
    jar = next(b for m in asked for b in m["buttons"] if b["title"] == "Ja, for Jar IL")
    booked = text_of(chat.say(jar["payload"]))
    assert "Bookingen gjelder Jar IL." in booked, booked
    number = int(re.search(r"Booking nr\. (\d+)", booked).group(1))
    api, booking = booking_as(assistant, "leder@example.com", number)
    assert booking["organisation"]["name"] == "Jar IL"
    assert booking["total_ore"] == 0 and booking["customer_category"] == "children_youth_nonprofit"
    api.post(f"{assistant}/api/v1/bookings/{number}/cancel", timeout=30)


def test_a_visitor_logs_in_after_the_summary_and_names_the_club(assistant, upcoming):
    chat = Browser(assistant, "nb")
    day = upcoming(THURSDAY, weeks_ahead=9)
    offers = chat.say(f"trenger gymsal på Jar skole {day:%d.%m} 18-19 for 15 personer")
    chat.say(first_button(offers))
    summary = text_of(chat.say("Speidermøte"))
    assert "Skal jeg booke? (ja/nei)" in summary and "gratis" not in summary, summary
    assert "logget inn" in text_of(chat.say("ja"))

    chat.log_in("medlem@example.com")  # member of a scout group and of a choir
    asked = text_of(chat.say("ja"))
    assert "For hvem skal jeg booke?" in asked and "gratis for 1. Eiksmarka speidergruppe" \
        in asked, asked
    booked = text_of(chat.say("for speidergruppa"))
    assert "Bookingen gjelder 1. Eiksmarka speidergruppe." in booked, booked
    number = int(re.search(r"Booking nr\. (\d+)", booked).group(1))
    api, booking = booking_as(assistant, "medlem@example.com", number)
    assert booking["organisation"]["name"] == "1. Eiksmarka speidergruppe"
    assert booking["total_ore"] == 0
    api.post(f"{assistant}/api/v1/bookings/{number}/cancel", timeout=30)


def test_a_summary_priced_privately_says_why_the_list_said_free(api_url, upcoming, monkeypatch):
    """Rooms listed for "barn og unge" are free; booked privately they are not, and the
    summary says so rather than leave the two prices unexplained."""
    from actions.booking import ActionBookingSummary
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    monkeypatch.setenv("BOOKING_API_URL", api_url)
    slots = {"room_id": 1.0, "day": upcoming(THURSDAY, weeks_ahead=9).isoformat(),
             "start": "20:00", "end": "21:00", "attendees": 10.0, "purpose": "Trening",
             "category": "children_youth_nonprofit"}
    tracker = Tracker("t", slots, {"text": "Trening", "metadata": {"language": "nb"}}, [],
                      False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    ActionBookingSummary().run(dispatcher, tracker, {})
    summary = dispatcher.messages[0]["text"]
    assert "Pris: gratis" not in summary, summary
    assert "Prisen for lokale lag for barn og unge gjelder bare når du booker for et slikt lag" \
        in summary, summary


def test_privately_in_english(assistant, upcoming):
    chat = Browser(assistant, "en")
    chat.log_in("leder@example.com")
    day = upcoming(THURSDAY, weeks_ahead=8)
    offers = chat.say(f"we need a classroom at Levre skole on {day:%B} {day.day} 6 to 8 pm "
                      "for 10 people")
    chat.say(first_button(offers))
    summary = text_of(chat.say("Birthday party"))
    assert "Shall I book it, and for whom?" in summary and "privately" in summary, summary
    booked = text_of(chat.say("yes, privately"))
    found = re.search(r"Booking no\. (\d+)", booked)
    assert found, booked
    number = int(found.group(1))
    assert "The booking is for" not in booked
    api, booking = booking_as(assistant, "leder@example.com", number)
    assert booking["organisation"] is None and booking["customer_category"] == "private"
    api.post(f"{assistant}/api/v1/bookings/{number}/cancel", timeout=30)
