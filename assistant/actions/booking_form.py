"""The booking form: its questions, how free text fills it, and the search for rooms.

The form (domain.yml: booking_form) asks for what is missing; ``ValidateBookingForm``
fills the slots from free text, reading each answer by what was asked. Its question
for the room is the search (``AskRoom``). A message that answers nothing gets the open
question again, never silence or a loop. The request itself starts in
``actions.new_request``; the summary and the booking are in ``actions.booking``.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from datetime import date, time
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.api_client import ApiError
from actions.context import Context, api_failed, catalogue, now_in_oslo, when_text
from actions.dateparse import parse_when
from actions.new_request import (
    WHY,
    describe_values,
    end_turn,
    filters_said,
    message_text,
    time_values,
)
from actions.request import (
    FILTER_FIELDS,
    REQUEST_FIELDS,
    bare_number,
    continues,
    count_in,
    without_count,
)
from actions.texts import kroner

ORDINALS = {"første": 0, "forste": 0, "fyrste": 0, "first": 0, "1st": 0, "1": 0,
            "andre": 1, "second": 1, "2nd": 1, "2": 1,
            "tredje": 2, "third": 2, "3rd": 2, "3": 2,
            "siste": -1, "sist": -1, "last": -1}
# Number words are also other words ("to" in "I want to take the third"): they pick a
# room only in a short answer ("nummer to", "den tre"), and after the ordinals.
NUMBER_WORDS = {"en": 0, "ett": 0, "eitt": 0, "one": 0, "to": 1, "two": 1, "tre": 2,
                "three": 2}
# Questions and small talk in the middle of the form are answered by their own rules;
# nothing in them is part of the request ("hva koster aulaen?" is not a change of room).
NOT_FOR_THE_FORM = {"ask_hours", "ask_price", "ask_facilities", "ask_rules", "ask_cancellation",
                    "ask_payment", "ask_register_org", "out_of_scope", "nlu_fallback", "greet",
                    "goodbye", "thank", "help", "human", "stop", "my_bookings",
                    "cancel_booking"}
# Questions need more than one word: a lone word where a purpose is asked is the purpose.
QUESTION_INTENTS = {"ask_hours", "ask_price", "ask_facilities", "ask_rules", "ask_cancellation",
                    "ask_payment", "ask_register_org"}
# The form's questions, by the slot they fill.
QUESTIONS = {"day": "ask_day", "start": "ask_time", "end": "ask_end",
             "attendees": "ask_attendees", "room_id": "choose_room", "purpose": "ask_purpose"}


def chosen(text: str, candidates: list) -> Any:
    """The room an answer to "which of these?" picks by its place in the list ("den
    andre", "nr 1", "the 2nd one", "the last one"), or None."""
    words = re.findall(r"\w+", text.lower())
    for places in (ORDINALS, NUMBER_WORDS if len(words) <= 3 else {}):
        for word in words:
            if word in places and places[word] < len(candidates) and candidates:
                return candidates[places[word]]
    return None


VOWELS = set("aeiouyæøåéèêàáóòôü")
# Letters in keyboard order: "qwerty" has vowels enough, but four or more keys in a row
# along one row, either way, are a keyboard run, not a purpose.
KEY_ROWS = ("qwertyuiopå", "asdfghjkløæ", "zxcvbnm")


def _keyboard_run(word: str) -> bool:
    return len(word) >= 4 and any(word in row or word in row[::-1] for row in KEY_ROWS)


def could_be_a_purpose(text: str) -> bool:
    """A few words ("Cooking class"), or one that reads as a word ("Strikkekafé", "dans"),
    not a keyboard run ("asdfgh": too few vowels; "qwerty": keys in a row) or a lone mark."""
    words = re.findall(r"[^\W\d_]{2,}", text.lower())
    if len(words) >= 2:
        return True
    return bool(words) and len(words[0]) >= 3 and not _keyboard_run(words[0]) and \
        sum(c in VOWELS for c in words[0]) / len(words[0]) >= 0.25


# A yes or a no is short and known: "ja", "nei", "nope". A lone unknown word the model
# reads as one with little confidence is more likely the purpose asked for.
YES_NO_WORDS = {"ja", "jo", "jepp", "jada", "japp", "ok", "okei", "greit", "nei", "nope", "neida",
                "niks", "yes", "yeah", "yep", "sure", "no", "nah"}


def reads_as_purpose(tracker: Tracker, intent: str | None) -> bool:
    """Whether the answer to "what for?" is the purpose although the model read it as
    something else: not understood, or one word taken for a question, a yes or a no."""
    text = message_text(tracker)
    if not could_be_a_purpose(text) or WHY.search(text):
        return False
    if intent in ("nlu_fallback", "out_of_scope"):
        return True
    one_word = len(text.split()) == 1 and not text.rstrip().endswith("?")
    if intent in QUESTION_INTENTS:
        return one_word
    confidence = (tracker.latest_message.get("intent") or {}).get("confidence") or 0.0
    return intent in ("affirm", "deny") and one_word and confidence < 0.8 and \
        text.strip(" .!").lower() not in YES_NO_WORDS


class ValidateBookingForm(FormValidationAction):
    """Fills the booking form from free text: dates and times through our own parser, so
    "nei, heller torsdag" changes the day at any point; each answer read by what was asked."""

    def name(self) -> str:
        return "validate_booking_form"

    async def run(self, dispatcher, tracker, domain):
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        requested = tracker.get_slot("requested_slot")
        if requested == "purpose" and reads_as_purpose(tracker, intent):
            # The model knows no purposes: "Cooking class" or "Strikkekafé" comes back as not
            # understood, or one word of it as a question or even a "no" ("Strikkekafé" as
            # deny). It is taken as written; the summary shows it, and "nei, ..." changes it.
            intent = "inform"
        if intent in NOT_FOR_THE_FORM or (requested and self._new_request(tracker, intent)):
            # Nothing for this form: returning no slot lets the form step aside, so the
            # message's own rule answers it (a question, or a new request from scratch).
            return []
        if requested == "purpose" and not self._correcting(tracker):
            # The answer to "what for?" is the purpose, whatever places or numbers it names
            # ("Bursdagsfest for 10-åring", "korøvelse som på Jar").
            return await super().run(dispatcher, tracker, domain)
        ctx = Context(tracker)
        before = {name: tracker.get_slot(name) for name in REQUEST_FIELDS}
        # At the form's start the same message was read by start_request, which told the
        # user about unknown places already.
        said = filters_said(ctx, tracker, dispatcher if requested else None)
        changes = [SlotSet(name, value) for name, value in said.items()
                   if value != tracker.get_slot(name)]
        if changes:
            changes.append(SlotSet("room_id", None))  # a room for the old filters
        tracker.add_slots(changes)
        events = [*changes, *await super().run(dispatcher, tracker, domain)]
        if requested and continues(message_text(tracker)):
            # "og på fredag?" in the middle: say what stays as it was.
            kept = [name for name, value in before.items()
                    if value is not None and tracker.get_slot(name) == value]
            changed = any(tracker.get_slot(name) != value for name, value in before.items())
            if kept and changed:
                dispatcher.utter_message(text=ctx.say("as_before", values=describe_values(
                    before, kept, ctx)))
        return events

    @staticmethod
    def _new_request(tracker: Tracker, intent: str | None) -> bool:
        """A fresh request in the middle of the form: one that gives a day and a time of its
        own ("trenger gymsal 17.12 18-20"), and does not say it goes on from this one. The
        model's intent alone is not enough: "Cooking class" as a purpose reads as a search."""
        text = message_text(tracker)
        if intent != "find_room" or continues(text) or text.startswith("/"):
            return False
        when = parse_when(without_count(text), now_in_oslo())
        return when.day is not None and when.start is not None

    @staticmethod
    def _correcting(tracker: Tracker) -> bool:
        text = message_text(tracker)
        return bool(re.match(r"^\W*(?:nei|nope|no)\b", text, re.I)) or continues(text)

    def _time_values(self, tracker: Tracker) -> dict[str, Any]:
        requested = tracker.get_slot("requested_slot")
        if requested == "purpose" and not self._correcting(tracker):
            return {}
        return time_values(message_text(tracker), requested)

    async def extract_day(self, dispatcher, tracker, domain) -> dict[str, Any]:
        day = self._time_values(tracker).get("day")
        if day is None:
            return {}
        # A new day means the room found for the old one must be found again.
        return {"day": day, **({"room_id": None} if day != tracker.get_slot("day") else {})}

    async def extract_start(self, dispatcher, tracker, domain) -> dict[str, Any]:
        values = self._time_values(tracker)
        if "start" not in values:
            return {}
        found: dict[str, Any] = {"start": values["start"], "end": values.get("end")}
        if found["start"] != tracker.get_slot("start") or found["end"] != tracker.get_slot("end"):
            found["room_id"] = None
        return found

    async def extract_end(self, dispatcher, tracker, domain) -> dict[str, Any]:
        values = self._time_values(tracker)
        if "end" not in values or "start" in values:
            return {}
        return {"end": values["end"], "room_id": None}

    async def extract_attendees(self, dispatcher, tracker, domain) -> dict[str, Any]:
        text = message_text(tracker)
        requested = tracker.get_slot("requested_slot")
        # Only an explicit count sets the number ("for 15 personer", "vi er 40"), or a bare
        # number given when the number was asked for.
        number = count_in(text) if requested != "purpose" or self._correcting(tracker) else None
        if number is None and requested == "attendees":
            number = bare_number(text)
        if not number:
            return {}
        changed = float(number) != tracker.get_slot("attendees")
        return {"attendees": float(number), **({"room_id": None} if changed else {})}

    async def extract_room_id(self, dispatcher, tracker, domain) -> dict[str, Any]:
        entity = next(tracker.get_latest_entity_values("room_id"), None)
        if entity is not None:
            return {"room_id": float(entity)}
        candidates = tracker.get_slot("candidates") or []
        if tracker.get_slot("requested_slot") != "room_id" or not candidates:
            return {}
        room_id = chosen(message_text(tracker), candidates)
        return {} if room_id is None else {"room_id": float(room_id)}

    async def extract_purpose(self, dispatcher, tracker, domain) -> dict[str, Any]:
        if tracker.get_slot("requested_slot") != "purpose" or self._correcting(tracker):
            return {}
        text = message_text(tracker).strip()
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if (intent in ("affirm", "deny") and not reads_as_purpose(tracker, intent)) \
                or text.endswith("?") or WHY.search(text):
            return {}  # "ja" and "hvorfor er ingenting ledig?" are no purposes
        # Something to write in the booking, whatever the model made of it.
        if not text or text.startswith("/") or not could_be_a_purpose(text):
            return {}  # a button, a lone "?" or "...", a keyboard run ("asdfgh")
        return {"purpose": text[:300]}

    async def validate_day(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        if value and date.fromisoformat(value) < now_in_oslo().date():
            ctx = Context(tracker)
            dispatcher.utter_message(text=ctx.say("past_day"))
            return {"day": None}
        return {"day": value}

    async def validate_end(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        start = tracker.get_slot("start")
        if value and start and time.fromisoformat(value) <= time.fromisoformat(start):
            ctx = Context(tracker)
            dispatcher.utter_message(text=ctx.say("end_before_start", start=start))
            return {"end": None}
        return {"end": value}


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
        if self.echo and tracker.get_slot("day"):
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


def form_is_asking(tracker: Tracker) -> bool:
    return tracker.active_loop.get("name") == "booking_form" and bool(
        tracker.get_slot("requested_slot"))


def repeat_question(dispatcher: CollectingDispatcher, tracker: Tracker,
                    ctx: Context) -> list[EventType]:
    """The form's current question again, after a message that did not answer it, with the
    way out; so no message leaves the user without knowing what is asked. Ends the turn."""
    slot = tracker.get_slot("requested_slot")
    dispatcher.utter_message(text=ctx.say("still_asking", question=ctx.say(QUESTIONS[slot])))
    return end_turn(tracker)


def ask_again(dispatcher: CollectingDispatcher, tracker: Tracker, ctx: Context,
              slot: str) -> list[EventType]:
    """Ask the form's question for ``slot`` and make it the one the next message answers."""
    dispatcher.utter_message(text=ctx.say(QUESTIONS[slot]))
    return [SlotSet("requested_slot", slot)]


def _search(ctx: Context, tracker: Tracker, left_out: set[str]) -> list[dict]:
    values = {name: tracker.get_slot(name) for name in FILTER_FIELDS if name not in left_out}
    return ctx.api.availability(
        date=tracker.get_slot("day"), start=tracker.get_slot("start"),
        end=tracker.get_slot("end"), room_type=values.get("room_type"),
        facility=values.get("facility"), area=values.get("area"),
        building_id=catalogue(ctx.api).building_id(values.get("building")),
        capacity=int(tracker.get_slot("attendees") or 1), category=values.get("category"))


def _snapshot(tracker: Tracker, found: int) -> SlotSet:
    """The request as searched, for a later "og på fredag?"; with how many rooms it found."""
    return SlotSet("last_request", {**{name: tracker.get_slot(name) for name in REQUEST_FIELDS},
                                    "found": found})


def _offers(dispatcher: CollectingDispatcher, tracker: Tracker,
            ctx: Context) -> tuple[list[dict] | None, list[EventType]]:
    """The free rooms (None when the API failed), and the events for what it refused."""
    try:
        return _search(ctx, tracker, set()), []
    except ApiError as error:
        refused = api_failed(dispatcher, ctx, error)
    cleared: list[EventType] = [SlotSet(slot, None) for slot in refused]
    if refused and set(refused) <= set(FILTER_FIELDS):
        # Only filters were refused, and the user told which: search without them.
        try:
            return _search(ctx, tracker, set(refused)), cleared
        except ApiError as error:
            api_failed(dispatcher, ctx, error)
            return None, cleared
    if refused:
        # The day, time or number could not be used: ask for the first of them again.
        slot = next((s for s in QUESTIONS if s in refused), "day")
        return None, [*cleared, *ask_again(dispatcher, tracker, ctx, slot)]
    return None, []  # down: the user was told; the next message tries again


class AskRoom(Action):
    """Search the free rooms for what we know and offer the best few as buttons."""

    def name(self) -> str:
        return "action_ask_room_id"

    def run(self, dispatcher, tracker, domain):
        ctx = Context(tracker)
        events: list[EventType] = [ctx.language_event()]
        missing = next((s for s in ("day", "start", "end") if not tracker.get_slot(s)), None)
        if missing:
            return [*events, *ask_again(dispatcher, tracker, ctx, missing)]
        offers, asked = _offers(dispatcher, tracker, ctx)
        if offers is None:
            return [*events, *asked]
        events += asked
        when = when_text(tracker, ctx.language)
        if not offers:
            # Keep the request: the next message changes the day, time or school, and the
            # form searches again.
            dispatcher.utter_message(text=ctx.say("no_rooms", when=when))
            return [*events, _snapshot(tracker, 0), SlotSet("requested_slot", "day")]
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
        return [*events, _snapshot(tracker, len(offers)),
                SlotSet("candidates", [o["room"]["id"] for o in best])]
