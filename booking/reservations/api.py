from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import jsonify, request
from flask_babel import gettext as _
from flask_smorest import Blueprint

from booking import catalogue
from booking.accounts.auth import current_user, require_user
from booking.core.db import utcnow
from booking.core.errors import Forbidden, InvalidInput
from booking.facilities.labels import labels as facility_labels
from booking.facilities.models import ClosureKind
from booking.organisations.models import Organisation
from booking.organisations.operations import get_organisation
from booking.reservations import (
    availability,
    bookings,
    cancellations,
    closing,
    decisions,
    moves,
    schedule,
)
from booking.reservations.models import Booking, ConflictPolicy
from booking.reservations.schemas import (
    AvailabilityQuerySchema,
    BookingCreateSchema,
    BookingQuerySchema,
    BookingSchema,
    CancellationSchema,
    ClosingCreateSchema,
    ClosingSchema,
    ClosureHitSchema,
    ClosureHitsQuerySchema,
    DecisionSchema,
    ManyDecisionsSchema,
    MoveSchema,
    OfferSchema,
    OutcomeSchema,
    QueuePageSchema,
    QueueQuerySchema,
    QuoteRequestSchema,
    ScheduleQuerySchema,
    ScheduleSchema,
    offer_json,
)

blp = Blueprint("reservations", __name__, url_prefix="/api/v1",
                description="Availability, quotes and bookings")

BEARER: list[dict[str, list[str]]] = [{"bearerAuth": []}]
MAX_SCHEDULE_DAYS = 92
IDEMPOTENCY_HEADER = {"name": "Idempotency-Key", "in": "header", "required": False,
                      "schema": {"type": "string", "maxLength": 200},
                      "description": "Repeat a request safely: the same key returns the same "
                                     "booking and creates nothing more."}


def _time_request(args: dict[str, Any]) -> availability.TimeRequest:
    return availability.TimeRequest(args["date"], args["start"], args["end"],
                                    args.get("repeat_weekly_until"))


def _pricing_organisation(organisation_id: int | None) -> Organisation | None:
    """The organisation to price for: a member's own, or any for anonymous callers.

    The caller is read first, so a bad token is refused even without an organisation.
    """
    user = current_user()
    if not organisation_id:
        return None
    if user is None:
        return get_organisation(organisation_id)
    return bookings.organisation_for_booking(user, organisation_id)


@blp.get("/availability")
@blp.arguments(AvailabilityQuerySchema, location="query")
@blp.response(200, OfferSchema(many=True))
def search_availability(args):
    """Free rooms for one slot, or a weekly slot until a date, with price and requirements.

    Give `repeat_weekly_until` for a season search. A room is listed when none
    of the dates collide with another booking; holiday and closure dates are
    listed under `skipped`.
    """
    filters = availability.SearchFilters(
        min_capacity=args.get("capacity"), facilities=tuple(args.get("facility", ())),
        room_type=args.get("room_type"), building_id=args.get("building_id"),
        area=args.get("area"))
    plans = availability.search_availability(
        _time_request(args), filters, attendees=args["attendees"],
        organisation=_pricing_organisation(args.get("organisation_id")),
        category=args.get("category"))
    labels = facility_labels()
    return jsonify([offer_json(plan, labels) for plan in plans])


@blp.post("/quotes")
@blp.arguments(QuoteRequestSchema)
@blp.response(200, OfferSchema)
def create_quote(args):
    """Price a hypothetical booking without booking anything."""
    room = catalogue.current().room(args["room_id"])
    organisation = _pricing_organisation(args.get("organisation_id"))
    plan = availability.plan_booking(room, _time_request(args), attendees=args["attendees"],
                                     organisation=organisation, now=utcnow())
    if not plan.bookable or (plan.refused and args["on_conflict"] == ConflictPolicy.REFUSE):
        availability.raise_refusal(room, plan.refused)
    return jsonify(offer_json(plan, facility_labels()))


