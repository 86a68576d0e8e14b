"""The start of a search or booking request, and reading what a message says for one.

A conversation holds many questions, so a request starts from what the user says in
it (``start_request``: the find_room rule, or details given outside the form). The
previous request's values carry over only when the message continues it, and the user
is told which (``actions.request`` has the rules). Numbers and times are read by what
was asked; places and types are checked against the live catalogue.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.api_client import ApiError
from actions.context import Context, catalogue, now_in_oslo
from actions.dateparse import describe, first_date_text, parse_when, weekly_until
from actions.for_whom import names_a_choice
from actions.request import (
    FILTER_FIELDS,
    REQUEST_FIELDS,
    bare_number,
    carry_over,
    continues,
    count_in,
    read_entities,
    without_count,
)
from actions.texts import CATEGORY_NAMES

# What one booking holds besides the request's values; all of it ends with the booking.
BOOKING_SLOTS = ["day", "start", "end", "repeat_until", "attendees", "room_id", "purpose",
                 "candidates", "awaiting", "request_key"]
WHY = re.compile(r"^\W*(?:hvorfor|kvifor|korfor|why)\b", re.I)
# A bare clock time given when a time was asked for: "18", "til 20", "kl 18.30".
BARE_HOUR = re.compile(r"\s*(?:kl\.?|klokka|klokken|fra|frå|til|at|from|to|until)?\s*"
                       r"([01]?\d|2[0-3])(?:[:.]([0-5]\d))?\s*", re.I)


def message_text(tracker: Tracker) -> str:
    return tracker.latest_message.get("text") or ""


def time_values(text: str, requested: str | None) -> dict[str, Any]:
    """Day, start and end said in ``text``, read by what was asked: a bare number answers
    "how many" as a count and "until when" as an hour, never as the 20th of the month."""
    if requested == "attendees" and bare_number(text) is not None:
        return {}
    hour = BARE_HOUR.fullmatch(text) if requested in ("start", "end") else None
    if hour:
        # Alone, "18" reads as the 18th of the month; asked for a time, it is 18:00.
        text = f"kl {hour.group(1)}:{hour.group(2) or '00'}"
    when = parse_when(without_count(text), now_in_oslo())
    values: dict[str, Any] = {}
    if when.day is not None:
        values["day"] = when.day.isoformat()
    if when.start is not None:
        if requested == "end" and when.end is None:
            values["end"] = when.start.strftime("%H:%M")
        else:
            values["start"] = when.start.strftime("%H:%M")
            if when.end is not None:
                values["end"] = when.end.strftime("%H:%M")
    return values


def filters_said(ctx: Context, tracker: Tracker,
                 dispatcher: CollectingDispatcher | None) -> dict[str, Any]:
    """The filters this message gives, checked against the live catalogue. A school or area
    the catalogue does not know is dropped, and the user told so (when ``dispatcher``)."""
    try:
        said = read_entities(tracker.latest_message.get("entities") or [], catalogue(ctx.api),
                              message_text(tracker))
    except ApiError:
        return {}  # the search that follows says that the API is down
    if said.unknown_places and dispatcher is not None:
        dispatcher.utter_message(text=ctx.say("unknown_place", name=said.unknown_places[0]))
    values: dict[str, Any] = dict(said.values)
    # One place at a time: "heller Hosle" after the area Jar means Hosle, not Hosle in Jar.
    if "building" in values:
        values.setdefault("area", None)
    elif "area" in values:
        values.setdefault("building", None)
    return values


def describe_values(values: dict[str, Any], fields: list[str], ctx: Context) -> str:
    """The named request values in words: "Jar skole, gymsal, kl. 18:00–20:00, 20 personer"."""
    parts = []
    if "day" in fields:
        parts.append(describe(date.fromisoformat(values["day"]), language=ctx.language))
    if "start" in fields or "end" in fields:
        start, end = values.get("start"), values.get("end")
        parts.append(ctx.say("at_time", span=start + (f"–{end}" if end else "")))
    if "attendees" in fields:
        parts.append(ctx.say("n_people", n=int(values["attendees"])))
    for name in FILTER_FIELDS:
        if name not in fields:
            continue
        value = values[name]
        if name == "category":
            value = CATEGORY_NAMES.get(value, {}).get(ctx.language, value)
        elif name == "area":
            value = ctx.say("area_named", area=value)
        elif name in ("room_type", "facility"):
            value = ctx.labels(name).get(value, value.replace("_", " "))
        parts.append(value)
    return ", ".join(parts)


def start_request(dispatcher: CollectingDispatcher, tracker: Tracker,
                  ctx: Context) -> list[EventType]:
    """A new search or booking, from what the user says now. The previous request's values
    carry over only when this message continues it, and the user is told which."""
    text = message_text(tracker)
    said = {**time_values(first_date_text(text, now_in_oslo()), None),
            **filters_said(ctx, tracker, dispatcher)}
    count = count_in(text)
    if count:
        said["attendees"] = float(count)
    values, carried = carry_over(tracker.get_slot("last_request"), said, continues(text))
    if carried:
        dispatcher.utter_message(text=ctx.say("as_before", values=describe_values(
            values, carried, ctx)))
    return [ctx.language_event(), *[SlotSet(slot, values.get(slot)) for slot in REQUEST_FIELDS],
            SlotSet("repeat_until", repeat_until(text, values.get("day"), tracker)),
            *[SlotSet(slot, None) for slot in ("room_id", "purpose", "candidates", "awaiting",
                                               "request_key")]]


def repeat_until(text: str, day: str | None, tracker: Tracker) -> str | None:
    """The weekly booking this message asks for (its last date), or the one it continues."""
    first = date.fromisoformat(day) if day else None
    until = weekly_until(text, first, now_in_oslo().date())
    if until is None and continues(text):
        return tracker.get_slot("repeat_until")
    return until.isoformat() if until else None


class ActionStartRequest(Action):
    def name(self) -> str:
        return "action_start_request"

    def run(self, dispatcher, tracker, domain):
        ctx = Context(tracker)
        if WHY.search(message_text(tracker)):
            # "Hvorfor er ingenting ledig?" reads as a search to the model: answer the why,
            # keep the request as it was, and wait (the rule would run the form again).
            dispatcher.utter_message(text=why_answer(ctx, tracker))
            return [ctx.language_event(), *end_turn(tracker)]
        if names_a_choice(tracker, ctx):  # "for speidergruppa" at the summary is no search
            return [ctx.language_event(), FollowupAction("action_affirm")]
        return start_request(dispatcher, tracker, ctx)


def why_answer(ctx: Context, tracker: Tracker) -> str:
    last = tracker.get_slot("last_request") or {}
    if last.get("found") == 0:
        return ctx.say("why_no_rooms")
    return ctx.say("why_general")


def end_turn(tracker: Tracker) -> list[EventType]:
    """Wait for the user now. In the form, its rejection of the last message is forgotten
    too (ActiveLoop afresh), so that the next message is the form's again; left rejected, the
    form let rules answer the next message first and then asked its question again."""
    loop = tracker.active_loop.get("name")
    return [*([ActiveLoop(loop)] if loop else []), FollowupAction("action_listen")]
