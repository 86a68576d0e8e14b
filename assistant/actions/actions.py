"""The assistant's custom actions. Every fact comes from the platform's REST API.

Each action follows the user's language (``actions.language``) and acts as the
logged-in user through the short-lived chat token that the web app puts in
each message's metadata.
"""

from __future__ import annotations

import re
import uuid
from abc import ABC, abstractmethod
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.api_client import ApiError, BookingApi, info
from actions.dateparse import describe, parse_when
from actions.language import language_for
from actions.texts import CATEGORY_NAMES, STATUS_NAMES, TEXTS, WEEKDAY_SPANS, kroner, say

OSLO = ZoneInfo("Europe/Oslo")
BOOKING_SLOTS = ["day", "start", "end", "attendees", "room_id", "purpose", "candidates",
                 "awaiting", "request_key"]
ORDINALS = {"første": 0, "forste": 0, "first": 0, "1": 0, "en": 0, "ett": 0, "one": 0,
            "andre": 1, "second": 1, "2": 1, "to": 1, "two": 1,
            "tredje": 2, "third": 2, "3": 2, "tre": 2, "three": 2}


def now_in_oslo() -> datetime:
    return datetime.now(OSLO).replace(tzinfo=None)


class Context:
    """What every action needs: the language, the API as this user, the contact."""

    def __init__(self, tracker: Tracker) -> None:
        metadata = tracker.latest_message.get("metadata") or {}
        self.metadata = metadata
        self.language = language_for(tracker.latest_message.get("text") or "",
                                     tracker.get_slot("language"), metadata.get("language"))
        self.token = metadata.get("token")
        self.api = BookingApi(token=self.token, language=self.language)
        self._contact: str | None = None

    @property
    def contact(self) -> str:
        if self._contact is None:
            try:
                self._contact = info(self.api)["contact"]
            except ApiError:
                self._contact = "Bærum kommune, tlf. 67 50 40 50"
        return self._contact

    def say(self, key: str, **values: Any) -> str:
        return say(key, self.language, **values)

    def language_event(self) -> SlotSet:
        return SlotSet("language", self.language)


def _api_failed(dispatcher: CollectingDispatcher, ctx: Context, error: ApiError) -> None:
    """The API's own message for rule errors; an honest 'cannot reach' otherwise."""
    if error.status in (0, 500, 502, 503, 504):
        dispatcher.utter_message(text=ctx.say("api_down", contact=ctx.contact))
    else:
        dispatcher.utter_message(text=error.message)


def _when(slots: Tracker, language: str) -> str:
    day = slots.get_slot("day")
    start, end = slots.get_slot("start"), slots.get_slot("end")
    return describe(date.fromisoformat(day), time.fromisoformat(start) if start else None,
                    time.fromisoformat(end) if end else None, language)


def _building_id(api: BookingApi, name: str | None) -> int | None:
    """A school named loosely ("Jar", "jar skole", "Bærums Verk") to its id."""
    if not name:
        return None
    wanted = name.lower().replace(" skole", "").replace(" skule", "").strip()
    for building in api.buildings():
        if building["name"].lower().startswith(wanted):
            return building["id"]
    return None


def _attendees_in(text: str) -> int | None:
    match = re.search(r"(\d{1,5})\s*(?:personer|person|pers|stk|people|persons|deltakere|"
                      r"deltakarar|deltagere|barn|voksne|kids|children|guests|gjester|stykker)\b",
                      text, re.I) or re.search(r"\b(?:på|for|of|er|blir|vi er)\s+(\d{1,5})\b",
                                               text, re.I)
    return int(match.group(1)) if match else None


# -- replies -----------------------------------------------------------------------------------


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
            _api_failed(dispatcher, ctx, error)
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


# -- questions answered from live data ------------------------------------------------------


def _find_room(ctx: Context, tracker: Tracker) -> dict | None:
    """The room the user asks about: school and room type, else the first of that type."""
    building_id = _building_id(ctx.api, tracker.get_slot("building"))
    rooms = ctx.api.rooms(building_id=building_id, room_type=tracker.get_slot("room_type"))
    if not rooms:
        return None
    return ctx.api.room(rooms[0]["id"])