@blp.post("/bookings")
@blp.arguments(BookingCreateSchema)
@blp.response(201, BookingSchema)
@blp.doc(security=BEARER, parameters=[IDEMPOTENCY_HEADER])
def create_booking(args):
    """Book a room once or weekly. Confirmed at once, or pending a case officer's approval."""
    user = require_user()
    key = request.headers.get("Idempotency-Key") or None
    if key is not None and len(key) > 200:
        raise InvalidInput(_("The Idempotency-Key may be at most 200 characters."),
                           code="invalid_idempotency_key")
    booking, created = bookings.create_booking(user, bookings.BookingRequest(
        room_id=args["room_id"], time=_time_request(args), purpose=args["purpose"],
        attendees=args["attendees"], organisation_id=args.get("organisation_id"),
        conflict_policy=ConflictPolicy(args["on_conflict"]),
        contact_name=args["contact_name"].strip(), contact_phone=args["contact_phone"].strip(),
    ), idempotency_key=key)
    return booking, 201 if created else 200


@blp.get("/bookings")
@blp.arguments(BookingQuerySchema, location="query")
@blp.response(200, BookingSchema(many=True))
@blp.doc(security=BEARER)
def list_bookings(args: dict[str, Any]) -> list[Booking]:
    """Your bookings; an organisation's (members); everyone's with scope=all (case officers)."""
    return bookings.list_bookings(require_user(), **args)


@blp.get("/bookings/<int:booking_id>")
@blp.response(200, BookingSchema)
@blp.doc(security=BEARER)
def show_booking(booking_id: int) -> Booking:
    return bookings.get_booking(require_user(), booking_id)


def _cancellation(result: cancellations.Cancellation) -> dict[str, Any]:
    return {"booking": result.booking, "refund_ore": result.refund_ore,
            "cancelled_occurrence_ids": [o.id for o in result.cancelled]}


@blp.post("/bookings/<int:booking_id>/cancel")
@blp.response(200, CancellationSchema)
@blp.doc(security=BEARER)
def cancel_booking(booking_id: int):
    """Cancel every future date of a booking. The slots are free at once."""
    user = require_user()
    result = cancellations.cancel_booking(user, bookings.get_booking(user, booking_id))
    return _cancellation(result)


@blp.post("/bookings/<int:booking_id>/occurrences/<int:occurrence_id>/cancel")
@blp.response(200, CancellationSchema)
@blp.doc(security=BEARER)
def cancel_occurrence(booking_id: int, occurrence_id: int):
    """Cancel one date of a weekly booking."""
    user = require_user()
    result = cancellations.cancel_occurrence(user, bookings.get_booking(user, booking_id),
                                             occurrence_id)
    return _cancellation(result)


@blp.post("/bookings/<int:booking_id>/move")
@blp.arguments(MoveSchema)
@blp.response(201, BookingSchema)
@blp.doc(security=BEARER)
def move_booking(args, booking_id: int):
    """Move a one-date booking to another time or room: booked like a new booking (the
    same rules, price and approval); the old one is released, refunded in full, when
    the new one is confirmed (at once, or on a case officer's approval)."""
    user = require_user()
    booking = bookings.get_booking(user, booking_id)
    return moves.move_booking(user, booking, room_id=args.get("room_id") or booking.room_id,
                              time=availability.TimeRequest(args["date"], args["start"],
                                                            args["end"])), 201


def _decide(booking_id: int, note: str, *, approve: bool) -> Booking:
    user = require_user()
    return decisions.decide_booking(user, bookings.get_booking(user, booking_id),
                                    approve=approve, note=note)


@blp.post("/bookings/<int:booking_id>/approve")
@blp.arguments(DecisionSchema)
@blp.response(200, BookingSchema)
@blp.doc(security=BEARER)
def approve_booking(args, booking_id: int):
    """Approve a request (case officers)."""
    return _decide(booking_id, args["note"], approve=True)


