from __future__ import annotations

from marshmallow import Schema, fields, validate

from booking import catalogue
from booking.core.schemas import LocalDateTime
from booking.core.templating import external_url
from booking.core.timeutil import to_local
from booking.facilities.models import Facility, RoomType
from booking.facilities.schemas import (
    AREA_FILTER,
    CAPACITY,
    ClosureCreateSchema,
    ClosureSchema,
    RoomBriefSchema,
)
from booking.pricing.models import CustomerCategory
from booking.reservations.models import BookingStatus, ConflictPolicy

HHMM = "%H:%M"


class TimeRequestSchema(Schema):
    date = fields.Date(required=True, metadata={"description": "Local date (Europe/Oslo)",
                                                "example": "2026-12-03"})
    start = fields.Time(required=True, format=HHMM, metadata={"example": "18:00"})
    end = fields.Time(required=True, format=HHMM, metadata={"example": "20:00"})
    repeat_weekly_until = fields.Date(
        metadata={"description": "Repeat every week on the same weekday until this date"})


class BookingCreateSchema(TimeRequestSchema):
    room_id = fields.Integer(required=True, validate=validate.Range(min=1))
    purpose = fields.String(required=True, validate=validate.Length(min=1, max=300))
    attendees = fields.Integer(load_default=1, validate=CAPACITY)
    organisation_id = fields.Integer(validate=validate.Range(min=1))
    contact_name = fields.String(load_default="", validate=validate.Length(max=200),
                                 metadata={"description": "Who to ask on the day (default: you)"})
    contact_phone = fields.String(load_default="", validate=validate.Length(max=40))
    on_conflict = fields.String(
        load_default=ConflictPolicy.REFUSE.value,
        validate=validate.OneOf([p.value for p in ConflictPolicy]),
        metadata={"description": "refuse: fail if any date cannot be booked; skip: book the "
                                 "rest and record the skipped dates with a reason"})


class QuoteRequestSchema(BookingCreateSchema):
    purpose = fields.String(load_default="", validate=validate.Length(max=300))
    on_conflict = fields.String(load_default=ConflictPolicy.SKIP.value,
                                validate=validate.OneOf([p.value for p in ConflictPolicy]))


class AvailabilityQuerySchema(TimeRequestSchema):
    capacity = fields.Integer(validate=CAPACITY)
    facility = fields.List(fields.String(validate=validate.OneOf([f.value for f in Facility])))
    room_type = fields.String(validate=validate.OneOf([t.value for t in RoomType]))
    building_id = fields.Integer(validate=validate.Range(min=1))
    area = fields.String(validate=validate.Length(max=80), metadata={"description": AREA_FILTER})
    attendees = fields.Integer(load_default=1, validate=CAPACITY)
    organisation_id = fields.Integer(validate=validate.Range(min=1))
    category = fields.String(validate=validate.OneOf([c.value for c in CustomerCategory]),
                             metadata={"description": "Price for this customer category "
                                                      "(default: yours, or private)"})


class ScheduleQuerySchema(Schema):
    date_from = fields.Date(required=True, data_key="from")
    date_to = fields.Date(required=True, data_key="to")


class SkippedSchema(Schema):
    date = fields.Date(attribute="day")
    reason_code = fields.String()
    reason = fields.String()


class QuoteBreakdownSchema(Schema):
    rent_ore = fields.Integer()
    supervisor_ore = fields.Integer()
    cleaning_ore = fields.Integer()
    vat_ore = fields.Integer()


class OfferSchema(Schema):
    """A room judged for a requested time: what it costs and what it needs.

    Documents the shape; ``offer_json`` writes it (marshmallow is too slow for
    hundreds of offers per search). A test keeps the two identical.
    """

    room = fields.Nested(RoomBriefSchema)
    customer_category = fields.String()
    currency = fields.String()
    total_ore = fields.Integer()
    occurrences = fields.Integer()
    dates = fields.List(fields.Date())
    breakdown = fields.Nested(QuoteBreakdownSchema)
    requires_approval = fields.Boolean()
    approval_reasons = fields.List(fields.String())
    needs_supervisor = fields.Boolean()
    skipped = fields.List(fields.Nested(SkippedSchema))


class OccurrenceSchema(Schema):
    id = fields.Integer()
    starts_at = LocalDateTime()
    ends_at = LocalDateTime()
    status = fields.String()
    needs_supervisor = fields.Boolean()
    price_ore = fields.Integer()
    refund_ore = fields.Integer()


class BookingOrganisationSchema(Schema):
    id = fields.Integer()
    name = fields.String()


_ROOM_BRIEF = RoomBriefSchema()  # instantiating a schema deep-copies its fields: do it once


