"""My bookings: the list of a user's upcoming bookings, single and weekly, and cancelling one,
or one date of a weekly one."""

from __future__ import annotations

import re
from datetime import datetime

from rasa_sdk import Action
from rasa_sdk.events import EventType, SlotSet

from actions.api_client import ApiError
from actions.context import Context, api_failed, now_in_oslo
from actions.dateparse import WEEKDAY_NAMES, describe, parse_when
from actions.texts import STATUS_NAMES, kroner

LISTED = 10  # bookings in one answer; the rest are on the site's My bookings
BOOKING_NUMBER = re.compile(r"\b(?:nr\.?|nummer|no\.?|number|#|booking)\s*(\d+)\b", re.I)


def _future(booking: dict) -> list[dict]:
    """The dates still to come, in order."""
    today = now_in_oslo().date().isoformat()
    return sorted((o for o in booking["occurrences"]
                   if o["status"] == "scheduled" and o["starts_at"][:10] >= today),
                  key=lambda o: o["starts_at"])


def _upcoming(bookings: list[dict]) -> list[dict]:
    """Active bookings with a date to come, soonest first (as the site lists them)."""
    active = [b for b in bookings if b["status"] in STATUS_NAMES and _future(b)]
    return sorted(active, key=lambda b: _future(b)[0]["starts_at"])


def occurrence_when(occurrence: dict, language: str) -> str:
    start = datetime.fromisoformat(occurrence["starts_at"])
    end = datetime.fromisoformat(occurrence["ends_at"])
    return describe(start.date(), start.time(), end.time(), language)


def _day(occurrence: dict, language: str) -> str:
    return describe(datetime.fromisoformat(occurrence["starts_at"]).date(), language=language)


def _booking_when(booking: dict, language: str, ctx: Context | None = None) -> str:
    future = _future(booking) or booking["occurrences"]
    if len(future) > 1 and ctx is not None:  # a weekly booking: its pattern and what is left
        start = datetime.fromisoformat(future[0]["starts_at"])
        end = datetime.fromisoformat(future[0]["ends_at"])
        weekday = WEEKDAY_NAMES.get(language, WEEKDAY_NAMES["nb"])[start.weekday()]
        return ctx.say("series_line", weekday=weekday.capitalize(), start=f"{start:%H:%M}",
                       end=f"{end:%H:%M}", next=_day(future[0], language), count=len(future))
    return occurrence_when(future[0], language)


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
        for booking in bookings[:LISTED]:
            lines.append(ctx.say("booking_line", id=booking["id"], room=booking["room"]["name"],
                                 building=booking["room"]["building"]["name"],
                                 when=_booking_when(booking, ctx.language, ctx),
                                 status=STATUS_NAMES[booking["status"]][ctx.language]))
            buttons.append({"title": ctx.say("cancel_button", id=booking["id"]),
                            "payload": f'/cancel_booking{{"booking_id": {booking["id"]}}}'})
        if len(bookings) > LISTED:
            lines.append(ctx.say("more_bookings", count=len(bookings) - LISTED,
                                 url=ctx.metadata.get("bookings_url") or "/mine-bookinger"))
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
            match = BOOKING_NUMBER.search(tracker.latest_message.get("text") or "")
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
                 "payload": f'/cancel_booking{{"booking_id": {b["id"]}}}'}
                for b in bookings[:LISTED]])
            return [ctx.language_event()]
        future = _future(booking)
        chosen = _chosen_date(tracker, future)
        if len(future) > 1 and chosen is None:
            return _ask_which_dates(dispatcher, ctx, booking, future)
        where = {"id": booking["id"], "room": booking["room"]["name"],
                 "building": booking["room"]["building"]["name"]}
        if chosen is not None and chosen is not ALL_DATES and len(future) > 1:
            text = ctx.say("confirm_cancel_date", when=occurrence_when(chosen, ctx.language),
                           **where)
            occurrence_id = float(chosen["id"])
        else:
            text = ctx.say("confirm_cancel", when=_booking_when(booking, ctx.language, ctx),
                           **where)
            occurrence_id = None
        dispatcher.utter_message(text=text, buttons=[{"title": ctx.say("yes"), "payload": "/affirm"},
                                                     {"title": ctx.say("no"), "payload": "/deny"}])
        return [ctx.language_event(), SlotSet("booking_id", float(booking["id"])),
                SlotSet("occurrence_id", occurrence_id), SlotSet("awaiting", "cancel_confirmation")]


ALL_DATES: dict = {}  # "all of them", as a choice of dates


def _chosen_date(tracker, future: list[dict]) -> dict | None:
    """Which date of the booking this message chose: a reply button's occurrence_id (0 for
    all), or a date written in it ("avbestill tirsdag 15. desember"). None if neither."""
    entity = next(tracker.get_latest_entity_values("occurrence_id"), None)
    if entity is not None:
        wanted = int(float(entity))
        return ALL_DATES if wanted == 0 else next((o for o in future if o["id"] == wanted), None)
    text = BOOKING_NUMBER.sub(" ", tracker.latest_message.get("text") or "")  # "nr. 12" is no date
    day = parse_when(text, now_in_oslo()).day
    if day is None:
        return None
    return next((o for o in future if o["starts_at"][:10] == day.isoformat()), None)


def _ask_which_dates(dispatcher, ctx: Context, booking: dict, future: list[dict]):
    payload = '/cancel_booking{{"booking_id": {}, "occurrence_id": {}}}'
    buttons = [{"title": ctx.say("only_date_button", date=_day(o, ctx.language)),
                "payload": payload.format(booking["id"], o["id"])} for o in future[:3]]
    buttons.append({"title": ctx.say("all_dates_button", count=len(future)),
                    "payload": payload.format(booking["id"], 0)})
    dispatcher.utter_message(text=ctx.say("which_dates", id=booking["id"], count=len(future)),
                             buttons=buttons)
    # The next message may be just a date ("15. desember"): action_inform brings it here.
    return [ctx.language_event(), SlotSet("booking_id", float(booking["id"])),
            SlotSet("awaiting", "cancel_dates")]


def ask_which_dates_again(dispatcher, tracker, ctx: Context) -> list[EventType]:
    """A date, a "ja" or anything else answering "one date or all?": read it again."""
    return ActionAskCancel().run(dispatcher, tracker, {})


def _done() -> list[EventType]:
    return [SlotSet("awaiting", None), SlotSet("booking_id", None), SlotSet("occurrence_id", None)]


def cancel_booking(dispatcher, tracker, ctx: Context) -> list[EventType]:
    booking_id = int(tracker.get_slot("booking_id"))
    occurrence_id = tracker.get_slot("occurrence_id")
    try:
        if occurrence_id:
            result = ctx.api.cancel_occurrence(booking_id, int(occurrence_id))
        else:
            result = ctx.api.cancel_booking(booking_id)
    except ApiError as error:
        api_failed(dispatcher, ctx, error)
        return [ctx.language_event(), *_done()]
    refund = kroner(result["refund_ore"], ctx.language)
    if occurrence_id:
        cancelled = next(o for o in result["booking"]["occurrences"]
                         if o["id"] == int(occurrence_id))
        text = ctx.say("cancelled_date", id=booking_id, refund=refund,
                       when=occurrence_when(cancelled, ctx.language))
    else:
        text = ctx.say("cancelled", id=booking_id, refund=refund)
    dispatcher.utter_message(text=text)
    return [ctx.language_event(), *_done()]


def keep_booking(dispatcher, tracker, ctx: Context) -> list[EventType]:
    dispatcher.utter_message(text=ctx.say("not_cancelled"))
    return [ctx.language_event(), *_done()]
