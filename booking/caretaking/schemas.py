from __future__ import annotations

from marshmallow import Schema, fields, validate

from booking.core.schemas import LocalDateTime


class DaySheetQuerySchema(Schema):
    date = fields.Date(required=True, metadata={"description": "The day, in Oslo"})


class EarlierNoteSchema(Schema):
    day = fields.Date()
    came = fields.Boolean()
    text = fields.String()


class VisitSchema(Schema):
    occurrence_id = fields.Integer(attribute="occurrence.id")
    booking_id = fields.Integer(attribute="booking.id")
    starts_at = LocalDateTime(attribute="occurrence.starts_at")
    ends_at = LocalDateTime(attribute="occurrence.ends_at")
    status = fields.String(attribute="occurrence.status")
    room_id = fields.Integer(attribute="room.id")
    room = fields.String(attribute="room.name")
    who = fields.String(metadata={"description": "The organisation, or 'Private'"})
    purpose = fields.String(attribute="booking.purpose")
    attendees = fields.Integer(attribute="booking.attendees")
    contact_name = fields.String()
    contact_phone = fields.String()
    needs_supervisor = fields.Boolean(attribute="occurrence.needs_supervisor")
    earlier_notes = fields.List(fields.Nested(EarlierNoteSchema), attribute="notes")


class CheckInSchema(Schema):
    came = fields.Boolean(required=True, metadata={"description": "true: came; false: did not"})
    note = fields.String(load_default="", validate=validate.Length(max=2000))


class CheckedInSchema(Schema):
    occurrence_id = fields.Integer(attribute="id")
    status = fields.String()


class WeekQuerySchema(Schema):
    date = fields.Date(required=True, metadata={"description": "Any day of the week"})
    room_id = fields.Integer(validate=validate.Range(min=1))


class WeekDaySchema(Schema):
    date = fields.Date()
    visits = fields.List(fields.Nested(VisitSchema))
