"""The audit log as case officers read it: the catalogue's audit entries and every
booking state change (``StatusChange``), merged newest first, filtered by kind and by
period, paged.

The two tables stay apart (a status change is written by the booking code in the
same transaction as the change itself); merging happens on reading. A page ``n`` of
size ``s`` needs at most the newest ``n * s`` rows of each table, so each query is
bounded by a LIMIT and reads only (when, id) from the index on ``at``; the merge is a
plain sort of those, and only the page's lines are loaded. Pages are capped so that a
deep page cannot make the database read the whole history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from flask_babel import gettext as _
from sqlalchemy import Select, select

from booking.accounts.models import User
from booking.core.audit import AuditEntry
from booking.core.db import db
from booking.core.errors import Forbidden, InvalidInput
from booking.core.timeutil import local_day_span
from booking.facilities.models import Room
from booking.reservations.models import Booking, StatusChange

Kind = Literal["catalogue", "bookings"]
KINDS: tuple[Kind, ...] = ("catalogue", "bookings")
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 100
MAX_PAGE = 200


@dataclass(frozen=True)
class LogLine:
    """One line of the log, whichever table it came from."""

    kind: Kind
    at: datetime
    actor_id: int | None
    actor_name: str | None
    action: str
    subject_type: str
    subject_id: int | None
    summary: str
    changes: dict[str, list[Any]] = field(default_factory=dict)
    booking_id: int | None = None
    room_id: int | None = None
    from_status: str | None = None
    to_status: str | None = None
    reason: str = ""


@dataclass(frozen=True)
class LogPage:
    lines: list[LogLine]
    page: int
    size: int
    has_next: bool


def check_query(kind: str | None, first: date | None, last: date | None, page: int,
                size: int) -> dict[str, str]:
    """What is wrong with a query, field by field (empty when nothing is)."""
    errors: dict[str, str] = {}
    if kind not in (None, "", *KINDS):
        errors["kind"] = _("Choose catalogue changes, booking changes or both.")
    if first and last and last < first:
        errors["to"] = _("The last day must not be before the first.")
    if not 1 <= page <= MAX_PAGE:
        errors["page"] = _("Pages go from 1 to %(max)s; narrow the period to look further back.",
                           max=MAX_PAGE)
    if not 1 <= size <= MAX_PAGE_SIZE:
        errors["size"] = _("Show from 1 to %(max)s lines a page.", max=MAX_PAGE_SIZE)
    return errors


def read_log(viewer: User, *, kind: str | None = None, first: date | None = None,
             last: date | None = None, page: int = 1,
             size: int = DEFAULT_PAGE_SIZE) -> LogPage:
    """One page of the log, newest first; ``first``/``last`` are Oslo days, inclusive."""
    if not viewer.can_read_audit_log:
        raise Forbidden(_("Only case officers and administrators can read the audit log."))
    errors = check_query(kind, first, last, page, size)
    if errors:
        raise InvalidInput(next(iter(errors.values())), details=errors)
    since, until = _span(first, last)
    wanted = page * size + 1  # one more than the page ends on tells whether there is a next
    # Merge on the narrow (when, id) of each table, read from the index on ``at``; only
    # the page's own lines are then loaded and worded, however deep the page.
    keys: list[tuple[datetime, Kind, int]] = []
    if kind in (None, "", "catalogue"):
        keys += [(at, "catalogue", id_) for id_, at in db.session.execute(_bounded(
            select(AuditEntry.id, AuditEntry.at), AuditEntry.at, since, until, wanted))]
    if kind in (None, "", "bookings"):
        keys += [(at, "bookings", id_) for id_, at in db.session.execute(_bounded(
            select(StatusChange.id, StatusChange.at), StatusChange.at, since, until, wanted))]
    keys.sort(reverse=True)
    start = (page - 1) * size
    shown = keys[start:start + size]
    lines = (_catalogue_lines([id_ for _at, k, id_ in shown if k == "catalogue"])
             + _booking_lines([id_ for _at, k, id_ in shown if k == "bookings"]))
    lines.sort(key=lambda line: line.at, reverse=True)
    return LogPage(lines=lines, page=page, size=size, has_next=len(keys) > start + size)


def _span(first: date | None, last: date | None) -> tuple[datetime | None, datetime | None]:
    since = local_day_span(first, first)[0] if first else None
    until = local_day_span(last, last)[1] if last else None
    return since, until


def _bounded(query: Select, column: Any, since: datetime | None,
             until: datetime | None, limit: int) -> Select:
    if since is not None:
        query = query.where(column >= since)
    if until is not None:
        query = query.where(column < until)
    return query.order_by(column.desc()).limit(limit)


def _catalogue_lines(ids: list[int]) -> list[LogLine]:
    if not ids:
        return []
    rows = db.session.execute(select(AuditEntry, User.name).outerjoin(
        User, User.id == AuditEntry.actor_id).where(AuditEntry.id.in_(ids))).all()
    return [LogLine(kind="catalogue", at=entry.at, actor_id=entry.actor_id, actor_name=name,
                    action=entry.action, subject_type=entry.subject_type,
                    subject_id=entry.subject_id, summary=entry.summary,
                    changes=dict(entry.changes or {}),
                    room_id=entry.subject_id if entry.subject_type == "room" else None)
            for entry, name in rows]


def _booking_lines(ids: list[int]) -> list[LogLine]:
    if not ids:
        return []
    rows = db.session.execute(
        select(StatusChange, User.name, Booking.room_id, Room.name)
        .join(Booking, Booking.id == StatusChange.booking_id)
        .join(Room, Room.id == Booking.room_id)
        .outerjoin(User, User.id == StatusChange.actor_id)
        .where(StatusChange.id.in_(ids))).all()
    lines = []
    for change, name, room_id, room_name in rows:
        what = (_("date of booking %(id)s", id=change.booking_id) if change.occurrence_id
                else _("booking %(id)s", id=change.booking_id))
        summary = (_("%(what)s in %(room)s: %(before)s → %(after)s", what=what, room=room_name,
                     before=change.from_status, after=change.to_status)
                   if change.from_status
                   else _("%(what)s in %(room)s made: %(after)s", what=what, room=room_name,
                          after=change.to_status))
        lines.append(LogLine(
            kind="bookings", at=change.at, actor_id=change.actor_id, actor_name=name,
            action="booking.status" if not change.occurrence_id else "occurrence.status",
            subject_type="booking", subject_id=change.booking_id, summary=summary,
            changes={"status": [change.from_status, change.to_status]},
            booking_id=change.booking_id, room_id=room_id, from_status=change.from_status,
            to_status=change.to_status, reason=change.reason or ""))
    return lines
