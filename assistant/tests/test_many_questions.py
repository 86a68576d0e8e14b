"""Live: many questions in one conversation, through /chat -> Rasa -> actions -> API.

Each search starts from what the user says in it; values carry over only when the
user continues the same request, and the reply says which. The first test is the
reported bug: a price "for barn og unge" and a place named in passing went into every
later search (a category read from "og" and a stale area), which the API refused.
"""

from __future__ import annotations

from datetime import date

import requests
from conftest import Browser, first_button, text_of

TUESDAY, WEDNESDAY, THURSDAY = 1, 2, 3


def schools_in(messages: list[dict]) -> set[str]:
    """The schools of the rooms offered (one button per room: "1. Klasserom 1, Jar skole")."""
    return {b["title"].rsplit(", ", 1)[1] for m in messages for b in m["buttons"]
            if b["payload"].startswith("/choose_room")}


def test_an_earlier_question_does_not_leak_into_a_search(assistant, upcoming):
    browser = Browser(assistant, "nb")
    prices = text_of(browser.say("hva koster det for barn og unge"))
    assert "barn og unge" in prices and "gratis" in prices
    browser.say("er det kaffe på Jar")  # unrelated, and names a place
    day = upcoming(TUESDAY, weeks_ahead=7)
    offers = browser.say(f"trenger klasserom {day:%d.%m} 18-20 for 10 personer")
    text = text_of(offers)
    assert "Ledige rom" in text, text
    assert "ugyldige" not in text and "Som sist" not in text
    # Neither the area nor the children's price came along: several schools, full price.
    assert len(schools_in(offers)) >= 2, text
    assert "gratis" not in text and "200,00 kr" in text


def test_a_continued_request_carries_over_and_says_so(assistant, upcoming):
    browser = Browser(assistant, "nb")
    first, second = upcoming(TUESDAY, weeks_ahead=8), upcoming(WEDNESDAY, weeks_ahead=8)
    offers = browser.say(f"trenger gymsal på Jar skole {first:%d.%m} 18-20 for 20 personer")
    assert schools_in(offers) == {"Jar skole"}, text_of(offers)

    again = browser.say(f"og på {second:%d.%m}?")
    text = text_of(again)
    assert "Som sist:" in text and "Jar skole" in text and "kl. 18:00–20:00" in text, text
    assert f"{second.day}." in text and schools_in(again) == {"Jar skole"}

    elsewhere = browser.say("heller Hosle")
    text = text_of(elsewhere)
    assert "Som sist:" in text and schools_in(elsewhere) == {"Hosle skole"}, text
    assert f"{second.day}." in text  # the day of the request it continues

    # A question in between, then a new request: nothing carried, Hosle not kept.
    assert "Priser per time" in text_of(browser.say("hva koster aulaen"))
    third = upcoming(THURSDAY, weeks_ahead=8)
    fresh = browser.say(f"trenger gymsal {third:%d.%m} 18-20 for 20 personer")
    text = text_of(fresh)
    assert "Som sist" not in text and len(schools_in(fresh)) >= 2, text


def test_school_names_are_matched_to_the_catalogue(assistant, upcoming):
    browser = Browser(assistant, "nb")
    day = upcoming(THURSDAY, weeks_ahead=9)
    offers = browser.say(f"trenger gymsal på hosle skule {day:%d.%m} 18-20 for 20 personer")
    assert schools_in(offers) == {"Hosle skole"}, text_of(offers)
    typo = browser.say(f"trenger gymsal på Hoslee skole {day:%d.%m} 18-20 for 20 personer")
    assert schools_in(typo) == {"Hosle skole"}, text_of(typo)
    # A school the municipality does not have: said so, and not searched as if it were.
    unknown = browser.say(f"trenger gymsal på Tullinger skole {day:%d.%m} 18-20 for 20 personer")
    text = text_of(unknown)
    assert "Jeg finner ingen skole eller område som heter «Tullinger skole»" in text, text
    assert len(schools_in(unknown)) >= 2 and "ugyldige" not in text


def test_a_count_answers_how_many_and_a_purpose_is_not_a_count(assistant, upcoming, api_url):
    browser = Browser(assistant, "nb")
    browser.log_in("medlem@example.com")
    day = upcoming(WEDNESDAY, weeks_ahead=9)
    assert "Hvor mange blir dere?" in text_of(browser.say(
        f"trenger gymsal på Jar skole {day:%d.%m} 18-20"))
    offers = browser.say("20")  # a count here, not the 20th
    assert f"{day.day}." in text_of(offers) and "Ledige rom" in text_of(offers), text_of(offers)
    browser.say(first_button(offers))
    summary = text_of(browser.say("Bursdagsfest for 10-åring"))
    assert "for 20 personer" in summary and "Bursdagsfest for 10-åring" in summary, summary


