"""Staff ask too: a caretaker's "who comes tonight?" and a case officer's approval queue.

Both answer from the same API endpoints the staff pages use, as the signed-in user, so
the platform decides who may see what: the caretakers' day sheet
(``GET /buildings/{id}/day-sheet``) for the buildings ``GET /me`` says the user looks
after, and the case officers' queue of requests (``GET /approval-queue``). Residents
get a plain answer that these are for staff, and nothing of anyone else's bookings.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from rasa_sdk import Tracker

from actions.api_client import ApiError
from actions.context import Context, catalogue, now_in_oslo
from actions.dateparse import describe, parse_when
from actions.replies import Answer
from actions.request import Catalogue, place_in

CARETAKER, CASE_OFFICERS = "caretaker", ("case_officer", "admin")
LISTED = 10  # requests in one answer; the rest are on the queue's page
QUEUE_PAGE = "/saksbehandling/foresporsler"  # the site's approval queue, where they are decided

def named_building(ctx: Context, tracker: Tracker, known: Catalogue) -> int | None:
    """The school the question names: from the model's entities, else a catalogue name
    written in the text ("Jar" in "hvem kommer til Jar i kveld"), tolerant of typos."""
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") in ("building", "area") and isinstance(entity.get("value"), str):
            building = known.building(entity["value"])
            if building is not None:
                return building.id
    # An area named alone ("til Jar") is the school of that name, if there is one.
    place = place_in(tracker.latest_message.get("text") or "", known)
    return known.building_id(place[1]) if place else None


def buildings_to_show(me: dict, named: int | None) -> list[int] | None:
    """Whose day sheets to read: the one named, else every building a caretaker looks
    after; None when a case officer names none (the municipality has dozens)."""
    if named is not None:
        return [named]
    if me.get("role") == CARETAKER:
        return list(me.get("caretaker_of") or [])
    return None


# "Tonight" for a caretaker is everything still to happen after school: from 17:00 to
# closing, not the 18–21 a booking search reads into "i kveld".
EVENING = re.compile(r"\b(i ?kveld|kvelden|tonight|tonite|evening)\b", re.I)
EVENING_FROM = time(17)
FROM_WORDS = {"en": ", from {time}", "nn": " frå kl. {time}", "nb": " fra kl. {time}"}


def asked_span(text: str, start: time | None, end: time | None,
               ) -> tuple[time | None, time | None]:
    """The part of the day a staff question asks about: the evening from 17:00 when it
    says "tonight", the times it names otherwise, or the whole day (None, None)."""
    if EVENING.search(text):
        return EVENING_FROM, None
    return start, end


def visits_in(visits: list[dict], start: time | None, end: time | None) -> list[dict]:
    """The visits that overlap the span asked about (local wall times)."""
    def overlaps(visit: dict) -> bool:
        begins = datetime.fromisoformat(visit["starts_at"]).time()
        ends = datetime.fromisoformat(visit["ends_at"]).time()
        return (start is None or ends > start or ends == time(0)) and (
            end is None or begins < end)
    return [visit for visit in visits if overlaps(visit)]


def visit_line(visit: dict, people: str, cancelled: str) -> str:
    """One visit as the caretaker reads it at the door: when, where, who, how many, the
    contact for the day; a date cancelled that day is marked, so nobody waits for it."""
    start, end = (datetime.fromisoformat(visit[k]) for k in ("starts_at", "ends_at"))
    contact = ", ".join(v for v in (visit.get("contact_name"), visit.get("contact_phone")) if v)
    line = (f"• {start:%H:%M}–{end:%H:%M} {visit['room']}: {visit['who']} "
            f"(«{visit['purpose']}», {people})")
    if contact:
        line += f" – {contact}"
    if visit.get("status") == "cancelled":
        line += f" – {cancelled}"
    return line


def queue_line(entry: dict, language: str, closed: str, own: str) -> str:
    """One request of the queue: its number, room, first date (and how many more), who
    asks and what for; marked when dates fall in a closure or it is the officer's own."""
    booking = entry["booking"]
    occurrences = sorted(booking["occurrences"], key=lambda o: o["starts_at"])
    when = ""
    if occurrences:
        start = datetime.fromisoformat(occurrences[0]["starts_at"])
        end = datetime.fromisoformat(occurrences[0]["ends_at"])
        when = describe(start.date(), start.time(), end.time(), language)
        if len(occurrences) > 1:
            dates = {"en": "dates", "nn": "datoar"}.get(language, "datoer")
            when += f" (+{len(occurrences) - 1} {dates})"
    room = booking["room"]
    number = "No." if language == "en" else "Nr."
    line = (f"• {number} {booking['id']}: {room['name']}, {room['building']['name']}, {when}"
            f" – {entry['requester']['name']} («{booking['purpose']}»)")
    if entry.get("conflicts"):
        line += f" – {closed.format(count=len(entry['conflicts']))}"
    if entry.get("own_request"):
        line += f" – {own}"
    return line