def _day_spans(windows: list[dict], language: str) -> list[tuple[str, str, bool]]:
    """Windows grouped as ('man–tor', '17:00–21:45', by_agreement)."""
    by_span: dict[tuple[str, str, bool], list[int]] = {}
    for window in windows:
        by_span.setdefault((window["starts"], window["ends"], window["by_agreement"]),
                           []).append(window["weekday"])
    names = WEEKDAY_SPANS.get(language, WEEKDAY_SPANS["nb"])
    spans = []
    for (starts, ends, agreement), days in sorted(by_span.items(), key=lambda i: (i[1][0], i[0])):
        days = sorted(set(days))
        label = names[days[0]] if len(days) == 1 else (
            f"{names[days[0]]}–{names[days[-1]]}" if days == list(range(days[0], days[-1] + 1))
            else ", ".join(names[d] for d in days))
        spans.append((label, f"{starts}–{ends}", agreement))
    return spans


class ActionAnswerHours(Answer):
    action = "action_answer_hours"

    def answer(self, ctx, tracker):
        room = _find_room(ctx, tracker)
        if room is None:
            return [ctx.say("which_room")]
        prices = ctx.api.prices()
        where = f" ({room['name']}, {room['building']['name']})" if tracker.get_slot(
            "building") else ""
        lines = [ctx.say("hours_intro", where=where)]
        supervisor = kroner(prices["price_list"]["supervisor_hourly_ore"], ctx.language)
        for days, span, agreement in _day_spans(room["windows"], ctx.language):
            key = "hours_agreement" if agreement else "hours_regular"
            lines.append(ctx.say(key, days=days, span=span, supervisor=supervisor))
        return ["\n".join(lines)]


class ActionAnswerPrice(Answer):
    action = "action_answer_price"

    def answer(self, ctx, tracker):
        room_type = tracker.get_slot("room_type") or "gymsal"
        prices = ctx.api.prices(room_type=room_type, category=tracker.get_slot("category"))
        rates = prices["rates"]
        what = rates[0]["room_type_label"] if rates else room_type
        lines = [ctx.say("prices_intro", what=what)]
        for rate in sorted(rates, key=lambda r: r["hourly_ore"]):
            cleaning = ctx.say("cleaning", fee=kroner(rate["cleaning_fee_ore"], ctx.language)) \
                if rate["cleaning_fee_ore"] else ""
            category = CATEGORY_NAMES[rate["category"]][ctx.language]
            lines.append(ctx.say("price_line", category=category,
                                 price=kroner(rate["hourly_ore"], ctx.language), cleaning=cleaning))
        lines.append(ctx.say("prices_outro", supervisor=kroner(
            prices["price_list"]["supervisor_hourly_ore"], ctx.language)))
        return ["\n".join(lines)]


class ActionAnswerFacilities(Answer):
    action = "action_answer_facilities"

    def answer(self, ctx, tracker):
        facility = tracker.get_slot("facility")
        if not tracker.get_slot("building") and facility:
            rooms = ctx.api.rooms(facility=facility, room_type=tracker.get_slot("room_type"))
            names = ", ".join(f"{r['name']} ({r['building']['name']})" for r in rooms[:6])
            label = rooms[0]["facility_labels"][rooms[0]["facilities"].index(facility)] \
                if rooms else facility
            return [ctx.say("rooms_with", facility=label, rooms=names or "–")]
        room = _find_room(ctx, tracker) if tracker.get_slot("building") else None
        if room is None:
            return [ctx.say("which_room")]
        values = {"room": room["name"], "building": room["building"]["name"]}
        messages = []
        if facility:
            has = facility in room["facilities"]
            label = dict(zip(room["facilities"], room["facility_labels"], strict=True)).get(
                facility, facility)
            messages.append(ctx.say("room_has_yes" if has else "room_has_no", facility=label,
                                    **values))
        messages.append(ctx.say("room_has", capacity=room["capacity"],
                                facilities=", ".join(room["facility_labels"]) or "–", **values))
        return messages