def test_english_and_nynorsk_carry_over(assistant, upcoming):
    english = Browser(assistant, "en")
    first, second = upcoming(TUESDAY, weeks_ahead=10), upcoming(THURSDAY, weeks_ahead=10)
    english.say(f"we need a gym hall at Jar skole on {first:%B} {first.day} 6 to 8 pm "
                "for 20 people")
    text = text_of(english.say(f"what about {second:%B} {second.day}?"))
    assert "As last time:" in text and "Free rooms" in text, text

    nynorsk = Browser(assistant, "nb")
    nynorsk.say(f"eg treng ein gymsal på Jar skule {first:%d.%m} 18-20 for 20 personar")
    text = text_of(nynorsk.say(f"kva med {second:%d.%m}?"))
    assert "Som sist:" in text and "Ledige rom" in text, text


def test_a_value_the_api_refuses_is_named_in_plain_words(api_url, upcoming):
    """The API's own "Some fields are invalid." is never what the user reads."""
    from actions.api_client import ApiError, BookingApi
    from actions.context import Context, api_failed
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    day = upcoming(TUESDAY).isoformat()
    try:
        BookingApi(api_url, language="nb").availability(date=day, start="18:00", end="20:00",
                                                        category="og")
    except ApiError as refused:
        error = refused
    assert error.status == 422 and "ugyldige" in error.message
    tracker = Tracker("t", {}, {"text": "x", "metadata": {"language": "nb"}}, [], False, None,
                      {}, "action_listen")
    dispatcher = CollectingDispatcher()
    assert api_failed(dispatcher, Context(tracker), error) == ["category"]
    assert dispatcher.messages[0]["text"] == "Dette kunne jeg ikke bruke: priskategorien."


def test_when_the_api_is_down_the_user_gets_the_contact(monkeypatch):
    """A real refused connection (nothing listens on port 9), not a mock."""
    from actions.answers import ActionAnswerPrice
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    monkeypatch.setenv("BOOKING_API_URL", "http://127.0.0.1:9/api/v1")
    tracker = Tracker("t", {}, {"text": "hva koster det", "entities": [],
                                "metadata": {"language": "nb"}}, [], False, None, {},
                      "action_listen")
    dispatcher = CollectingDispatcher()
    ActionAnswerPrice().run(dispatcher, tracker, {})
    text = dispatcher.messages[0]["text"]
    assert text.startswith("Jeg får ikke kontakt med bookingsystemet") and "67 50 40 50" in text


def test_no_rooms_on_a_closed_day_and_why(assistant, api_url, upcoming):
    today = date.today()
    christmas = date(today.year if today < date(today.year, 12, 25) else today.year + 1, 12, 25)
    closed = requests.get(f"{api_url}/rooms/1/schedule", timeout=10, params={
        "from": christmas.isoformat(), "to": christmas.isoformat()}).json()["closed"]
    assert closed, "the demo municipality closes on Christmas Day"
    browser = Browser(assistant, "nb")
    none = text_of(browser.say(f"trenger gymsal {christmas:%d.%m} 18-20 for 20 personer"))
    assert "Jeg fant ingen ledige rom" in none, none
    why = browser.say("Hvorfor er ingenting ledig?")
    assert len(why) == 1 and "ferier og på helligdager" in text_of(why), text_of(why)
    # The request is kept: another day searches again, with the same time.
    other = upcoming(THURSDAY, weeks_ahead=11)
    offers = text_of(browser.say(f"heller {other:%d.%m}"))
    assert "Ledige rom" in offers and f"{other.day}." in offers and "18:00–20:00" in offers


def test_after_a_booking_the_same_again_another_day(assistant, upcoming, api_url):
    """Outside the form: the booked request is the one "og på ...?" continues."""
    browser = Browser(assistant, "nb")
    browser.log_in("innbygger@example.com")
    first, second = upcoming(TUESDAY, weeks_ahead=14), upcoming(THURSDAY, weeks_ahead=14)
    offers = browser.say(f"trenger klasserom på Levre skole {first:%d.%m} 18-20 for 10 personer")
    browser.say(first_button(offers))
    browser.say("Styremøte")
    assert "er bekreftet" in text_of(browser.say("ja, privat"))  # not for the FAU

    again = browser.say(f"og på {second:%d.%m}?")
    text = text_of(again)
    assert "Som sist: kl. 18:00–20:00, 10 personer, klasserom, Levre skole." in text, text
    assert schools_in(again) == {"Levre skole"} and f"{second.day}." in text
    # A new booking needs its own purpose: asked, not copied from the last one.
    assert "Hva skal rommet brukes til?" in text_of(browser.say(first_button(again)))


def test_a_question_in_the_middle_is_answered_for_what_it_names(assistant, upcoming):
    browser = Browser(assistant, "nb")
    day = upcoming(WEDNESDAY, weeks_ahead=14)
    browser.say(f"trenger gymsal på Jar skole {day:%d.%m} 18-20 for 20 personer")
    prices = text_of(browser.say("hva koster aulaen"))
    # The aula's prices (300 kr for private persons), not the gym hall's of the booking.
    assert "Priser per time for aula" in prices and "300,00 kr" in prices, prices
    assert "179,00 kr" not in prices
