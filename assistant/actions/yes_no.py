"""Yes, no and details: what they answer depends on what the assistant asked last."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action
from rasa_sdk.events import FollowupAction

from actions.booking_form import apply_correction, create_booking
from actions.context import Context
from actions.my_bookings import cancel_booking, keep_booking


class AnswerToQuestion(Action, ABC):
    """A "ja" or "nei": what it does depends on what the assistant asked last."""

    handlers: dict[str, Any] = {}

    @property
    @abstractmethod
    def intent(self) -> str: ...

    def name(self) -> str:
        return f"action_{self.intent}"

    def run(self, dispatcher, tracker, domain):
        ctx = Context(tracker)
        handler = self.handlers.get(tracker.get_slot("awaiting"))
        if handler is not None:
            return handler(dispatcher, tracker, ctx)
        dispatcher.utter_message(text=ctx.say("help"))
        return [ctx.language_event()]


class ActionAffirm(AnswerToQuestion):
    intent = "affirm"
    handlers = {"booking_confirmation": create_booking, "cancel_confirmation": cancel_booking}


class ActionDeny(AnswerToQuestion):
    intent = "deny"
    handlers = {"booking_confirmation": apply_correction, "cancel_confirmation": keep_booking}


class ActionInform(Action):
    """Details given outside the form: a correction after the summary, else the start of
    a search ("i morgen kl 18", "Jar skole")."""

    def name(self) -> str:
        return "action_inform"

    def run(self, dispatcher, tracker, domain):
        ctx = Context(tracker)
        if tracker.get_slot("awaiting") == "booking_confirmation":
            return apply_correction(dispatcher, tracker, ctx)
        return [ctx.language_event(), FollowupAction("booking_form")]
