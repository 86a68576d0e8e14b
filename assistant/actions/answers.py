"""Questions answered from live data: hours, prices, facilities, rules, cancellation."""

from __future__ import annotations

from rasa_sdk import Tracker

from actions.context import Context, catalogue
from actions.replies import Answer
from actions.request import FILTER_FIELDS, read_entities
from actions.texts import CATEGORY_NAMES, WEEKDAY_SPANS, kroner


def _asked(ctx: Context, tracker: Tracker) -> dict[str, str]:
    """What the question names, checked against the live catalogue. Only in the middle of
    a booking do the booking's own values fill in what it leaves out ("hva koster det?");
    values from earlier questions never do."""
    asked = read_entities(tracker.latest_message.get("entities") or [], catalogue(ctx.api),
                          tracker.latest_message.get("text") or "").values
    if tracker.active_loop.get("name") == "booking_form" or tracker.get_slot("awaiting"):
        for name in FILTER_FIELDS:
            if tracker.get_slot(name) is not None:
                asked.setdefault(name, tracker.get_slot(name))
    return asked


def _find_room(ctx: Context, asked: dict[str, str]) -> dict | None:
    """The room the user asks about: school and room type, else the first of that type."""
    building_id = catalogue(ctx.api).building_id(asked.get("building"))
    rooms = ctx.api.rooms(building_id=building_id, room_type=asked.get("room_type"))
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
        asked = _asked(ctx, tracker)
        room = _find_room(ctx, asked)
        if room is None:
            return [ctx.say("which_room")]
        prices = ctx.api.prices()
        where = f" ({room['name']}, {room['building']['name']})" if asked.get("building") else ""
        lines = [ctx.say("hours_intro", where=where)]
        supervisor = kroner(prices["price_list"]["supervisor_hourly_ore"], ctx.language)
        for days, span, agreement in _day_spans(room["windows"], ctx.language):
            key = "hours_agreement" if agreement else "hours_regular"
            lines.append(ctx.say(key, days=days, span=span, supervisor=supervisor))
        return ["\n".join(lines)]


class ActionAnswerPrice(Answer):
    action = "action_answer_price"

    def answer(self, ctx, tracker):
        asked = _asked(ctx, tracker)
        room_type = asked.get("room_type") or "gymsal"
        prices = ctx.api.prices(room_type=room_type, category=asked.get("category"))
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
        asked = _asked(ctx, tracker)
        facility = asked.get("facility")
        if not asked.get("building") and facility:
            rooms = ctx.api.rooms(facility=facility, room_type=asked.get("room_type"))
            names = ", ".join(f"{r['name']} ({r['building']['name']})" for r in rooms[:6])
            label = rooms[0]["facility_labels"][rooms[0]["facilities"].index(facility)] \
                if rooms else facility
            return [ctx.say("rooms_with", facility=label, rooms=names or "–")]
        room = _find_room(ctx, asked) if asked.get("building") else None
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
        asked = _asked(ctx, tracker)
        room = _find_room(ctx, asked)
        if room is None:
            return [ctx.say("which_room")]
        if not asked.get("building"):
            # A school only when the user named one: the rules of a room of the kind asked
            # (any room when none was), said as that kind's, not as some school's.
            what = ctx.labels("room_type").get(asked.get("room_type") or "", "")
            what = what[:1].lower() + what[1:] if what else ctx.say("rooms_in_general")
            return [ctx.say("rules_general", what=what,
                            rules=room["rules"], access=room["access_instructions"])]
        return [ctx.say("rules", room=room["name"], building=room["building"]["name"],
                        rules=room["rules"], access=room["access_instructions"])]


class ActionAnswerCancellation(Answer):
    action = "action_answer_cancellation"

    def answer(self, ctx, tracker):
        policy = ctx.api.prices()["price_list"]
        return [ctx.say("cancellation_policy", full=policy["full_refund_hours"],
                        partial=policy["partial_refund_hours"],
                        percent=policy["partial_refund_percent"])]
