"""The summary and the booking: the price from the API, "ja" books, "nei" changes.

After the form, ``ActionBookingSummary`` quotes the price; then a "ja" books
(``create_booking``) and a "nei" or a detail changes the request
(``apply_correction``), see ``actions.yes_no``. "avbryt" stops at any point.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet

from actions import for_whom
from actions.api_client import ApiError
from actions.context import Context, api_failed, when_text
from actions.dateparse import WEEKDAY_NAMES, describe
from actions.new_request import BOOKING_SLOTS, filters_said, message_text, time_values
from actions.request import FILTER_FIELDS, count_in
from actions.texts import CATEGORY_NAMES, TEXTS, kroner


def _booking_body(tracker: Tracker) -> dict[str, Any]:
    """The request as the API takes it; a weekly one books the dates it can and records the
    others as skipped, with the reason, which the summary has shown."""
    body = {"room_id": int(tracker.get_slot("room_id")), "date": tracker.get_slot("day"),
            "start": tracker.get_slot("start"), "end": tracker.get_slot("end"),
            "attendees": int(tracker.get_slot("attendees") or 1),
            "purpose": tracker.get_slot("purpose") or "-"}
    if tracker.get_slot("repeat_until"):
        body |= {"repeat_weekly_until": tracker.get_slot("repeat_until"), "on_conflict": "skip"}
    return body


def _when(tracker: Tracker, ctx: Context, dates: int | None = None) -> str:
    """"tirsdag 8. desember 2026 kl. 18:00–20:00", or for a weekly booking "hver tirsdag
    kl. 18:00–20:00 fra 8. desember 2026 til 20. juni 2027 (24 datoer)"."""
    until = tracker.get_slot("repeat_until")
    if not until:
        return when_text(tracker, ctx.language)
    first = date.fromisoformat(tracker.get_slot("day"))
    weekday = WEEKDAY_NAMES.get(ctx.language, WEEKDAY_NAMES["nb"])[first.weekday()]
    return ctx.say("weekly_when", weekday=weekday, start=tracker.get_slot("start"),
                   end=tracker.get_slot("end"), first=describe(first, language=ctx.language),
                   last=describe(date.fromisoformat(until), language=ctx.language),
                   dates=dates if dates is not None else "?")


def _skipped(offer: dict, ctx: Context) -> str:
    """" 3 datoer hoppes over: 22. desember 2026 (juleferie), …" (at most five named)."""
    skipped = offer.get("skipped") or []
    if not skipped:
        return ""
    named = []
    for s in skipped[:5]:
        code = f"skip_{s.get('reason_code')}"
        reason = s.get("reason") or (ctx.say(code) if code in TEXTS else "")
        named.append(describe(date.fromisoformat(s["date"]), language=ctx.language)
                     + (f" ({reason})" if reason else ""))
    more = len(skipped) - len(named)
    return ctx.say("skipped_dates", count=len(skipped), dates=", ".join(named)
                   + (f" (+{more})" if more else ""))


