"""Live conversations: browser session -> /chat -> Rasa -> action server -> REST API.

Each finds a room, books it (then the booking is in the user's list on the
site, read back through the API), lists it and cancels it; in bokmål and in
English. Dates are computed, so the tests do not age.
"""

from __future__ import annotations

import re

import pytest
import requests
from conftest import Browser, first_button, text_of, token_for

TUESDAY, WEDNESDAY = 1, 2


def test_find_book_list_and_cancel_in_norwegian(assistant, upcoming):
    browser = Browser(assistant, "nb")
    assert "Hva kan vi gjøre for deg" in text_of(browser.say("Hei"))
    day = upcoming(TUESDAY)
    asked = text_of(browser.say(f"trenger gymsal på Jar skole {day:%d.%m} 18-20"))
    assert "Hvor mange blir dere?" in asked
    assert f"{day.day}." in asked  # the resolved date is echoed back
    offers = browser.say("vi blir 20")
    assert "Ledige rom" in text_of(offers) and "Jar skole" in text_of(offers)
    assert "Hva skal rommet brukes til?" in text_of(browser.say(first_button(offers)))
    summary = text_of(browser.say("Håndballtrening"))
    assert "Skal jeg booke?" in summary and "358,00 kr" in summary

    # Not logged in: a link, then log in and continue the same conversation.
    assert "/logg-inn" in text_of(browser.say("ja"))
    browser.log_in("innbygger@example.com")  # admin of FAU Hosle skole: for whom?
    asked = browser.say("ja")
    assert "For hvem skal jeg booke?" in text_of(asked), text_of(asked)
    booked = text_of(browser.say(next(b["payload"] for m in asked for b in m["buttons"]
                                      if b["title"] == "Ja, privat")))
    # A private booking costs money: held, and paid by card on the site by the link.
    found = re.search(r"Booking nr\. (\d+) er reservert", booked)
    assert found, booked
    number = int(found.group(1))
    assert f"/mine-bookinger/{number}/betal" in booked and "358,00 kr" in booked

    api = requests.Session()
    api.headers["Authorization"] = "Bearer " + token_for(assistant + "/api/v1",
                                                         "innbygger@example.com")
    mine = api.get(assistant + "/api/v1/bookings", timeout=10).json()
    booking = next(b for b in mine if b["id"] == number)
    assert booking["purpose"] == "Håndballtrening" and booking["attendees"] == 20
    assert booking["occurrences"][0]["starts_at"].startswith(f"{day.isoformat()}T18:00")

    listed = browser.say("vis bookingene mine")
    assert f"Nr. {number}" in text_of(listed)
    confirm = text_of(browser.say(f"avbestill nr {number}"))
    assert f"Vil du avbestille nr. {number}" in confirm
    assert "er avbestilt" in text_of(browser.say("ja"))
    assert api.get(f"{assistant}/api/v1/bookings/{number}", timeout=10).json()["status"] \
        == "cancelled"


def test_find_book_list_and_cancel_in_english(assistant, upcoming):
    browser = Browser(assistant, "en")
    browser.log_in("leder@example.com")
    day = upcoming(WEDNESDAY, weeks_ahead=5)
    offers = browser.say(f"we need a kitchen for a cooking class on {day:%B} {day.day} "
                         "6 to 8 pm for 12 people")
    assert "Free rooms" in text_of(offers)
    assert "What will you use the room for?" in text_of(browser.say(first_button(offers)))
    summary = text_of(browser.say("Cooking class"))
    assert "Shall I book it, and for whom?" in summary  # privately or for the club?
    assert "Who is the booking for?" in text_of(browser.say("yes"))
    booked = text_of(browser.say("for Jar IL"))
    assert "The booking is for Jar IL." in booked, booked
    number = int(re.search(r"Booking no\. (\d+) is confirmed", booked).group(1))
    assert f"No. {number}" in text_of(browser.say("show my bookings"))
    assert f"Do you want to cancel no. {number}" in text_of(browser.say(f"cancel no. {number}"))
    assert "is cancelled" in text_of(browser.say("yes"))


def test_correction_mid_way_changes_the_day(assistant, upcoming):
    browser = Browser(assistant, "nb")
    browser.log_in("medlem@example.com")
    first, second = upcoming(TUESDAY, weeks_ahead=6), upcoming(WEDNESDAY, weeks_ahead=6)
    browser.say(f"trenger et klasserom på Levre skole {first:%d.%m} 18-20 for 10 personer")
    offers = browser.say(f"nei, heller {second:%d.%m}")
    assert f"{second.day}." in text_of(offers)
    browser.say(first_button(offers))
    summary = text_of(browser.say("Styremøte"))
    assert f"{second.day}." in summary and "Skal jeg booke" in summary


@pytest.mark.parametrize(("message", "expected"), [
    ("Jeg vil snakke med et menneske", "67 50 40 50"),
    ("hva blir været i morgen", "67 50 40 50"),
    ("I want to talk to a human", "67 50 40 50"),
])
def test_human_and_out_of_scope_get_the_contact(assistant, message, expected):
    assert expected in text_of(Browser(assistant, "nb").say(message))


def test_questions_are_answered_from_live_data(assistant):
    browser = Browser(assistant, "nb")
    prices = text_of(browser.say("hva koster det å leie gymsal"))
    assert "179,00 kr" in prices and "gratis" in prices
    hours = text_of(browser.say("når kan man leie"))
    assert "17:00–21:45" in hours and "tilsynsvakt" in hours
    english = text_of(Browser(assistant, "en").say("what is the cancellation policy"))
    assert "168 hours" in english


def test_nynorsk_is_answered_in_nynorsk(assistant):
    browser = Browser(assistant, "nb")
    prices = text_of(browser.say("kva kostar det å leige gymsalen"))
    assert "Prisar per time" in prices and "born og unge" in prices and "179,00 kr" in prices
    # A reply without nynorsk or bokmål words keeps the conversation in nynorsk.
    assert "Berre hyggeleg!" in text_of(browser.say("takk"))
    hours = text_of(browser.say("når kan ein leige aulaen"))
    assert "Utleigetider" in hours
