"""Replies: the base for everything the assistant answers, and the fixed texts."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.api_client import ApiError
from actions.context import Context, api_failed
from actions.texts import TEXTS

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
    key = "greet"


class ActionHelp(SimpleReply):
    key = "help"


class ActionGoodbye(SimpleReply):
    key = "goodbye"


class ActionThanks(SimpleReply):
    key = "thanks"


class ActionHuman(SimpleReply):
    key = "human"


class ActionOutOfScope(SimpleReply):
    key = "out_of_scope"


class ActionAnswerPayment(SimpleReply):
    key, action = "payment", "action_answer_payment"


class ActionAnswerRegisterOrg(SimpleReply):
    key, action = "register_org", "action_answer_register_org"