class ActionBookingSummary(Action):
    """The price and the conditions from the API, then: shall I book?"""

    def name(self) -> str:
        return "action_booking_summary"

    def run(self, dispatcher, tracker, domain):
        ctx = Context(tracker)
        if tracker.get_slot("room_id") is None:
            return [ctx.language_event(), FollowupAction("booking_form")]
        body = _booking_body(tracker)
        try:
            offer = ctx.api.quote(**{"on_conflict": "refuse", **body})
        except ApiError as error:
            refused = api_failed(dispatcher, ctx, error)
            # Find another room or time: back into the form without the room (and without
            # any value the API could not use, so that the form asks for it).
            return [ctx.language_event(), SlotSet("room_id", None),
                    *[SlotSet(slot, None) for slot in refused if slot != "room_id"],
                    FollowupAction("booking_form")]
        requirements = (ctx.say("requires_approval") if offer["requires_approval"] else "") + (
            ctx.say("needs_supervisor") if offer["needs_supervisor"] else "") + _skipped(offer, ctx)
        choices = for_whom.priced_choices(ctx, body, for_whom.bookable_organisations(ctx),
                                          offer["total_ore"])
        asked_category = tracker.get_slot("category")
        if not choices and asked_category in CATEGORY_NAMES and \
                asked_category != offer.get("customer_category"):
            # The list of rooms was priced for "barn og unge"; a private booking is not.
            requirements += ctx.say("category_needs_organisation",
                                    category=CATEGORY_NAMES[asked_category][ctx.language])
        dispatcher.utter_message(
            text=ctx.say("summary", room=offer["room"]["name"],
                         building=offer["room"]["building"]["name"],
                         when=_when(tracker, ctx, offer.get("occurrences")),
                         attendees=body["attendees"], purpose=body["purpose"],
                         price=for_whom.prices_text(choices, ctx) if choices
                         else kroner(offer["total_ore"], ctx.language),
                         requirements=requirements,
                         question=ctx.say("book_for_whom" if choices else "shall_i_book")),
            buttons=[*(for_whom.choice_buttons(choices, ctx) if choices else
                       [{"title": ctx.say("yes"), "payload": "/affirm"}]),
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
    organisations = for_whom.bookable_organisations(ctx)
    organisation_id = for_whom.chosen(tracker, organisations, message_text(tracker))
    choices = for_whom.priced_choices(ctx, body, organisations) \
        if organisation_id is None and organisations else []
    if choices:
        # A plain "ja" from a member: privately, or for which of their organisations?
        dispatcher.utter_message(
            text=ctx.say("which_for_whom", prices=for_whom.prices_text(choices, ctx)),
            buttons=for_whom.choice_buttons(choices, ctx))
        return [ctx.language_event()]
    if organisation_id:
        body["organisation_id"] = organisation_id
    # One key per summary: a repeated "ja" cannot book twice, while a new summary (after
    # a change, or to book again later) is a new request.
    key = f"{tracker.sender_id}-{tracker.get_slot('request_key')}"
    try:
        booking = ctx.api.create_booking(idempotency_key=key, **body)
    except ApiError as error:
        if error.status == 409:
            # Taken since the summary: say so and offer the rooms that are still free.
            dispatcher.utter_message(text=ctx.say("not_booked", reason=error.message))
            return [ctx.language_event(), SlotSet("awaiting", None), SlotSet("room_id", None),
                    FollowupAction("booking_form")]
        refused = api_failed(dispatcher, ctx, error)
        if refused:
            return [ctx.language_event(), SlotSet("awaiting", None), SlotSet("room_id", None),
                    *[SlotSet(slot, None) for slot in refused], FollowupAction("booking_form")]
        # Down, or logged out, or a rule: the summary stays, so "ja" can try again and a
        # change ("heller torsdag") goes on from it.
        return [ctx.language_event()]
    dates = sum(o["status"] == "scheduled" for o in booking["occurrences"])
    values = {"id": booking["id"], "room": booking["room"]["name"],
              "building": booking["room"]["building"]["name"],
              "when": _when(tracker, ctx, dates)}
    key = {"confirmed": "booked", "pending_payment": "reserved_to_pay"}.get(booking["status"],
                                                                           "requested")
    if booking["status"] == "pending_payment":  # paid by card on the site, within the hold
        values.update(amount=kroner(booking["amount_due_ore"], ctx.language),
                      time=booking["pay_by"][11:16], url=booking["payment_url"])
    organisation = (booking.get("organisation") or {}).get("name")
    dispatcher.utter_message(text=ctx.say(key, **values) + (
        ctx.say("booked_for", organisation=organisation) if organisation else ""))
    return [ctx.language_event(), *[SlotSet(slot, None) for slot in BOOKING_SLOTS],
            *[SlotSet(slot, None) for slot in FILTER_FIELDS]]


def apply_correction(dispatcher, tracker, ctx: Context) -> list[EventType]:
    """After the summary: "nei" asks what to change; "nei, heller torsdag", "vi blir 30",
    "til 21" or "heller Hosle" change the request and go back into the form, which finds
    a room again. Until something is changed, the summary is what "ja" answers."""
    if (tracker.latest_message.get("intent") or {}).get("name") != "deny" and \
            for_whom.names_a_choice(tracker, ctx):
        return [ctx.language_event(), FollowupAction("action_affirm")]
    text = message_text(tracker)
    values = {**time_values(text, None), **filters_said(ctx, tracker, dispatcher)}
    count = count_in(text)
    if count:
        values["attendees"] = float(count)
    if "start" in values:
        values.setdefault("end", None)
    changes = [SlotSet(name, value) for name, value in values.items()
               if value != tracker.get_slot(name)]
    if not changes:
        if tracker.get_slot("awaiting") == "booking_change" and \
                (tracker.latest_message.get("intent") or {}).get("name") == "deny":
            # "nei" to "Vil du endre noe?": then nothing is booked.
            return stop_booking(dispatcher, tracker, ctx)
        dispatcher.utter_message(text=ctx.say("what_to_change"))
        return [ctx.language_event(), SlotSet("awaiting", "booking_change")]
    return [ctx.language_event(), SlotSet("awaiting", None), *changes, SlotSet("room_id", None),
            FollowupAction("booking_form")]


def stop_booking(dispatcher, tracker, ctx: Context) -> list[EventType]:
    dispatcher.utter_message(text=ctx.say("stopped"))
    return [ctx.language_event(), *[SlotSet(slot, None) for slot in BOOKING_SLOTS],
            *[SlotSet(slot, None) for slot in FILTER_FIELDS]]


class ActionStopBooking(Action):
    """"avbryt", "stopp", "start på nytt": whatever was under way ends, and says so once."""

    def name(self) -> str:
        return "action_stop_booking"

    def run(self, dispatcher, tracker, domain):
        ctx = Context(tracker)
        under_way = tracker.active_loop.get("name") or tracker.get_slot("awaiting") or any(
            tracker.get_slot(slot) for slot in BOOKING_SLOTS)
        # "avbryt" to "Vil du avbestille nr. 12?" keeps the booking, and says so.
        cancelling = tracker.get_slot("awaiting") in ("cancel_confirmation", "cancel_dates",
                                                      "release_confirmation")
        key = "not_cancelled" if cancelling else (
            "stopped" if under_way else "nothing_to_stop")
        dispatcher.utter_message(text=ctx.say(key))
        return [ctx.language_event(), ActiveLoop(None), SlotSet("requested_slot", None),
                *[SlotSet(slot, None) for slot in BOOKING_SLOTS],
                *[SlotSet(slot, None) for slot in FILTER_FIELDS], SlotSet("booking_id", None),
                SlotSet("occurrence_id", None)]