class ActionAnswerVisitors(Answer):
    """"Hvem kommer til Jar skole i kveld?": the day sheet of the buildings the user
    looks after (or the one named), for the day asked (today unless a day is named)."""

    action = "action_answer_visitors"

    def answer(self, ctx, tracker):
        if not ctx.token:
            return [ctx.say("staff_only_visitors")]
        me = ctx.api.me()
        if me.get("role") != CARETAKER and me.get("role") not in CASE_OFFICERS:
            return [ctx.say("staff_only_visitors")]
        known = catalogue(ctx.api)
        text = tracker.latest_message.get("text") or ""
        when = parse_when(text, now_in_oslo())
        day = when.day or now_in_oslo().date()
        span = asked_span(text, when.start, when.end)
        ids = buildings_to_show(me, named_building(ctx, tracker, known))
        if ids is None:
            return [ctx.say("which_building")]
        if not ids:
            return [ctx.say("no_buildings_of_yours")]
        names = {b.id: b.name for b in known.buildings}
        return [self._sheet(ctx, building_id, names.get(building_id, str(building_id)), day,
                            span) for building_id in ids]

    def _sheet(self, ctx: Context, building_id: int, name: str, day: date,
               span: tuple[time | None, time | None]) -> str:
        start, end = span
        if start is not None and end is None:
            when = describe(day, language=ctx.language) + FROM_WORDS.get(
                ctx.language, FROM_WORDS["nb"]).format(time=f"{start:%H:%M}")
        else:
            when = describe(day, start, end, language=ctx.language)
        try:
            visits = visits_in(ctx.api.day_sheet(building_id, day.isoformat()), start, end)
        except ApiError as error:
            if error.status == 403:  # a caretaker asking about someone else's school
                return ctx.say("not_your_building", building=name)
            raise
        if not visits:
            return ctx.say("no_visitors", building=name, when=when)
        cancelled = ctx.say("visit_cancelled")
        lines = [ctx.say("visitors_intro", building=name, when=when)]
        lines += [visit_line(v, ctx.say("n_people", n=v["attendees"]), cancelled)
                  for v in visits]
        lines.append(ctx.say("day_sheet_link", url=f"/vaktmester/{building_id}"))
        return "\n".join(lines)


class ActionAnswerApprovalQueue(Answer):
    """"Hva venter på godkjenning?": the requests waiting for a case officer's decision,
    oldest first as the queue orders them (they have waited longest); deciding stays on
    the queue's page, where the requester's history is shown."""

    action = "action_answer_approval_queue"

    def answer(self, ctx, tracker):
        if not ctx.token:
            return [ctx.say("staff_only_queue")]
        if ctx.api.me().get("role") not in CASE_OFFICERS:
            return [ctx.say("staff_only_queue")]
        queue = ctx.api.approval_queue()
        if not queue["entries"]:
            return [ctx.say("queue_empty")]
        closed, own = ctx.say("queue_closed_dates"), ctx.say("queue_own")
        lines = [ctx.say("queue_intro", count=queue["total"])]
        lines += [queue_line(e, ctx.language, closed, own)
                  for e in queue["entries"][:LISTED]]
        if queue["total"] > LISTED:
            lines.append(ctx.say("queue_more", count=queue["total"] - LISTED))
        lines.append(ctx.say("queue_link", url=QUEUE_PAGE))
        return ["\n".join(lines)]
