"""Live: no message puts the dialogue into a loop or a dead state.

At every step of the booking form, and at the summary, "nei", "hvorfor?", "Hvorfor er
ingenting ledig?", nonsense and an empty message each get one sensible answer, and the
step's proper answer then works; "avbryt" at any step stops the booking once, and the
next question is answered. Reported: "avbryt" at the summary gave about twenty bubbles
and then "Det klarte jeg ikke å svare på akkurat nå" to every message until logout.
"""

from __future__ import annotations

import pytest
import requests
from conftest import Browser, first_button, text_of

TUESDAY = 1
# Nonsense of one word: a few words at "Hva skal rommet brukes til?" are a purpose.
ODD = {"nb": ["hvorfor?", "Hvorfor er ingenting ledig?", "asdfgh", "...", "???"],
       "nn": ["kvifor?", "Kvifor er ingenting ledig?", "asdfgh", "..."],
       "en": ["why?", "Why is nothing free?", "asdfgh", "..."]}
# "ja" and "nei" answer the summary (tested on their own below); in the form they answer
# nothing and must not get the form stuck.
YES_NO = {"nb": ["nei", "ja"], "nn": ["nei", "ja"], "en": ["no", "yes"]}
BROKEN = ("klarte jeg ikke", "ugyldige", "Traceback")


def steps(day, language="nb"):
    """(what the user says, what the assistant must then show, and the question that is
    then open), in form order."""
    if language == "en":
        return [
            ("I want to book a room", "Which day is it for?", "Which day is it for?"),
            (f"{day:%B} {day.day}", "From when to when?", "From when to when?"),
            ("6 pm", "Until what time?", "Until what time?"),
            ("8 pm", "How many of you", "How many of you"),
            ("20", "Free rooms", "Which room would you like?"),
            (None, "What will you use the room for?", "What will you use the room for?"),
            ("Choir practice", "Shall I book it?", None),
        ]
    if language == "nn":
        return [
            ("eg vil booke eit rom", "Kva dag gjeld det?", "Kva dag gjeld det?"),
            (f"{day:%d.%m}", "Frå når til når?", "Frå når til når?"),
            ("18", "Til kva klokkeslett?", "Til kva klokkeslett?"),
            ("20", "Kor mange blir de?", "Kor mange blir de?"),
            ("20", "Ledige rom", "Kva rom vil du ha?"),
            (None, "Kva skal rommet brukast til?", "Kva skal rommet brukast til?"),
            ("Korøving", "Skal eg booke?", None),
        ]
    return [
        ("jeg vil booke et rom", "Hvilken dag gjelder det?", "Hvilken dag gjelder det?"),
        (f"{day:%d.%m}", "Fra når til når?", "Fra når til når?"),
        ("18", "Til hvilket klokkeslett?", "Til hvilket klokkeslett?"),
        ("20", "Hvor mange blir dere?", "Hvor mange blir dere?"),
        ("20", "Ledige rom", "Hvilket rom vil du ha?"),
        (None, "Hva skal rommet brukes til?", "Hva skal rommet brukes til?"),  # None: a button
        ("Korøvelse", "Skal jeg booke?", None),
    ]


def answer(browser: Browser, message: str | None, previous: list[dict]) -> list[dict]:
    return browser.say(first_button(previous) if message is None else message)


