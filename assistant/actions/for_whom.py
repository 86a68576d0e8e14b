"""Who a booking is for: the user privately, or an organisation they may book for.

A member of a youth club books free for the club and at the private rate for a birthday
party, so the summary shows the price of each choice and asks; a reply button, or the
club's name written out, chooses. The API checks the membership again when it books.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from actions.api_client import ApiError
from actions.context import Context
from actions.texts import kroner

PRIVATE = 0  # the reply button's organisation_id for "privately"
MAX_ORGANISATIONS = 4  # buttons enough for a club leader; the site lists them all
BOOKING_ROLES = ("admin", "member")  # viewers see the bookings but may not book
PRIVATE_WORDS = {"privat", "private", "privately", "personleg", "personlig", "meg", "myself",
                 "sjølv", "selv", "me"}
FILLER_WORDS = {"ja", "jo", "yes", "ok", "for", "til", "på", "vegne", "av", "on", "behalf", "of",
                "the", "please", "takk", "gjerne", "bare", "berre", "just"}


@dataclass(frozen=True)
class Choice:
    organisation_id: int  # PRIVATE for the user themself
    name: str
    total_ore: int


def bookable_organisations(ctx: Context) -> list[tuple[int, str]]:
    """The logged-in user's organisations that they may book for (from GET /me)."""
    if not ctx.token:
        return []
    try:
        memberships = ctx.api.me().get("memberships") or []
    except ApiError:
        return []  # then the booking is private, as it was before this module
    return [(m["organisation_id"], m["organisation_name"]) for m in memberships
            if m.get("role") in BOOKING_ROLES][:MAX_ORGANISATIONS]


def priced_choices(ctx: Context, body: dict[str, Any], organisations: list[tuple[int, str]],
                   private_ore: int | None = None) -> list[Choice]:
    """Each organisation with its price for this request, cheapest first, then privately;
    empty when the user books for no organisation."""
    found = []
    for organisation_id, name in organisations:
        try:
            offer = ctx.api.quote(**{"on_conflict": "refuse", **body,
                                     "organisation_id": organisation_id})
        except ApiError:
            continue  # a price the API will not give now is no choice to offer
        found.append(Choice(organisation_id, name, offer["total_ore"]))
    if not found:
        return []
    if private_ore is None:
        try:
            private_ore = ctx.api.quote(**{"on_conflict": "refuse", **body})["total_ore"]
        except ApiError:
            return []  # taken since the summary, say: booking says why
    found.sort(key=lambda choice: choice.total_ore)
    return [*found, Choice(PRIVATE, "", private_ore)]


def prices_text(choices: list[Choice], ctx: Context) -> str:
    """"gratis for Jar IL, 450,00 kr privat"."""
    return ", ".join(
        ctx.say("price_for", price=kroner(c.total_ore, ctx.language), organisation=c.name)
        if c.organisation_id else
        ctx.say("price_private", price=kroner(c.total_ore, ctx.language)) for c in choices)


def choice_buttons(choices: list[Choice], ctx: Context) -> list[dict[str, str]]:
    return [{"title": ctx.say("yes_for", organisation=c.name) if c.organisation_id
             else ctx.say("yes_private"),
             "payload": f'/affirm{{"organisation_id": {c.organisation_id}}}'} for c in choices]


def _words(text: str) -> list[str]:
    return re.findall(r"[\wæøå]+", text.lower())


def named_in(text: str, organisations: list[tuple[int, str]]) -> int | None:
    """The organisation (or PRIVATE) a message names: "ja, for Jar IL", "for speidergruppa",
    "privat". None when it names none, or more than one."""
    words = [w for w in _words(text) if w not in FILLER_WORDS]
    if not words:
        return None
    if set(words) & PRIVATE_WORDS:
        return PRIVATE
    matches = []
    for organisation_id, name in organisations:
        name_words = _words(name)
        # Every word written is (the start of) a word of the name, so that "speidergruppa"
        # and "kammerkoret" find theirs; short words must match whole ("il").
        if all(any(n == w or (len(w) >= 4 and (n.startswith(w[:-2]) or w.startswith(n)))
                   for n in name_words) for w in words):
            matches.append(organisation_id)
    return matches[0] if len(matches) == 1 else None


def chosen(tracker, organisations: list[tuple[int, str]], text: str) -> int | None:
    """The reply button's organisation_id, else the one the message names."""
    entity = next(tracker.get_latest_entity_values("organisation_id"), None)
    if entity is not None:
        try:
            return int(entity)
        except (TypeError, ValueError):
            pass
    return named_in(text, organisations)


def names_a_choice(tracker, ctx: Context) -> bool:
    """At the summary, "for Jar IL" or "privat" is a "ja" for that choice, whatever the
    model read it as (a search, a detail, not understood): its action hands over to
    action_affirm."""
    return tracker.get_slot("awaiting") == "booking_confirmation" and bool(ctx.token) and \
        named_in(tracker.latest_message.get("text") or "", bookable_organisations(ctx)) is not None