class ActionAnswerRules(Answer):
    action = "action_answer_rules"

    def answer(self, ctx, tracker):
        room = _find_room(ctx, tracker)
        if room is None:
            return [ctx.say("which_room")]
        return [ctx.say("rules", room=room["name"], building=room["building"]["name"],
                        rules=room["rules"], access=room["access_instructions"])]


class ActionAnswerCancellation(Answer):
    action = "action_answer_cancellation"

    def answer(self, ctx, tracker):
        policy = ctx.api.prices()["price_list"]
        return [ctx.say("cancellation_policy", full=policy["full_refund_hours"],
                        partial=policy["partial_refund_hours"],
                        percent=policy["partial_refund_percent"])]


# -- finding and booking a room ---------------------------------------------------------------


class ValidateBookingForm(FormValidationAction):
    """Fills the booking form from free text: dates and times through our own parser, so
    "nei, heller torsdag" changes the day at any point."""

    def name(self) -> str:
        return "validate_booking_form"

    def _when(self, tracker: Tracker):
        return parse_when(tracker.latest_message.get("text") or "", now_in_oslo())

    async def extract_day(self, dispatcher, tracker, domain) -> dict[str, Any]:
        when = self._when(tracker)
        if when.day is None:
            return {}
        changed = when.day.isoformat() != tracker.get_slot("day")
        # A new day means the room found for the old one must be found again.
        return {"day": when.day.isoformat(), **({"room_id": None} if changed else {})}

    async def extract_start(self, dispatcher, tracker, domain) -> dict[str, Any]:
        when = self._when(tracker)
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
        when = self._when(tracker)
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
            text = ctx.say("understood_when", when=_when(tracker, ctx.language)) + " " + text
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
        when = _when(tracker, ctx.language)
        try:
            offers = ctx.api.availability(
                date=tracker.get_slot("day"), start=tracker.get_slot("start"),
                end=tracker.get_slot("end"), room_type=tracker.get_slot("room_type"),
                facility=tracker.get_slot("facility"), area=tracker.get_slot("area"),
                building_id=_building_id(ctx.api, tracker.get_slot("building")),
                capacity=int(tracker.get_slot("attendees") or 1),
                category=tracker.get_slot("category"))
        except ApiError as error:
            _api_failed(dispatcher, ctx, error)
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
            _api_failed(dispatcher, ctx, error)
            # Find another room or time: back into the form without the room.
            return [ctx.language_event(), SlotSet("room_id", None), FollowupAction("booking_form")]
        requirements = (ctx.say("requires_approval") if offer["requires_approval"] else "") + (
            ctx.say("needs_supervisor") if offer["needs_supervisor"] else "")
        dispatcher.utter_message(
            text=ctx.say("summary", room=offer["room"]["name"],
                         building=offer["room"]["building"]["name"],
                         when=_when(tracker, ctx.language), attendees=body["attendees"],
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
            _api_failed(dispatcher, ctx, error)
        else:
            dispatcher.utter_message(text=ctx.say("not_booked", reason=error.message))
        return [ctx.language_event(), SlotSet("awaiting", None)]
    values = {"id": booking["id"], "room": booking["room"]["name"],
              "building": booking["room"]["building"]["name"],
              "when": _when(tracker, ctx.language)}
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


# -- my bookings -------------------------------------------------------------------------------


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
            _api_failed(dispatcher, ctx, error)
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
            _api_failed(dispatcher, ctx, error)
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
        _api_failed(dispatcher, ctx, error)
        return [ctx.language_event(), SlotSet("awaiting", None), SlotSet("booking_id", None)]
    dispatcher.utter_message(text=ctx.say("cancelled", id=booking_id,
                                          refund=kroner(result["refund_ore"], ctx.language)))
    return [ctx.language_event(), SlotSet("awaiting", None), SlotSet("booking_id", None)]


def keep_booking(dispatcher, tracker, ctx: Context) -> list[EventType]:
    dispatcher.utter_message(text=ctx.say("not_cancelled"))
    return [ctx.language_event(), SlotSet("awaiting", None), SlotSet("booking_id", None)]


# -- yes, no and details: what they answer depends on what was asked -------------------------


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
