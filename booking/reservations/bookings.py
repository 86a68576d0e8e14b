"""Booking a room, once or weekly; reading bookings; releasing holds that ran out."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from booking import catalogue
from booking.accounts.models import User
from booking.catalogue import RoomCard
from booking.core.db import db, utcnow
from booking.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from booking.facilities.models import Room
from booking.organisations.models import Organisation
from booking.organisations.operations import get_organisation
from booking.reservations import events
from booking.reservations.availability import TimeRequest, plan_booking, raise_refusal
from booking.reservations.models import (
    Booking,
    BookingStatus,
    ConflictPolicy,
    Occurrence,
    OccurrenceStatus,
    StatusChange,
    pays_by_card,
)

OVERLAP_MARKER = "occupancy_no_overlap"
MAX_LISTED = 500


@dataclass(frozen=True)
class BookingRequest:
    room_id: int
    time: TimeRequest
    purpose: str
    attendees: int = 1
    organisation_id: int | None = None
    conflict_policy: ConflictPolicy = ConflictPolicy.REFUSE
    contact_name: str = ""
    contact_phone: str = ""

    def fingerprint(self) -> str:
        payload = json.dumps({
            "room": self.room_id, "day": self.time.day, "start": self.time.start,
            "end": self.time.end, "until": self.time.repeat_until, "purpose": self.purpose,
            "attendees": self.attendees, "org": self.organisation_id,
            "policy": self.conflict_policy.value,
            **({"contact": [self.contact_name, self.contact_phone]}
               if self.contact_name or self.contact_phone else {}),
        }, default=str, sort_keys=True)
        return hashlib.sha256(payload.encode()).hexdigest()


def check_capacity(room: RoomCard, attendees: int) -> None:
    if attendees > room.capacity:
        raise InvalidInput(_("%(room)s takes at most %(capacity)s people.", room=room.name,
                             capacity=room.capacity), code="over_capacity",
                           details={"capacity": room.capacity})


def organisation_for_booking(user: User, organisation_id: int | None) -> Organisation | None:
    """The organisation a user books (or prices, or lists) for, if they may."""
    if organisation_id is None:
        return None
    organisation = get_organisation(organisation_id)
    if not organisation.can_book_for(user):
        raise Forbidden(_("You can only book for organisations you are a member of."),
                        code="not_a_member")
    return organisation


def release_expired_holds(now: datetime) -> int:
    """Free the slots of holds whose checkout time ran out. Returns how many bookings."""
    expired = db.session.scalars(
        select(Booking).where(Booking.status.in_([BookingStatus.HELD,
                                                  BookingStatus.PENDING_PAYMENT]),
                              Booking.expires_at <= now)
        .options(selectinload(Booking.occurrences))).all()
    for booking in expired:
        booking.expire(now)
    # The freed occupancies are deleted now, before a booking inserts into their slot
    # (the unit of work would insert first and delete after).
    db.session.flush()
    return len(expired)


def find_by_idempotency_key(user: User, key: str) -> Booking | None:
    return db.session.scalar(
        select(Booking).where(Booking.booker_id == user.id, Booking.idempotency_key == key))


def create_booking(user: User, request: BookingRequest, *, idempotency_key: str | None = None,
                   now: datetime | None = None) -> tuple[Booking, bool]:
    """Book a room. Returns the booking and whether it was created now.

    The same idempotency key with the same request returns the first booking
    and creates nothing; with a different request it is an error.
    """
    now = now or utcnow()
    fingerprint = request.fingerprint()
    if idempotency_key:
        existing = find_by_idempotency_key(user, idempotency_key)
        if existing is not None:
            if existing.request_fingerprint != fingerprint:
                raise InvalidInput(_("This Idempotency-Key was used for a different request."),
                                   code="idempotency_key_reused")
            return existing, False
    room = catalogue.current().room(request.room_id)
    organisation = organisation_for_booking(user, request.organisation_id)
    check_capacity(room, request.attendees)
    release_expired_holds(now)
    plan = plan_booking(room, request.time, attendees=request.attendees,
                        organisation=organisation, now=now)
    if plan.refused and (request.conflict_policy is ConflictPolicy.REFUSE or not plan.bookable):
        raise_refusal(room, plan.refused)
    booking = Booking.create_from_plan(
        user, plan, purpose=request.purpose, attendees=request.attendees,
        organisation_id=request.organisation_id, repeat_until=request.time.repeat_until,
        conflict_policy=request.conflict_policy, idempotency_key=idempotency_key,
        contact_name=request.contact_name, contact_phone=request.contact_phone,
        request_fingerprint=fingerprint, now=now,
        payment_due_by=(now + timedelta(minutes=current_app.config["PAYMENT_HOLD_MINUTES"])
                        if pays_by_card(plan.quote.total_ore, organisation) else None))
    db.session.add(booking)
    _flush_guarded()
    events.booking_made.send(booking)
    return booking, True


def _flush_guarded() -> None:
    """Flush, turning the database's overlap guard into a clear conflict.

    Reached only when another request booked the slot between our check and
    our insert: the check above gives the detailed error in all other cases.
    """
    try:
        db.session.flush()
    except IntegrityError as error:
        if OVERLAP_MARKER in str(error.orig):
            raise Conflict(_("Someone else booked this time a moment ago."),
                           code="slot_taken") from error
        if "idempotency_key" in str(error.orig):
            raise Conflict(_("A request with this Idempotency-Key is already being processed."),
                           code="idempotency_key_in_use") from error
        raise


def get_booking(user: User, booking_id: int) -> Booking:
    booking = db.session.get(Booking, booking_id)
    if booking is None or not booking.can_view(user):
        # Not found rather than forbidden: do not reveal which ids exist.
        raise NotFound(_("Booking %(id)s does not exist.", id=booking_id), code="booking_not_found")
    return booking


def list_bookings(user: User, *, scope: str = "mine", organisation_id: int | None = None,
                  status: str | None = None, room_id: int | None = None) -> list[Booking]:
    """Newest first: the user's own, an organisation's (its members), or everyone's."""
    query = select(Booking).order_by(Booking.created_at.desc(), Booking.id.desc())
    if organisation_id is not None:
        organisation = get_organisation(organisation_id)
        if not organisation.can_see_bookings(user):  # viewers see them too
            raise Forbidden(_("Only the organisation's members can see its bookings."),
                            code="not_a_member")
        query = query.where(Booking.organisation_id == organisation_id)
    elif scope == "all":
        if not user.can_see_all_bookings:
            raise Forbidden(_("Only case officers can list everyone's bookings."))
    else:
        query = query.where(Booking.booker_id == user.id)
    if status:
        query = query.where(Booking.status == status)
    if room_id is not None:
        query = query.where(Booking.room_id == room_id)
    return list(db.session.scalars(query.limit(MAX_LISTED)))


def ever_confirmed() -> ColumnElement[bool]:
    """A booking that is confirmed, or was before it was cancelled: what caretakers and
    calendars show (a request or an unpaid hold that was given up never reached them)."""
    return or_(Booking.status == BookingStatus.CONFIRMED,
               and_(Booking.status == BookingStatus.CANCELLED,
                    Booking.id.in_(select(StatusChange.booking_id).where(
                        StatusChange.occurrence_id.is_(None),
                        StatusChange.to_status == BookingStatus.CONFIRMED.value))))


def has_booking_in_building(user: User, building_id: int, now: datetime) -> bool:
    """Whether the user has a confirmed booking in the building with a date still to come:
    only then do they see its access instructions (door codes, where the key is). A
    request, a hold or last year's booking is not enough."""
    return db.session.scalar(
        select(Booking.id).join(Room, Room.id == Booking.room_id)
        .join(Occurrence, Occurrence.booking_id == Booking.id)
        .where(Booking.booker_id == user.id, Room.building_id == building_id,
               Booking.status == BookingStatus.CONFIRMED,
               Occurrence.status == OccurrenceStatus.SCHEDULED, Occurrence.ends_at > now)
        .limit(1)) is not None
