"""Confirm or release: a logged-in user who opens the chat within two days before one of
their booked dates is asked first whether they are coming, and "nei" frees that date at
once with the cancellation policy's refund, so that a room booked and not used goes back
to others. Asked once per date in a conversation."""

from __future__ import annotations

from datetime import datetime, timedelta

from rasa_sdk.events import EventType, SlotSet

from actions.api_client import ApiError
from actions.context import Context, api_failed, now_in_oslo
from actions.my_bookings import occurrence_when
from actions.texts import kroner

AHEAD = timedelta(days=2)


def date_to_confirm(bookings: list[dict], now: datetime,
                    asked: set[str]) -> tuple[dict, dict] | None:
    """The soonest date of a confirmed booking that starts within two days from now (Oslo
    time, naive) and has not been asked about: (booking, occurrence), or None."""
    candidates = [(datetime.fromisoformat(o["starts_at"]).replace(tzinfo=None), b, o)
                  for b in bookings if b["status"] == "confirmed"
                  for o in b["occurrences"]
                  if o["status"] == "scheduled" and str(o["id"]) not in asked]
    due = sorted((c for c in candidates if now <= c[0] <= now + AHEAD), key=lambda c: c[0])
    return (due[0][1], due[0][2]) if due else None


def ask_if_coming(dispatcher, tracker, ctx: Context) -> list[EventType]:
    """The question, if a date is due and nothing else is under way; else nothing."""
    if not ctx.token or tracker.get_slot("awaiting") or tracker.active_loop.get("name"):
        return []
    asked = list(tracker.get_slot("reminded") or [])
    try:
        found = date_to_confirm(ctx.api.my_bookings(), now_in_oslo(), set(asked))
    except ApiError:
        return []  # the greeting stands on its own
    if found is None:
        return []
    booking, occurrence = found
    dispatcher.utter_message(
        text=ctx.say("coming_question", room=booking["room"]["name"],
                     building=booking["room"]["building"]["name"],
                     when=occurrence_when(occurrence, ctx.language)),
        buttons=[{"title": ctx.say("coming_button"), "payload": "/affirm"},
                 {"title": ctx.say("release_button"), "payload": "/deny"}])
    return [SlotSet("awaiting", "release_confirmation"),
            SlotSet("booking_id", float(booking["id"])),
            SlotSet("occurrence_id", float(occurrence["id"])),
            SlotSet("reminded", [*asked, str(occurrence["id"])])]


def _done() -> list[EventType]:
    return [SlotSet("awaiting", None), SlotSet("booking_id", None), SlotSet("occurrence_id", None)]


def coming(dispatcher, tracker, ctx: Context) -> list[EventType]:
    dispatcher.utter_message(text=ctx.say("coming_thanks"))
    return [ctx.language_event(), *_done()]


def release(dispatcher, tracker, ctx: Context) -> list[EventType]:
    """"nei, vi kommer ikke": that date is freed now (the other dates of a series stay)."""
    booking_id = int(tracker.get_slot("booking_id"))
    occurrence_id = int(tracker.get_slot("occurrence_id"))
    try:
        result = ctx.api.cancel_occurrence(booking_id, occurrence_id)
    except ApiError as error:
        api_failed(dispatcher, ctx, error)
        return [ctx.language_event(), *_done()]
    released = next(o for o in result["booking"]["occurrences"] if o["id"] == occurrence_id)
    dispatcher.utter_message(text=ctx.say(
        "released", id=booking_id, when=occurrence_when(released, ctx.language),
        refund=kroner(result["refund_ore"], ctx.language)))
    return [ctx.language_event(), *_done()]
