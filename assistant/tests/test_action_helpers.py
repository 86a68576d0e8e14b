"""The actions' pure helpers; the actions themselves run live in test_conversations.py."""

from __future__ import annotations

import string

import pytest
from actions.answers import _day_spans
from actions.booking_form import chosen
from actions.language import detect, language_for
from actions.texts import TEXTS, kroner, say


@pytest.mark.parametrize(("text", "expected"), [
    ("trenger gymsal på Jar skole neste tirsdag 18-20", "nb"),
    ("vi treng eit rom med piano på tysdag", "nn"),
    ("kva kostar det å leige gymsalen", "nn"),
    ("kor mykje får eg att om eg avbestiller", "nn"),
    ("hva koster det å leie gymsalen", "nb"),
    ("gymsal på torsdag", "no"),
    ("kitchen for a cooking class next Tuesday 6 to 8 pm", "en"),
    ("what does it cost to rent a gym hall", "en"),
    ("I want to talk to a human", "en"),
    ("18-20", None),
    ("ok", None),
])
def test_detect(text, expected):
    assert detect(text) == expected


def test_short_answers_and_buttons_keep_the_conversation_language():
    assert language_for("18-20", "en", "nb") == "en"
    assert language_for('/choose_room{"room_id": 3}', "en", "nb") == "en"
    assert language_for("ok", None, "en") == "en"
    assert language_for("ok", None, None) == "nb"
    assert language_for("hei, jeg vil booke", "en", "en") == "nb"
    assert language_for("ok", None, "nn") == "nn"


def test_nynorsk_holds_until_the_user_writes_plain_bokmal():
    assert language_for("gymsal på torsdag", "nn", "nb") == "nn"
    assert language_for("gymsal på torsdag", None, "nn") == "nn"
    assert language_for("gymsal på torsdag", "en", "nb") == "nb"
    assert language_for("jeg trenger gymsal på torsdag", "nn", "nn") == "nb"


def test_every_text_is_in_all_three_languages_with_the_same_placeholders():
    def fields(text):
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for key, versions in TEXTS.items():
        assert set(versions) == {"nb", "nn", "en"}, key
        assert fields(versions["nn"]) == fields(versions["nb"]) == fields(versions["en"]), key
    assert say("human", "nn", contact="X") == "Du når oss her: X"
    assert say("ask_day", "nn") == "Kva dag gjeld det?"


def test_day_spans_group_weekdays():
    windows = ([{"weekday": d, "starts": "17:00", "ends": "21:45", "by_agreement": False}
                for d in range(4)]
               + [{"weekday": 4, "starts": "16:00", "ends": "23:00", "by_agreement": True}]
               + [{"weekday": d, "starts": "09:00", "ends": "22:00", "by_agreement": True}
                  for d in (5, 6)])
    assert _day_spans(windows, "nb") == [("man–tor", "17:00–21:45", False),
                                         ("fre", "16:00–23:00", True),
                                         ("lør–søn", "09:00–22:00", True)]
    assert _day_spans(windows, "en")[0] == ("Mon–Thu", "17:00–21:45", False)


def test_money():
    assert kroner(35_800, "nb") == "358,00 kr"
    assert kroner(123_456_700, "nb") == "1 234 567,00 kr"
    assert kroner(35_800, "en") == "NOK 358.00"
    assert kroner(0, "nb") == "gratis"


def _tracker(text: str, intent: str | None = None, **slots):
    from rasa_sdk import Tracker

    message = {"text": text, "metadata": {}, "intent": {"name": intent} if intent else {}}
    return Tracker("test", {"language": None, **slots}, message, [], False, None, {},
                   "action_listen")


@pytest.mark.parametrize(("action", "text", "expected"), [
    ("AskEnd", "kl 18", "Jeg har forstått: torsdag 3. desember 2026 kl. 18:00. Til hvilket klokkeslett?"),
    ("AskAttendees", "18-20", "Jeg har forstått: torsdag 3. desember 2026 kl. 18:00–20:00. "
                              "Hvor mange blir dere?"),
    ("AskDay", "I need a room", "Which day is it for?"),
    ("AskPurpose", "we are 12 people", "What will you use the room for?"),
])
def test_questions_echo_what_was_understood(action, text, expected):
    from actions import booking_form
    from rasa_sdk.executor import CollectingDispatcher

    dispatcher = CollectingDispatcher()
    end = "20:00" if text == "18-20" else None
    getattr(booking_form, action)().run(dispatcher, _tracker(text, day="2026-12-03", start="18:00",
                                                        end=end), {})
    assert dispatcher.messages[0]["text"] == expected


