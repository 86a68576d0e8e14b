"""What every action shares: the conversation's context and the API's failures.

Each action follows the user's language (``actions.language``) and acts as the
logged-in user through the short-lived chat token that the web app puts in
each message's metadata. Every fact comes from the platform's REST API, through
``actions.api_client``, the only door to it.
"""

from __future__ import annotations

from datetime import date, datetime, time
from time import monotonic
from typing import Any
from zoneinfo import ZoneInfo

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.api_client import ApiError, BookingApi, info
from actions.dateparse import describe
from actions.language import language_for
from actions.request import Catalogue
from actions.texts import TEXTS, say

OSLO = ZoneInfo("Europe/Oslo")


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

    def labels(self, kind: str) -> dict[str, str]:
        """Room types or facilities in the user's words ({} when the API cannot be reached)."""
        try:
            return catalogue(self.api).labels.get(kind, {})
        except ApiError:
            return {}

    def language_event(self) -> SlotSet:
        return SlotSet("language", self.language)


# The API's request fields, as the user would name them (texts.py: field_*), and the
# slot that holds each: a value the API refused is cleared so that it is asked again.
FIELD_SLOTS = {"date": "day", "start": "start", "end": "end", "repeat_weekly_until": "day",
               "attendees": "attendees", "capacity": "attendees", "room_type": "room_type",
               "facility": "facility", "area": "area", "building_id": "building",
               "category": "category", "room_id": "room_id", "purpose": "purpose"}
DOWN = (0, 500, 502, 503, 504)


def refused_slots(error: ApiError) -> list[str]:
    """The slots behind the fields a validation error names; empty for other errors."""
    if error.status not in (400, 422) or not isinstance(error.details, dict):
        return []
    return list(dict.fromkeys(FIELD_SLOTS.get(name, name) for name in error.details))


def api_failed(dispatcher: CollectingDispatcher, ctx: Context, error: ApiError) -> list[str]:
    """Tell the user what went wrong in plain words; return the slots to ask for again.

    The API's field-by-field validation message ("Noen felt er ugyldige.") means nothing
    to a user, so it is never relayed: the assistant names the values it could not use.
    A rule's refusal (the slot is taken, the room too small) is written for users and is
    passed on. When the API cannot be reached the user gets the municipality's contact.
    """
    if error.status in DOWN:
        dispatcher.utter_message(text=ctx.say("api_down", contact=ctx.contact))
        return []
    if error.status == 401:
        dispatcher.utter_message(text=ctx.say(
            "login_needed", url=ctx.metadata.get("login_url") or "/logg-inn"))
        return []
    slots = refused_slots(error)
    if slots or error.status in (400, 422):
        names = [ctx.say(f"field_{slot}") for slot in slots if f"field_{slot}" in TEXTS]
        dispatcher.utter_message(text=ctx.say(
            "could_not_use", what=", ".join(names) or ctx.say("field_request")))
        return slots
    dispatcher.utter_message(text=error.message)
    return []


def when_text(slots: Tracker, language: str) -> str:
    """The request's date and time, as the user reads them; empty before a day is known."""
    day = slots.get_slot("day")
    if not day:
        return ""
    start, end = slots.get_slot("start"), slots.get_slot("end")
    return describe(date.fromisoformat(day), time.fromisoformat(start) if start else None,
                    time.fromisoformat(end) if end else None, language)


# The catalogue changes when the municipality edits a school, not per message: one copy
# per action server for a few minutes saves three API calls on every turn.
CATALOGUE_SECONDS = 300
_catalogue: dict[str, tuple[float, Catalogue]] = {}


def catalogue(api: BookingApi) -> Catalogue:
    """The live catalogue (GET /buildings, /rooms, /prices), cached briefly."""
    key = f"{api.base_url} {api.language}"  # the labels are in the user's language
    cached = _catalogue.get(key)
    if cached and monotonic() - cached[0] < CATALOGUE_SECONDS:
        return cached[1]
    fresh = Catalogue.from_api(api.buildings(), api.rooms(), api.prices())
    _catalogue[key] = (monotonic(), fresh)
    return fresh
