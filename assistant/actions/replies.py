"""Replies: the base for everything the assistant answers, and the fixed texts."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from actions.api_client import ApiError
from actions.booking_form import form_is_asking, repeat_question
from actions.context import Context, api_failed, now_in_oslo
from actions.dateparse import parse_when
from actions.for_whom import names_a_choice
from actions.new_request import WHY, start_request, why_answer
from actions.reminders import ask_if_coming
from actions.texts import TEXTS

# A backstop for the model: "hvem kommer til Jar i kveld?" names a day and a time, and
# read as not understood it would start a room search (actions.staff answers it).
ASKS_VISITORS = re.compile(r"\b(?:hvem|kven|who)\s+(?:kommer|kjem|er\s+booka?|is\s+coming|"
                           r"are\s+coming|comes|is\s+booked|has\s+booked)\b|\bwho'?s\s+coming\b",
                           re.I)

# The base classes below are abstract, so the action server does not register them.


class Answer(Action, ABC):
    """Something the assistant says, often from live API data. Subclasses return the
    messages; when the API fails, the user is told so instead."""

    action = ""

    def name(self) -> str:
        return self.action

    @abstractmethod
    def answer(self, ctx: Context, tracker: Tracker) -> list[str]: ...

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: dict) -> list[EventType]:
        ctx = Context(tracker)
        if names_a_choice(tracker, ctx):  # "yes, privately" can read as a price question
            return [ctx.language_event(), FollowupAction("action_affirm")]
        try:
            messages = self.answer(ctx, tracker)
        except ApiError as error:
            api_failed(dispatcher, ctx, error)
        else:
            for text in messages:
                dispatcher.utter_message(text=text)
        return [ctx.language_event()]


class SimpleReply(Answer):
    """A fixed text; the municipality's contact filled in where the text names it."""

    @property
    @abstractmethod
    def key(self) -> str: ...

    def name(self) -> str:
        return self.action or f"action_{self.key}"

    def answer(self, ctx: Context, tracker: Tracker) -> list[str]:
        values: dict[str, Any] = {}
        if self.key == "greet":
            name = ctx.metadata.get("user_name")
            values["name"] = f", {name.split()[0]}" if name else ""
        if "{contact}" in TEXTS[self.key]["nb"]:
            values["contact"] = ctx.contact
        messages = [ctx.say(self.key, **values)]
        if self.key == "out_of_scope":
            messages.append(ctx.say("help"))
        return messages


class ActionGreet(SimpleReply):
    """The greeting; the widget sends "/greet" when a logged-in user opens it, so a date
    due within two days is asked about first (actions.reminders)."""

    key = "greet"

    def run(self, dispatcher, tracker, domain):
        events = super().run(dispatcher, tracker, domain)
        if any(isinstance(e, dict) and e.get("event") == "followup" for e in events):
            return events  # the greeting was an answer at the summary
        return [*events, *ask_if_coming(dispatcher, tracker, Context(tracker))]


class ActionHelp(SimpleReply):
    key = "help"


class ActionGoodbye(SimpleReply):
    key = "goodbye"


class ActionThanks(SimpleReply):
    key = "thanks"


class ActionHuman(SimpleReply):
    key = "human"


class ActionOutOfScope(SimpleReply):
    """Out of scope, not understood, or no policy sure what comes next (config.yml's core
    fallback). Always the end of the turn: as the fallback it would otherwise be predicted
    again after itself, the twenty bubbles that followed "avbryt" at the summary."""

    key = "out_of_scope"

    def run(self, dispatcher, tracker, domain):
        ctx = Context(tracker)
        text = tracker.latest_message.get("text") or ""
        if names_a_choice(tracker, ctx):  # "privat" at the summary
            return [ctx.language_event(), FollowupAction("action_affirm")]
        if form_is_asking(tracker):
            # "hvorfor?", "asdf", "..." in the middle of the form: the question again.
            return [ctx.language_event(), *repeat_question(dispatcher, tracker, ctx)]
        if ASKS_VISITORS.search(text):
            from actions.staff import ActionAnswerVisitors  # staff builds on this module
            events = ActionAnswerVisitors().run(dispatcher, tracker, domain)
        elif WHY.search(text):
            dispatcher.utter_message(text=why_answer(ctx, tracker))
            events = [ctx.language_event()]
        elif (when := parse_when(text, now_in_oslo())).day and when.start:
            # A day and a time are a request for a room, however the model read the rest
            # ("trenger gymsal 15.12 18-20" has come back as not understood).
            return [*start_request(dispatcher, tracker, ctx), FollowupAction("booking_form")]
        else:
            events = super().run(dispatcher, tracker, domain)
        return [*events, FollowupAction("action_listen")]


class ActionAnswerPayment(SimpleReply):
    key, action = "payment", "action_answer_payment"


class ActionAnswerRegisterOrg(SimpleReply):
    key, action = "register_org", "action_answer_register_org"