@pytest.mark.parametrize(("text", "awaiting", "expected_start", "awaiting_after"), [
    ("nei", "cancel_confirmation", "Greit, jeg avbestiller ikke.", None),
    # "nei" to the summary asks what to change, and what comes next answers that.
    ("nei", "booking_confirmation", "Greit, da booker jeg ikke.", "booking_change"),
    ("nei", "booking_change", "Greit, jeg har stoppet bookingen.", None),
    ("no", None, "I can:", None),
])
def test_no_answers_what_was_asked(text, awaiting, expected_start, awaiting_after, monkeypatch):
    from actions.yes_no import ActionDeny

    # No API here (a "nei" names no school to look up): nothing listens on port 9.
    monkeypatch.setenv("BOOKING_API_URL", "http://127.0.0.1:9/api/v1")
    from rasa_sdk.executor import CollectingDispatcher

    dispatcher = CollectingDispatcher()
    events = ActionDeny().run(dispatcher, _tracker(text, "deny", awaiting=awaiting,
                                                   booking_id=7.0), {})
    assert dispatcher.messages[0]["text"].startswith(expected_start)
    if awaiting:
        assert {"event": "slot", "name": "awaiting", "value": awaiting_after,
                "timestamp": None} in events


def test_the_action_server_registers_exactly_the_domain_actions():
    from pathlib import Path

    import yaml
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package("actions")
    domain = yaml.safe_load((Path(__file__).resolve().parents[1] / "domain.yml").read_text())
    assert set(executor.actions) == set(domain["actions"])


@pytest.mark.parametrize(("text", "expected"), [
    ("Strikkekafé", True), ("dans", True), ("Håndball", True), ("Cooking class", True),
    ("asdfgh", False), ("?", False), ("jkl", False), ("42", False), ("qwerty", False),
    ("poiuy", False), ("Quiz", True),
])
def test_could_be_a_purpose(text, expected):
    from actions.booking_form import could_be_a_purpose

    assert could_be_a_purpose(text) is expected


ORGANISATIONS = [(1, "Jar IL"), (2, "Bekkestua Skolekorps"), (3, "1. Eiksmarka speidergruppe")]


@pytest.mark.parametrize(("text", "expected"), [
    ("ja, for Jar IL", 1), ("for jar il", 1), ("Bekkestua skolekorpset", 2),
    ("for speidergruppa", 3), ("privat", 0), ("ja, privat", 0), ("Yes, privately", 0),
    ("ja", None), ("ja takk", None), ("for klubben", None), ("heller Jar skole", None),
    ("for Bekkestua", 2), ("", None),
])
def test_the_organisation_a_message_names(text, expected):
    from actions.for_whom import named_in
    assert named_in(text, ORGANISATIONS) == expected


@pytest.mark.parametrize(("text", "intent", "confidence", "expected"), [
    ("Strikkekafé", "deny", 0.61, True),  # the model's unsure "no" to an unknown word
    ("Strikkekafé", "ask_price", 0.9, True),
    ("Cooking class", "out_of_scope", 0.4, True),
    ("nei", "deny", 0.6, False), ("nope", "deny", 0.5, False),
    ("Yoga", "affirm", 0.95, False),  # a sure yes stays a yes
    ("hva koster aulaen", "ask_price", 0.9, False), ("aulaen?", "ask_price", 0.9, False),
    ("asdfgh", "out_of_scope", 0.5, False), ("qwerty", "nlu_fallback", 0.3, False),
])
def test_an_answer_to_what_for_is_the_purpose(text, intent, confidence, expected):
    from actions.booking_form import reads_as_purpose
    from rasa_sdk import Tracker

    tracker = Tracker("t", {}, {"text": text, "intent": {"name": intent,
                                                          "confidence": confidence}},
                      [], False, None, {}, "action_listen")
    assert reads_as_purpose(tracker, intent) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("den andre", 12), ("nr 1", 11), ("the 2nd one", 12), ("the last one", 13),
    ("nummer to", 12), ("I want to take the third one", 13), ("eg tek den fyrste", 11),
    ("den siste", 13), ("the fourth", None), ("ja takk", None),
    ("we want to book it", None),  # "to" is no number in a sentence
])
def test_a_room_is_chosen_by_its_place_in_the_list(text, expected):
    assert chosen(text, [11, 12, 13]) == expected
