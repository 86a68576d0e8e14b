"""My bookings: the list of a user's upcoming bookings, and cancelling one."""

from __future__ import annotations

import re
from datetime import datetime

from rasa_sdk import Action
from rasa_sdk.events import EventType, SlotSet

from actions.api_client import ApiError
from actions.context import Context, api_failed, now_in_oslo
from actions.dateparse import describe
from actions.texts import STATUS_NAMES, kroner


def _upcoming(bookings: list[dict]) -> list[dict]:
    today = now_in_oslo().date().isoformat()
    return [b for b in bookings if b["status"] in STATUS_NAMES and any(
        o["status"] == "scheduled" and o["starts_at"][:10] >= today for o in b["occurrences"])]


def _booking_when(booking: dict, language: str) -> str:
    future = [o for o in booking["occurrences"] if o["status"] == "scheduled"]
    first = datetime.fromisoformat((future or booking["occurrences"])[0]["starts_at"])
    last = datetime.fromisoformat((future or booking["occurrences"])[0]["ends_at"])
    text = describe(first.date(), first.time(), last.time(), language)
    if len(future) > 1:
        text += f" (+{len(future) - 1})"
    return text


class ActionListBookings(Action):
    def name(self) -> str:
        return "action_list_bookings"

    def run(self, dispatcher, tracker, domain):
        ctx = Context(tracker)
        if not ctx.token:
            dispatcher.utter_message(text=ctx.say(
                "login_needed", url=ctx.metadata.get("login_url") or "/logg-inn"))
            return [ctx.language_event()]
        try:
            bookings = _upcoming(ctx.api.my_bookings())
        except ApiError as error:
            api_failed(dispatcher, ctx, error)
            return [ctx.language_event()]
        if not bookings:
            dispatcher.utter_message(text=ctx.say("no_bookings"))
            return [ctx.language_event()]
        lines = [ctx.say("your_bookings")]
        buttons = []
        for booking in bookings[:8]:
            lines.append(ctx.say("booking_line", id=booking["id"], room=booking["room"]["name"],
                                 building=booking["room"]["building"]["name"],
                                 when=_booking_when(booking, ctx.language),
                                 status=STATUS_NAMES[booking["status"]][ctx.language]))
            buttons.append({"title": ctx.say("cancel_button", id=booking["id"]),
                            "payload": f'/cancel_booking{{"booking_id": {booking["id"]}}}'})
        dispatcher.utter_message(text="\n".join(lines), buttons=buttons)
        return [ctx.language_event()]


class ActionAskCancel(Action):
    """Which booking, and are you sure? The actual cancel waits for "ja"."""

    def name(self) -> str:
        return "action_ask_cancel"

    def run(self, dispatcher, tracker, domain):
        ctx = Context(tracker)
        if not ctx.token:
            dispatcher.utter_message(text=ctx.say(
                "login_needed", url=ctx.metadata.get("login_url") or "/logg-inn"))
            return [ctx.language_event()]
        wanted = next(tracker.get_latest_entity_values("booking_id"), None) or \
            tracker.get_slot("booking_id")
        if wanted is None:
            match = re.search(r"\b(?:nr\.?|nummer|no\.?|number|#|booking)\s*(\d+)\b",
                              tracker.latest_message.get("text") or "", re.I)
            wanted = match.group(1) if match else None
        try:
            bookings = _upcoming(ctx.api.my_bookings())
        except ApiError as error:
            api_failed(dispatcher, ctx, error)
            return [ctx.language_event()]
        booking = next((b for b in bookings if wanted is not None
                        and str(b["id"]) == str(int(float(wanted)))), None)
        if booking is None:
            if not bookings:
                dispatcher.utter_message(text=ctx.say("no_bookings"))
                return [ctx.language_event()]
            dispatcher.utter_message(text=ctx.say("which_booking"), buttons=[
                {"title": ctx.say("cancel_button", id=b["id"]),
                 "payload": f'/cancel_booking{{"booking_id": {b["id"]}}}'} for b in bookings[:8]])
            return [ctx.language_event()]
        dispatcher.utter_message(
            text=ctx.say("confirm_cancel", id=booking["id"], room=booking["room"]["name"],
                         building=booking["room"]["building"]["name"],
                         when=_booking_when(booking, ctx.language)),
            buttons=[{"title": ctx.say("yes"), "payload": "/affirm"},
                     {"title": ctx.say("no"), "payload": "/deny"}])
        return [ctx.language_event(), SlotSet("booking_id", float(booking["id"])),
                SlotSet("awaiting", "cancel_confirmation")]


def cancel_booking(dispatcher, tracker, ctx: Context) -> list[EventType]:
    booking_id = int(tracker.get_slot("booking_id"))
    try:
        result = ctx.api.cancel_booking(booking_id)
    except ApiError as error:
        api_failed(dispatcher, ctx, error)
        return [ctx.language_event(), SlotSet("awaiting", None), SlotSet("booking_id", None)]
    dispatcher.utter_message(text=ctx.say("cancelled", id=booking_id,
                                          refund=kroner(result["refund_ore"], ctx.language)))
    return [ctx.language_event(), SlotSet("awaiting", None), SlotSet("booking_id", None)]


def keep_booking(dispatcher, tracker, ctx: Context) -> list[EventType]:
    dispatcher.utter_message(text=ctx.say("not_cancelled"))
    return [ctx.language_event(), SlotSet("awaiting", None), SlotSet("booking_id", None)]
