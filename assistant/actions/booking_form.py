"""Finding and booking a room: the booking form, its questions, the summary and the booking.

The form (domain.yml: booking_form) asks for what is missing; the slots are filled
from free text by ``ValidateBookingForm``. After the summary, a "ja" books
(``create_booking``) and a "nei" or a detail changes the request (``apply_correction``);
see ``actions.yes_no``.
"""

from __future__ import annotations

import re
import uuid
from abc import ABC, abstractmethod
from datetime import date
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet

from actions.api_client import ApiError
from actions.context import Context, api_failed, find_building_id, now_in_oslo, when_text
from actions.dateparse import parse_when
from actions.texts import kroner

BOOKING_SLOTS = ["day", "start", "end", "attendees", "room_id", "purpose", "candidates",
                 "awaiting", "request_key"]
ORDINALS = {"første": 0, "forste": 0, "first": 0, "1": 0, "en": 0, "ett": 0, "one": 0,
            "andre": 1, "second": 1, "2": 1, "to": 1, "two": 1,
            "tredje": 2, "third": 2, "3": 2, "tre": 2, "three": 2}


def _attendees_in(text: str) -> int | None:
    match = re.search(r"(\d{1,5})\s*(?:personer|person|pers|stk|people|persons|deltakere|"
                      r"deltakarar|deltagere|barn|voksne|kids|children|guests|gjester|stykker)\b",
                      text, re.I) or re.search(r"\b(?:på|for|of|er|blir|vi er)\s+(\d{1,5})\b",
                                               text, re.I)
    return int(match.group(1)) if match else None