class BookingSchema(Schema):
    id = fields.Integer()
    status = fields.String(metadata={"enum": [s.value for s in BookingStatus]})
    # From the catalogue snapshot: no queries per booking listed.
    room = fields.Function(lambda b: _ROOM_BRIEF.dump(catalogue.current().rooms[b.room_id]),
                           metadata={"type": "object"})
    organisation = fields.Nested(BookingOrganisationSchema, allow_none=True)
    booker_id = fields.Integer()
    purpose = fields.String()
    attendees = fields.Integer()
    contact_name = fields.String()
    contact_phone = fields.String()
    customer_category = fields.String()
    needs_supervisor = fields.Boolean()
    requires_approval = fields.Function(lambda b: bool(b.approval_reason_list))
    approval_reasons = fields.Function(lambda b: b.approval_reason_list)
    total_ore = fields.Integer()
    amount_due_ore = fields.Integer(metadata={
        "description": "Awaiting payment: what paying costs (dates cancelled before are not paid)"})
    currency = fields.String()
    pay_by = fields.Function(
        lambda b: to_local(b.expires_at).isoformat() if b.is_awaiting_payment and b.expires_at
        else None, metadata={"type": "string", "format": "date-time", "nullable": True,
                             "description": "Awaiting payment: the slot is held until then"})
    payment_url = fields.Function(
        lambda b: external_url("payments.pay", booking_id=b.id) if b.is_awaiting_payment else None,
        metadata={"type": "string", "nullable": True,
                  "description": "Awaiting payment: the page where the booker pays by card"})
    repeat_weekly_until = fields.Date(attribute="repeat_until", allow_none=True)
    replaces_booking_id = fields.Integer(attribute="replaces_id", allow_none=True,
                                         metadata={"description": "The booking this one moved"})
    on_conflict = fields.String(attribute="conflict_policy")
    occurrences = fields.List(fields.Nested(OccurrenceSchema))
    skipped = fields.List(fields.Nested(SkippedSchema), attribute="skipped_dates")
    created_at = LocalDateTime()
    decision_note = fields.String()


class BookingQuerySchema(Schema):
    scope = fields.String(load_default="mine", validate=validate.OneOf(["mine", "all"]))
    organisation_id = fields.Integer(validate=validate.Range(min=1))
    status = fields.String(validate=validate.OneOf([s.value for s in BookingStatus]))
    room_id = fields.Integer(validate=validate.Range(min=1))


class CancellationSchema(Schema):
    booking = fields.Nested(BookingSchema)
    cancelled_occurrence_ids = fields.List(fields.Integer())
    refund_ore = fields.Integer(metadata={"description": "What the cancellation policy gives back"})


class MoveSchema(Schema):
    room_id = fields.Integer(validate=validate.Range(min=1),
                             metadata={"description": "The new room (default: the same)"})
    date = fields.Date(required=True, metadata={"description": "Local date (Europe/Oslo)"})
    start = fields.Time(required=True, format=HHMM)
    end = fields.Time(required=True, format=HHMM)


class DecisionSchema(Schema):
    note = fields.String(load_default="", validate=validate.Length(max=2000))


class QueueQuerySchema(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=10_000))
    building_id = fields.Integer(validate=validate.Range(min=1, max=2**31 - 1))


class HistorySchema(Schema):
    bookings = fields.Integer()
    confirmed = fields.Integer(metadata={"description": "Confirmed then or now"})
    cancelled = fields.Integer(metadata={"description": "Of the confirmed ones, cancelled since"})
    rejected = fields.Integer()
    expired = fields.Integer(metadata={"description": "Not paid in time"})
    no_shows = fields.Integer(metadata={"description": "Dates the caretaker marked as not come"})
    marked_dates = fields.Integer(metadata={"description": "Dates a caretaker marked at all"})


class DateConflictSchema(Schema):
    occurrence_id = fields.Function(lambda c: c.occurrence.id)
    starts_at = fields.Function(lambda c: to_local(c.occurrence.starts_at).isoformat(),
                                metadata={"type": "string", "format": "date-time"})
    reason = fields.String(metadata={"description": "The closure the date falls in"})


class QueueEntrySchema(Schema):
    booking = fields.Nested(BookingSchema)
    requester = fields.Function(
        lambda e: {"kind": "organisation", "id": e.booking.organisation_id,
                   "name": e.booking.organisation.name} if e.booking.organisation_id else
        {"kind": "person", "id": e.booking.booker_id, "name": e.booking.booker.name},
        metadata={"type": "object", "description": "Whose history is shown"})
    history = fields.Nested(HistorySchema)
    conflicts = fields.List(fields.Nested(DateConflictSchema))
    own_request = fields.Boolean(attribute="own", metadata={
        "description": "Yours or your organisation's: another case officer decides"})


class QueuePageSchema(Schema):
    entries = fields.List(fields.Nested(QueueEntrySchema))
    total = fields.Integer()
    page = fields.Integer()
    pages = fields.Integer()


