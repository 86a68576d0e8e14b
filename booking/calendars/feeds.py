"""Calendar feeds: a building's, a room's, an organisation's or a user's bookings at a
secret address that a phone's calendar subscribes to and polls.

Phones poll every few minutes and a building's season is thousands of events, which
take ``icalendar`` a second or two to write. So a feed is served from a cache keyed by
its version: the number and the newest of the status changes of the bookings it
covers (every booking change writes one: made, paid, approved, cancelled, a date
cancelled or checked in), and today's date (the window of past dates moves). The
version costs one indexed query; an unchanged feed answers 304 to ``If-None-Match``
or ``If-Modified-Since`` without being built, and a changed one is built once per
process. Events are those of ``calendars.bookings``: Oslo time with a VTIMEZONE, a
stable UID per date, SEQUENCE counting its changes, cancelled dates STATUS:CANCELLED.
"""

from __future__ import annotations

import hashlib
import secrets
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from threading import Lock

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from booking import catalogue
from booking.accounts.models import User
from booking.calendars.ics import CalendarEvent, calendar
from booking.calendars.models import FeedScope, FeedToken
from booking.core.db import db, utcnow
from booking.core.errors import Forbidden, NotFound
from booking.core.timeutil import local_date_of
from booking.organisations.models import Organisation
from booking.reservations.bookings import ever_confirmed
from booking.reservations.models import Booking, Occurrence, StatusChange

# Dates this long ago stay in a feed (a phone keeps what it had before anyway).
PAST = timedelta(days=60)
CACHED_FEEDS = 256


@dataclass(frozen=True)
class FeedVersion:
    tag: str  # the ETag's value
    last_modified: datetime


@dataclass(frozen=True)
class Target:
    scope: FeedScope
    target_id: int
    name: str


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# -- who may subscribe to what ---------------------------------------------------------

def _building_of_room(room_id: int) -> int | None:
    room = catalogue.current().rooms.get(room_id)
    return room.building_id if room else None


def may_subscribe(user: User, scope: FeedScope, target_id: int) -> bool:
    if scope is FeedScope.USER:
        return target_id == user.id
    if scope is FeedScope.ORGANISATION:
        organisation = db.session.get(Organisation, target_id)
        return organisation is not None and organisation.can_see_bookings(user)
    building_id = target_id if scope is FeedScope.BUILDING else _building_of_room(target_id)
    if building_id is None or building_id not in _building_ids():
        return False
    return user.is_case_officer or user.is_caretaker_of(building_id)


def _building_ids() -> set[int]:
    return {room.building_id for room in catalogue.current().rooms.values()}


def targets(user: User) -> list[Target]:
    """What the user can subscribe to: their own bookings, their organisations', and the
    buildings (and rooms) they look after."""
    found = [Target(FeedScope.USER, user.id, _("My bookings"))]
    found += [Target(FeedScope.ORGANISATION, m.organisation_id, m.organisation.name)
              for m in sorted(user.memberships, key=lambda m: m.organisation.name)]
    rooms = sorted(catalogue.current().rooms.values(), key=lambda r: (r.building.name, r.name))
    for room in rooms:
        if may_subscribe(user, FeedScope.ROOM, room.id):
            if not any(t.scope is FeedScope.BUILDING and t.target_id == room.building_id
                       for t in found):
                found.append(Target(FeedScope.BUILDING, room.building_id, room.building.name))
            found.append(Target(FeedScope.ROOM, room.id, f"{room.building.name}: {room.name}"))
    return found


def target_name(scope: FeedScope, target_id: int) -> str:
    if scope is FeedScope.USER:
        return str(_("My bookings"))
    if scope is FeedScope.ORGANISATION:
        organisation = db.session.get(Organisation, target_id)
        return organisation.name if organisation else "?"
    known = catalogue.current()
    if scope is FeedScope.ROOM:
        room = known.rooms.get(target_id)
        return f"{room.building.name}: {room.name}" if room else "?"
    return next((r.building.name for r in known.rooms.values() if r.building_id == target_id), "?")


# -- the addresses ---------------------------------------------------------------------

def create(user: User, scope: FeedScope, target_id: int) -> tuple[FeedToken, str]:
    """A new address; the token is returned this once."""
    if not may_subscribe(user, scope, target_id):
        raise Forbidden(_("You cannot subscribe to that calendar."), code="not_allowed")
    token = secrets.token_urlsafe(24)
    feed = FeedToken(token_hash=_hash(token), owner_id=user.id, scope=scope, target_id=target_id)
    db.session.add(feed)
    db.session.flush()
    return feed, token


def mine(user: User) -> list[FeedToken]:
    return list(db.session.scalars(select(FeedToken).where(
        FeedToken.owner_id == user.id, FeedToken.revoked_at.is_(None)).order_by(FeedToken.id)))