class ValidateBookingForm(FormValidationAction):
    """Fills the booking form from free text: dates and times through our own parser, so
    "nei, heller torsdag" changes the day at any point."""

    def name(self) -> str:
        return "validate_booking_form"

    def _parsed(self, tracker: Tracker):
        return parse_when(tracker.latest_message.get("text") or "", now_in_oslo())

    async def extract_day(self, dispatcher, tracker, domain) -> dict[str, Any]:
        when = self._parsed(tracker)
        if when.day is None:
            return {}
        changed = when.day.isoformat() != tracker.get_slot("day")
        # A new day means the room found for the old one must be found again.
        return {"day": when.day.isoformat(), **({"room_id": None} if changed else {})}

    async def extract_start(self, dispatcher, tracker, domain) -> dict[str, Any]:
        when = self._parsed(tracker)
        if when.start is None:
            return {}
        values: dict[str, Any] = {"start": when.start.strftime("%H:%M")}
        if when.end is not None or tracker.get_slot("requested_slot") != "end":
            values["end"] = when.end.strftime("%H:%M") if when.end else None
        if values["start"] != tracker.get_slot("start"):
            values["room_id"] = None
        return values

    async def extract_end(self, dispatcher, tracker, domain) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != "end":
            return {}
        when = self._parsed(tracker)
        moment = when.end or when.start
        return {"end": moment.strftime("%H:%M")} if moment else {}

    async def extract_attendees(self, dispatcher, tracker, domain) -> dict[str, Any]:
        text = tracker.latest_message.get("text") or ""
        number = _attendees_in(text)
        if number is None and tracker.get_slot("requested_slot") == "attendees":
            bare = re.fullmatch(r"\s*(?:ca\.?|cirka|about|around)?\s*(\d{1,5})\s*", text)
            number = int(bare.group(1)) if bare else None
        return {"attendees": float(number)} if number else {}

    async def extract_room_id(self, dispatcher, tracker, domain) -> dict[str, Any]:
        entity = next(tracker.get_latest_entity_values("room_id"), None)
        if entity is not None:
            return {"room_id": float(entity)}
        candidates = tracker.get_slot("candidates") or []
        if tracker.get_slot("requested_slot") != "room_id" or not candidates:
            return {}
        words = re.findall(r"\w+", (tracker.latest_message.get("text") or "").lower())
        for word in words:
            if word in ORDINALS and ORDINALS[word] < len(candidates):
                return {"room_id": float(candidates[ORDINALS[word]])}
        return {}

    async def extract_purpose(self, dispatcher, tracker, domain) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != "purpose":
            return {}
        text = (tracker.latest_message.get("text") or "").strip()
        return {"purpose": text[:300]} if text and not text.startswith("/") else {}

    async def validate_day(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if value and date.fromisoformat(value) < now_in_oslo().date():
            ctx = Context(tracker)
            dispatcher.utter_message(text=ctx.say("ask_day"))
            return {"day": None}
        return {"day": value}


class AskQuestion(Action, ABC):
    """Ask for the next detail of the form, first echoing the date and time understood so far."""

    question = ""
    echo = True

    @property
    @abstractmethod
    def slot(self) -> str: ...

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    def run(self, dispatcher, tracker, domain):
        ctx = Context(tracker)
        text = ctx.say(self.question)
        if self.echo:
            text = ctx.say("understood_when", when=when_text(tracker, ctx.language)) + " " + text
        dispatcher.utter_message(text=text)
        return [ctx.language_event()]


class AskDay(AskQuestion):
    slot, question, echo = "day", "ask_day", False


class AskStart(AskQuestion):
    slot, question = "start", "ask_time"


class AskEnd(AskQuestion):
    slot, question = "end", "ask_end"


class AskAttendees(AskQuestion):
    slot, question = "attendees", "ask_attendees"


class AskPurpose(AskQuestion):
    slot, question, echo = "purpose", "ask_purpose", False


class AskRoom(Action):
    """Search the free rooms for what we know and offer the best few as buttons."""

    def name(self) -> str:
        return "action_ask_room_id"

    def run(self, dispatcher, tracker, domain):
        ctx = Context(tracker)
        when = when_text(tracker, ctx.language)
        try:
            offers = ctx.api.availability(
                date=tracker.get_slot("day"), start=tracker.get_slot("start"),
                end=tracker.get_slot("end"), room_type=tracker.get_slot("room_type"),
                facility=tracker.get_slot("facility"), area=tracker.get_slot("area"),
                building_id=find_building_id(ctx.api, tracker.get_slot("building")),
                capacity=int(tracker.get_slot("attendees") or 1),
                category=tracker.get_slot("category"))
        except ApiError as error:
            api_failed(dispatcher, ctx, error)
            return [ctx.language_event(), SlotSet("day", None), SlotSet("start", None),
                    SlotSet("end", None)]
        if not offers:
            dispatcher.utter_message(text=ctx.say("no_rooms", when=when))
            return [ctx.language_event(), SlotSet("day", None), SlotSet("start", None),
                    SlotSet("end", None)]
        # Smallest fitting rooms first: do not offer the aula to a board meeting.
        offers.sort(key=lambda o: (o["room"]["capacity"], o["total_ore"]))
        best = offers[:3]
        lines = [ctx.say("rooms_found", when=when)]
        buttons = []
        for n, offer in enumerate(best, start=1):
            room = offer["room"]
            flags = [ctx.say("flag_approval")] if offer["requires_approval"] else []
            if offer["needs_supervisor"]:
                flags.append(ctx.say("flag_supervisor"))
            lines.append(ctx.say("room_line", n=n, room=room["name"],
                                 building=room["building"]["name"],
                                 area=room["building"]["area"], capacity=room["capacity"],
                                 price=kroner(offer["total_ore"], ctx.language),
                                 flags=f" ({', '.join(flags)})" if flags else ""))
            buttons.append({"title": f"{n}. {room['name']}, {room['building']['name']}",
                            "payload": f'/choose_room{{"room_id": {room["id"]}}}'})
        lines.append(ctx.say("choose_room"))
        dispatcher.utter_message(text="\n".join(lines), buttons=buttons)
        return [ctx.language_event(), SlotSet("candidates", [o["room"]["id"] for o in best])]


def _booking_body(tracker: Tracker) -> dict[str, Any]:
    return {"room_id": int(tracker.get_slot("room_id")), "date": tracker.get_slot("day"),
            "start": tracker.get_slot("start"), "end": tracker.get_slot("end"),
            "attendees": int(tracker.get_slot("attendees") or 1),
            "purpose": tracker.get_slot("purpose") or "-"}


class ActionBookingSummary(Action):
    """The price and the conditions from the API, then: shall I book?"""

    def name(self) -> str:
        return "action_booking_summary"

    def run(self, dispatcher, tracker, domain):
        ctx = Context(tracker)
        body = _booking_body(tracker)
        try:
            offer = ctx.api.quote(**body, on_conflict="refuse")
        except ApiError as error:
            api_failed(dispatcher, ctx, error)
            # Find another room or time: back into the form without the room.
            return [ctx.language_event(), SlotSet("room_id", None), FollowupAction("booking_form")]
        requirements = (ctx.say("requires_approval") if offer["requires_approval"] else "") + (
            ctx.say("needs_supervisor") if offer["needs_supervisor"] else "")
        dispatcher.utter_message(
            text=ctx.say("summary", room=offer["room"]["name"],
                         building=offer["room"]["building"]["name"],
                         when=when_text(tracker, ctx.language), attendees=body["attendees"],
                         purpose=body["purpose"], price=kroner(offer["total_ore"], ctx.language),
                         requirements=requirements),
            buttons=[{"title": ctx.say("yes"), "payload": "/affirm"},
                     {"title": ctx.say("no"), "payload": "/deny"}])
        return [ctx.language_event(), SlotSet("awaiting", "booking_confirmation"),
                SlotSet("request_key", uuid.uuid4().hex)]


def create_booking(dispatcher, tracker, ctx: Context) -> list[EventType]:
    """The confirmed summary becomes a booking, as the logged-in user."""
    if not ctx.token:
        url = ctx.metadata.get("login_url") or "/logg-inn"
        dispatcher.utter_message(text=ctx.say("login_needed", url=url))
        return [ctx.language_event()]
    body = _booking_body(tracker)
    # One key per summary: a repeated "ja" cannot book twice, while a new summary (after
    # a change, or to book again later) is a new request.
    key = f"{tracker.sender_id}-{tracker.get_slot('request_key')}"
    try:
        booking = ctx.api.create_booking(idempotency_key=key, **body)
    except ApiError as error:
        if error.status in (0, 500, 502, 503, 504):
            api_failed(dispatcher, ctx, error)
        else:
            dispatcher.utter_message(text=ctx.say("not_booked", reason=error.message))
        return [ctx.language_event(), SlotSet("awaiting", None)]
    values = {"id": booking["id"], "room": booking["room"]["name"],
              "building": booking["room"]["building"]["name"],
              "when": when_text(tracker, ctx.language)}
    key = "booked" if booking["status"] == "confirmed" else "requested"
    dispatcher.utter_message(text=ctx.say(key, **values))
    return [ctx.language_event(), *[SlotSet(slot, None) for slot in BOOKING_SLOTS]]


def apply_correction(dispatcher, tracker, ctx: Context) -> list[EventType]:
    """After the summary: "nei" asks what to change; "nei, heller torsdag", "vi blir 30"
    or "til 21" change the request and go back into the form, which finds a room again."""
    text = tracker.latest_message.get("text") or ""
    when = parse_when(text, now_in_oslo())
    changes: list[EventType] = []
    if when.day is not None:
        changes.append(SlotSet("day", when.day.isoformat()))
    if when.start is not None:
        changes += [SlotSet("start", when.start.strftime("%H:%M")),
                    SlotSet("end", when.end.strftime("%H:%M") if when.end else None)]
    attendees = _attendees_in(text)
    if attendees:
        changes.append(SlotSet("attendees", float(attendees)))
    if next(tracker.get_latest_entity_values("room_type"), None):
        changes.append(SlotSet("room_id", None))  # the new type came in through its slot
    events: list[EventType] = [ctx.language_event(), SlotSet("awaiting", None)]
    if not changes:
        dispatcher.utter_message(text=ctx.say("what_to_change"))
        return events
    if when.day is not None or when.start is not None:
        changes.append(SlotSet("room_id", None))
    return [*events, *changes, FollowupAction("booking_form")]


class ActionStopBooking(Action):
    def name(self) -> str:
        return "action_stop_booking"

    def run(self, dispatcher, tracker, domain):
        ctx = Context(tracker)
        dispatcher.utter_message(text=ctx.say("stopped"))
        return [ctx.language_event(), ActiveLoop(None),
                *[SlotSet(slot, None) for slot in BOOKING_SLOTS],
                *[SlotSet(slot, None) for slot in ("room_type", "facility", "building", "area")]]
