"""What every action shares: the conversation's context and the API's failures.

Each action follows the user's language (``actions.language``) and acts as the
logged-in user through the short-lived chat token that the web app puts in
each message's metadata. Every fact comes from the platform's REST API, through
``actions.api_client``, the only door to it.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.api_client import ApiError, BookingApi, info
from actions.dateparse import describe
from actions.language import language_for
from actions.texts import say

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

    def language_event(self) -> SlotSet:
        return SlotSet("language", self.language)


def api_failed(dispatcher: CollectingDispatcher, ctx: Context, error: ApiError) -> None:
    """The API's own message for rule errors; an honest 'cannot reach' otherwise."""
    if error.status in (0, 500, 502, 503, 504):
        dispatcher.utter_message(text=ctx.say("api_down", contact=ctx.contact))
    else:
        dispatcher.utter_message(text=error.message)


def when_text(slots: Tracker, language: str) -> str:
    day = slots.get_slot("day")
    start, end = slots.get_slot("start"), slots.get_slot("end")
    return describe(date.fromisoformat(day), time.fromisoformat(start) if start else None,
                    time.fromisoformat(end) if end else None, language)


def find_building_id(api: BookingApi, name: str | None) -> int | None:
    """A school named loosely ("Jar", "jar skole", "Bærums Verk") to its id."""
    if not name:
        return None
    wanted = name.lower().replace(" skole", "").replace(" skule", "").strip()
    for building in api.buildings():
        if building["name"].lower().startswith(wanted):
            return building["id"]
    return None