def _own(user: User, feed_id: int) -> FeedToken:
    feed = db.session.get(FeedToken, feed_id)
    if feed is None or feed.owner_id != user.id or not feed.is_active:
        raise NotFound(_("There is no such calendar address."), code="feed_not_found")
    return feed


def revoke(user: User, feed_id: int) -> None:
    _own(user, feed_id).revoked_at = utcnow()
    db.session.flush()


def renew(user: User, feed_id: int) -> tuple[FeedToken, str]:
    """The same feed at a new address; the old one stops working."""
    feed = _own(user, feed_id)
    feed.revoked_at = utcnow()
    return create(user, feed.scope, feed.target_id)


def by_token(token: str) -> FeedToken | None:
    """The active feed at this address, while its owner may still see what it shows (a
    caretaker moved to another school loses the old school's feed)."""
    feed = db.session.scalar(select(FeedToken).where(FeedToken.token_hash == _hash(token)))
    if feed is None or not feed.is_active:
        return None
    owner = db.session.get(User, feed.owner_id)
    if owner is None or owner.deleted_at is not None or \
            not may_subscribe(owner, feed.scope, feed.target_id):
        return None
    return feed


# -- the feed itself -------------------------------------------------------------------

def _bookings(scope: FeedScope, target_id: int) -> Select:
    query = select(Booking.id)
    if scope is FeedScope.USER:
        return query.where(Booking.booker_id == target_id)
    if scope is FeedScope.ORGANISATION:
        return query.where(Booking.organisation_id == target_id)
    if scope is FeedScope.ROOM:
        return query.where(Booking.room_id == target_id)
    rooms = [r.id for r in catalogue.current().rooms.values() if r.building_id == target_id]
    return query.where(Booking.room_id.in_(rooms))


def version(scope: FeedScope, target_id: int, now: datetime | None = None) -> FeedVersion:
    now = now or utcnow()
    count, newest, at = db.session.execute(
        select(func.count(StatusChange.id), func.max(StatusChange.id), func.max(StatusChange.at))
        .where(StatusChange.booking_id.in_(_bookings(scope, target_id)))).one()
    # The newest change's time too: ids can come again after data is reloaded.
    tag = (f"{db.engine.url}-{scope.value}-{target_id}-{count}-{newest or 0}-{at}-"
           f"{local_date_of(now).isoformat()}")
    return FeedVersion(tag=hashlib.sha256(tag.encode()).hexdigest()[:32],
                       last_modified=(at or datetime(2000, 1, 1, tzinfo=UTC)).replace(microsecond=0))


_cache: OrderedDict[str, bytes] = OrderedDict()
_cache_lock = Lock()


def body(feed: FeedToken, feed_version: FeedVersion) -> bytes:
    """The feed's .ics, built once per version and process."""
    key = feed_version.tag
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    built = build(feed.scope, feed.target_id, stamp=feed_version.last_modified)
    with _cache_lock:
        _cache[key] = built
        while len(_cache) > CACHED_FEEDS:
            _cache.popitem(last=False)
    return built


def build(scope: FeedScope, target_id: int, *, stamp: datetime) -> bytes:
    since = utcnow() - PAST
    occurrences = db.session.scalars(
        select(Occurrence).join(Booking, Booking.id == Occurrence.booking_id)
        .where(Booking.id.in_(_bookings(scope, target_id)), ever_confirmed(),
               Occurrence.ends_at >= since)
        .options(selectinload(Occurrence.booking).selectinload(Booking.organisation))
        .order_by(Occurrence.starts_at, Occurrence.id)).all()
    changes = dict(db.session.execute(
        select(StatusChange.occurrence_id, func.count(StatusChange.id))
        .where(StatusChange.occurrence_id.in_([o.id for o in occurrences]))
        .group_by(StatusChange.occurrence_id)).all()) if occurrences else {}
    rooms = catalogue.current().rooms
    domain = current_app.config["CALENDAR_UID_DOMAIN"]
    for_staff = scope in (FeedScope.BUILDING, FeedScope.ROOM)
    events = []
    for occurrence in occurrences:
        booking, room = occurrence.booking, rooms[occurrence.booking.room_id]
        who = booking.organisation.name if booking.organisation else _("Private")
        summary = (f"{room.name}: {who}, {booking.purpose}" if for_staff
                   else f"{booking.purpose} – {room.name}")
        events.append(CalendarEvent(
            uid=f"occurrence-{occurrence.id}@{domain}", starts_at=occurrence.starts_at,
            ends_at=occurrence.ends_at, summary=summary,
            location=f"{room.name}, {room.building.name}",
            description=(f"{booking.attendees} · {booking.contact_name or ''} "
                         f"{booking.contact_phone or ''}".strip() if for_staff else ""),
            cancelled=occurrence.status.value == "cancelled",
            sequence=changes.get(occurrence.id, 0), stamp=stamp))
    return calendar(events, name=target_name(scope, target_id), stamp=stamp)