class ManyDecisionsSchema(Schema):
    booking_ids = fields.List(fields.Integer(validate=validate.Range(min=1, max=2**31 - 1)),
                              required=True, validate=validate.Length(min=1, max=500))
    decision = fields.String(required=True, validate=validate.OneOf(["approve", "reject"]))
    note = fields.String(load_default="", validate=validate.Length(max=2000),
                         metadata={"description": "Told to the requesters; needed to reject"})


class OutcomeSchema(Schema):
    booking_id = fields.Integer()
    decided = fields.Function(lambda o: o.error is None)
    status = fields.Function(lambda o: o.booking.status.value if o.booking else None,
                             metadata={"type": "string", "nullable": True})
    error = fields.Function(lambda o: {"code": o.error.code, "message": o.error.message}
                            if o.error else None, metadata={"type": "object", "nullable": True})


class ClosingCreateSchema(ClosureCreateSchema):
    cancel_bookings = fields.Boolean(load_default=True, metadata={
        "description": "Cancel the booked dates the closure hits, each paid one refunded in "
                       "full and its booker told the reason (false: they stay booked)"})


class ClosureHitsQuerySchema(Schema):
    first_day = fields.Date(required=True)
    last_day = fields.Date(required=True)
    building_id = fields.Integer(validate=validate.Range(min=1, max=2**31 - 1))
    room_id = fields.Integer(validate=validate.Range(min=1, max=2**31 - 1))


class ClosureHitSchema(Schema):
    """A booked date a closure falls on."""

    booking_id = fields.Integer()
    occurrence_id = fields.Integer(attribute="id")
    starts_at = LocalDateTime()
    ends_at = LocalDateTime()
    room = fields.Function(lambda o: _ROOM_BRIEF.dump(catalogue.current().rooms[o.booking.room_id]),
                           metadata={"type": "object"})
    booked_by = fields.Function(
        lambda o: o.booking.organisation.name if o.booking.organisation else o.booking.booker.name)
    purpose = fields.Function(lambda o: o.booking.purpose)
    booking_status = fields.Function(lambda o: o.booking.status.value)
    refund_ore = fields.Function(
        lambda o: o.price_ore if o.booking.was_confirmed else 0,
        metadata={"type": "integer",
                  "description": "What cancelling it gives back: all that was paid (or invoiced)"})


class ClosingSchema(Schema):
    closure = fields.Nested(ClosureSchema)
    cancelled = fields.List(fields.Nested(ClosureHitSchema))
    kept = fields.List(fields.Nested(ClosureHitSchema), metadata={
        "description": "Hit but left booked (cancel_bookings false)"})
    refund_ore = fields.Integer()


class IntervalSchema(Schema):
    starts_at = LocalDateTime()
    ends_at = LocalDateTime()


class FreeIntervalSchema(IntervalSchema):
    by_agreement = fields.Boolean()


class ClosedIntervalSchema(IntervalSchema):
    reason_code = fields.String()
    reason = fields.String()


class ScheduleSchema(Schema):
    room_id = fields.Integer()
    busy = fields.List(fields.Nested(IntervalSchema))
    closed = fields.List(fields.Nested(ClosedIntervalSchema))
    free = fields.List(fields.Nested(FreeIntervalSchema))


def offer_json(plan, labels: dict[str, str]) -> dict:
    """One offer as JSON-ready values, in exactly OfferSchema's shape.

    ``labels`` is ``booking.facilities.labels.labels()``, looked up once per request.
    """
    room = plan.room
    quote = plan.quote
    return {
        "room": {
            "id": room.id, "name": room.name, "room_type": room.room_type,
            "room_type_label": labels.get(room.room_type, room.room_type), "capacity": room.capacity,
            "facilities": list(room.facilities),
            "facility_labels": [labels.get(f, f) for f in room.facilities],
            "building": {"id": room.building.id, "name": room.building.name,
                         "area": room.building.area},
            "requires_approval": room.requires_approval, "unit_ids": list(room.unit_ids),
        },
        "customer_category": plan.category,
        "currency": plan.price_list.currency,
        "total_ore": quote.total_ore,
        "occurrences": quote.occurrences,
        "dates": [v.slot.day.isoformat() for v in plan.bookable],
        "breakdown": {"rent_ore": quote.rent_ore, "supervisor_ore": quote.supervisor_ore,
                      "cleaning_ore": quote.cleaning_ore, "vat_ore": quote.vat_ore},
        "requires_approval": plan.requires_approval,
        "approval_reasons": list(plan.approval_reasons),
        "needs_supervisor": plan.needs_supervisor,
        "skipped": [{"date": v.slot.day.isoformat(), "reason_code": v.outcome.value,
                     "reason": v.reason} for v in plan.refused],
    }
