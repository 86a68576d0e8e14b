"""Yes, no and details: what they answer depends on what the assistant asked last."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any

from rasa_sdk import Action
from rasa_sdk.events import EventType, FollowupAction, SlotSet

from actions.booking import apply_correction, create_booking
from actions.booking_form import form_is_asking, repeat_question
from actions.context import Context
from actions.my_bookings import ask_which_dates_again, cancel_booking, keep_booking
from actions.new_request import WHY, end_turn, start_request, why_answer
from actions.reminders import coming, release
from actions.request import REQUEST_FIELDS


def _ask_what_to_change(dispatcher, tracker, ctx: Context) -> list[EventType]:
    dispatcher.utter_message(text=ctx.say("what_to_change_again"))
    return [ctx.language_event()]


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
        if WHY.search(tracker.latest_message.get("text") or ""):
            # "Why is nothing free?" can read as a "no": it answers nothing that was asked.
            dispatcher.utter_message(text=why_answer(ctx, tracker))
            return [ctx.language_event(), *end_turn(tracker)]
        handler = self.handlers.get(tracker.get_slot("awaiting"))
        if handler is not None:
            return handler(dispatcher, tracker, ctx)
        if form_is_asking(tracker):
            # A "ja" or "nei" to "Hvor mange blir dere?" answers nothing: ask again, and say
            # how to get out.
            return [ctx.language_event(), *repeat_question(dispatcher, tracker, ctx)]
        dispatcher.utter_message(text=ctx.say("help"))
        return [ctx.language_event()]


class ActionAffirm(AnswerToQuestion):
    intent = "affirm"
    handlers = {"booking_confirmation": create_booking, "cancel_confirmation": cancel_booking,
                "booking_change": _ask_what_to_change, "cancel_dates": ask_which_dates_again,
                "release_confirmation": coming}


class ActionDeny(AnswerToQuestion):
    intent = "deny"
    # After "nei" to the summary, "nei, heller torsdag" is a change and "nei" alone stops.
    handlers = {"booking_confirmation": apply_correction, "cancel_confirmation": keep_booking,
                "booking_change": apply_correction, "cancel_dates": keep_booking,
                "release_confirmation": release}


class ActionInform(Action):
    """Details given outside the form: a correction after the summary, a room picked from
    the last list, else the start of a new search ("i morgen kl 18", "Jar skole")."""

    def name(self) -> str:
        return "action_inform"

    def run(self, dispatcher, tracker, domain):
        ctx = Context(tracker)
        if tracker.get_slot("awaiting") in ("booking_confirmation", "booking_change"):
            return apply_correction(dispatcher, tracker, ctx)
        if tracker.get_slot("awaiting") == "cancel_dates":
            return ask_which_dates_again(dispatcher, tracker, ctx)
        if form_is_asking(tracker):
            return [ctx.language_event(), *repeat_question(dispatcher, tracker, ctx)]
        room = next(tracker.get_latest_entity_values("room_id"), None)
        last = tracker.get_slot("last_request")
        if room is not None and last:
            # A button from the last list of rooms: that search, with this room.
            return [ctx.language_event(), *[SlotSet(name, last.get(name)) for name in
                                            REQUEST_FIELDS], SlotSet("room_id", float(room)),
                    FollowupAction("booking_form")]
        return [*start_request(dispatcher, tracker, ctx), FollowupAction("booking_form")]
