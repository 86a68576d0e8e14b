"""The audit log in the API: its query and its lines."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from booking.administration.log import DEFAULT_PAGE_SIZE, KINDS, MAX_PAGE, MAX_PAGE_SIZE


class AuditLogQuerySchema(Schema):
    kind = fields.String(validate=validate.OneOf(KINDS), metadata={
        "description": "catalogue (rooms, windows, prices, buildings, closures) or bookings "
                       "(every booking state change); both when left out"})
    from_ = fields.Date(data_key="from", metadata={"description": "First day, in Oslo"})
    to = fields.Date(metadata={"description": "Last day (inclusive), in Oslo"})
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=MAX_PAGE))
    page_size = fields.Integer(load_default=DEFAULT_PAGE_SIZE,
                               validate=validate.Range(min=1, max=MAX_PAGE_SIZE))


class AuditLineSchema(Schema):
    kind = fields.String(metadata={"description": "catalogue or bookings"})
    at = fields.AwareDateTime(metadata={"description": "When, in UTC"})
    actor_id = fields.Integer(allow_none=True, metadata={"description": "Who; null for the "
                                                         "system or a deleted account"})
    actor_name = fields.String(allow_none=True)
    action = fields.String(metadata={"description": "e.g. room.updated, closure.created, "
                                                    "booking.status"})
    subject_type = fields.String()
    subject_id = fields.Integer(allow_none=True)
    summary = fields.String()
    changes = fields.Dict(keys=fields.String(), values=fields.List(fields.Raw()),
                          metadata={"description": "field -> [before, after]"})
    booking_id = fields.Integer(allow_none=True)
    room_id = fields.Integer(allow_none=True)
    reason = fields.String(metadata={"description": "Why (booking state changes)"})


class AuditLogSchema(Schema):
    lines = fields.List(fields.Nested(AuditLineSchema))
    page = fields.Integer()
    page_size = fields.Integer(attribute="size")
    has_next = fields.Boolean()


class RoomChangesSchema(Schema):
    """The fields to change; those left out stay as they are."""

    name = fields.String(metadata={"description": "Unique within the building"})
    capacity = fields.Integer(metadata={"description": "People, 1 to 10000"})
    rules = fields.String()
    facilities = fields.List(fields.String(), metadata={"description": "Facility codes; "
                                                        "replaces the room's list"})
    requires_approval = fields.Boolean()
    is_active = fields.Boolean(metadata={"description": "False: the room cannot be booked"})


class WindowInSchema(Schema):
    """A rental window in Oslo wall time; checked by the operation (end after start, no
    overlap with another window of the room on the same weekday and dates)."""

    weekday = fields.Integer(required=True, metadata={"description": "0 = Monday … 6 = Sunday"})
    starts = fields.Time(required=True, format="%H:%M")
    ends = fields.Time(required=True, format="%H:%M")
    by_agreement = fields.Boolean(load_default=False, metadata={
        "description": "Bookings need approval and a supervisor"})
    valid_from = fields.Date(load_default=None, allow_none=True)
    valid_to = fields.Date(load_default=None, allow_none=True)


class WindowChangesSchema(Schema):
    weekday = fields.Integer()
    starts = fields.Time(format="%H:%M")
    ends = fields.Time(format="%H:%M")
    by_agreement = fields.Boolean()
    valid_from = fields.Date(allow_none=True)
    valid_to = fields.Date(allow_none=True)


class WindowOutSchema(WindowInSchema):
    id = fields.Integer()
    room_id = fields.Integer()


class BuildingChangesSchema(Schema):
    """The fields to change; those left out stay as they are."""

    name = fields.String(metadata={"description": "Unique in the municipality"})
    address = fields.String()
    postcode = fields.String(metadata={"description": "Four digits"})
    city = fields.String()
    area = fields.String(metadata={"description": "The part of the municipality searched by"})
    description = fields.String()
    contact_phone = fields.String()
    contact_email = fields.String()