@blp.post("/bookings/<int:booking_id>/reject")
@blp.arguments(DecisionSchema)
@blp.response(200, BookingSchema)
@blp.doc(security=BEARER)
def reject_booking(args, booking_id: int):
    """Reject a request with a reason the requester is told (case officers). Its slots
    are freed."""
    return _decide(booking_id, args["note"], approve=False)


@blp.get("/approval-queue")
@blp.arguments(QueueQuerySchema, location="query")
@blp.response(200, QueuePageSchema)
@blp.doc(security=BEARER)
def approval_queue(args):
    """Requests awaiting a decision, oldest first, 50 a page (case officers): why each needs
    approval, its dates that fall in a closure, and the requester's history."""
    return decisions.approval_queue(require_user(), **args)


@blp.post("/approval-queue/decisions")
@blp.arguments(ManyDecisionsSchema)
@blp.response(200, OutcomeSchema(many=True))
@blp.doc(security=BEARER)
def decide_many(args):
    """Approve or reject several requests at once (case officers). Each is decided on its
    own: one that cannot be (already decided, your own) is reported and the rest go on."""
    return decisions.decide_many(require_user(), args["booking_ids"],
                                 approve=args["decision"] == "approve", note=args["note"])


@blp.get("/closures/hits")
@blp.arguments(ClosureHitsQuerySchema, location="query")
@blp.response(200, ClosureHitSchema(many=True))
@blp.doc(security=BEARER)
def closure_hits(args):
    """The booked dates a closure over these days would hit (case officers): look before
    closing."""
    if not require_user().can_manage_closures:
        raise Forbidden(_("Only case officers can do this."))
    return closing.dates_hit(args["first_day"], args["last_day"],
                             closing.Scope(args.get("building_id"), args.get("room_id")))


@blp.post("/closures")
@blp.arguments(ClosingCreateSchema)
@blp.response(201, ClosingSchema)
@blp.doc(security=BEARER)
def create_closure(args):
    """Close the municipality, a building or a room for whole days (case officers). The
    booked dates it hits are cancelled, each paid one refunded in full and its booker told
    the reason, unless ``cancel_bookings`` is false."""
    return closing.close(require_user(), first_day=args["first_day"], last_day=args["last_day"],
                         reason=args["reason"], kind=ClosureKind(args["kind"]),
                         scope=closing.Scope(args.get("building_id"), args.get("room_id")),
                         cancel_bookings=args["cancel_bookings"])


@blp.delete("/closures/<int:closure_id>")
@blp.response(204)
@blp.doc(security=BEARER)
def remove_closure(closure_id: int):
    """Take away a closure still to come (case officers): its days can be booked again. The
    dates it cancelled stay cancelled and refunded."""
    closing.remove(require_user(), closure_id)


@blp.get("/rooms/<int:room_id>/schedule")
@blp.arguments(ScheduleQuerySchema, location="query")
@blp.response(200, ScheduleSchema)
def room_schedule(args, room_id: int):
    """Busy, closed and free intervals of a room over local dates (at most 92 days)."""
    first, last = args["date_from"], args["date_to"]
    if last < first or last - first > timedelta(days=MAX_SCHEDULE_DAYS):
        raise InvalidInput(_("Choose a date range of at most %(days)s days, ending after it starts.",
                             days=MAX_SCHEDULE_DAYS), code="invalid_span")
    found = schedule.room_schedule(catalogue.current().room(room_id), first, last)
    return {
        "room_id": room_id,
        "busy": [{"starts_at": i.start, "ends_at": i.end} for i in found.busy],
        "closed": [{"starts_at": i.start, "ends_at": i.end, "reason_code": code, "reason": reason}
                   for i, code, reason in found.closed],
        "free": [{"starts_at": i.start, "ends_at": i.end, "by_agreement": by_agreement}
                 for i, by_agreement in found.free],
    }