def sensible(replies: list[dict]) -> str:
    text = text_of(replies)
    assert 1 <= len(replies) <= 2, replies  # one answer, not a loop of bubbles
    assert not any(word in text for word in BROKEN), text
    return text


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_every_step_survives_odd_messages_and_goes_on(assistant, upcoming, language):
    browser = Browser(assistant, language)
    replies: list[dict] = []
    for message, expected, still_open in steps(upcoming(TUESDAY, weeks_ahead=12), language):
        replies = answer(browser, message, replies)
        assert expected in text_of(replies), (message, text_of(replies))
        odd = [*YES_NO[language], *ODD[language]] if still_open else ODD[language]
        for text in odd:
            reply = sensible(browser.say(text))
            if still_open and "ingenting" not in text and "nothing" not in text:
                assert still_open in reply, (text, reply)  # asked again, not left hanging
        empty = browser.http.post(browser.base + "/chat", json={"message": "  "},
                                  headers={"X-CSRFToken": browser.csrf}, timeout=10)
        assert empty.status_code == 422 and empty.json()["error"]["code"] == "empty_message"
    # After all that, the summary still answers "ja" (not logged in: the login link).
    assert "/logg-inn" in text_of(browser.say(YES_NO[language][1]))


@pytest.mark.parametrize("step", range(7))
def test_avbryt_at_any_step_stops_once_and_the_next_message_works(assistant, upcoming, step):
    browser = Browser(assistant, "nb")
    replies: list[dict] = []
    for message, _, _ in steps(upcoming(TUESDAY, weeks_ahead=12))[:step + 1]:
        replies = answer(browser, message, replies)
    stopped = sensible(browser.say("avbryt"))
    assert "stoppet bookingen" in stopped, stopped
    assert "Priser per time" in sensible(browser.say("hva koster det å leie gymsal"))
    assert "Hvilken dag gjelder det?" in sensible(browser.say("jeg vil booke et rom"))


def test_nei_at_the_summary_then_a_change_or_nei_again(assistant, upcoming):
    browser = Browser(assistant, "nb")
    replies: list[dict] = []
    day = upcoming(TUESDAY, weeks_ahead=12)
    for message, _, _ in steps(day):
        replies = answer(browser, message, replies)
    assert "Vil du endre" in sensible(browser.say("nei"))
    assert "Skriv hva du vil endre" in sensible(browser.say("ja"))
    changed = browser.say("19-21")
    assert "Ledige rom" in text_of(changed) and "19:00–21:00" in text_of(changed), changed
    # The purpose is kept from before the change, so the room leads to the summary.
    summary = text_of(browser.say(first_button(changed)))
    assert "Skal jeg booke?" in summary and "19:00–21:00" in summary, summary
    assert "Vil du endre" in sensible(browser.say("nei"))
    assert "stoppet bookingen" in sensible(browser.say("nei"))
    assert "Hvilken dag gjelder det?" in sensible(browser.say("jeg vil booke et rom"))


def test_stop_at_the_summary_in_english_and_nynorsk(assistant, upcoming):
    day = upcoming(TUESDAY, weeks_ahead=13)
    english = Browser(assistant, "en")
    summary = english.say(f"we need a gym hall at Jar skole on {day:%B} {day.day} 6 to 8 pm "
                          "for 20 people")
    english.say(first_button(summary))
    assert "Shall I book it?" in text_of(english.say("Choir practice"))
    assert "stopped the booking" in sensible(english.say("stop"))
    assert "Prices per hour" in sensible(english.say("what does a gym hall cost"))

    nynorsk = Browser(assistant, "nn")
    offers = nynorsk.say(f"eg treng gymsal på Jar skule {day:%d.%m} 18-20 for 20 personar")
    nynorsk.say(first_button(offers))
    assert "Skal eg booke?" in text_of(nynorsk.say("Korøving"))
    assert "stoppa bookinga" in sensible(nynorsk.say("avbryt"))
    assert "Prisar per time" in sensible(nynorsk.say("kva kostar det å leige gymsalen"))


def test_a_visitor_is_never_stuck_after_a_failed_turn(assistant):
    """Odd messages with no form at all: each answered once, then a normal question."""
    browser = Browser(assistant, "nb")
    for odd in ["avbryt", "nei", "ja", "hvorfor?", "Hvorfor er ingenting ledig?", "???"]:
        sensible(browser.say(odd))
    assert "Priser per time" in text_of(browser.say("hva koster det å leie gymsal"))
    assert requests.get(assistant + "/", timeout=10).status_code == 200
