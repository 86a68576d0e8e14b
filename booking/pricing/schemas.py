from __future__ import annotations

from marshmallow import Schema, fields, validate

from booking.facilities.labels import room_type_label
from booking.facilities.models import RoomType
from booking.pricing.models import CustomerCategory


class PriceRateSchema(Schema):
    room_type = fields.String()
    room_type_label = fields.Function(lambda rate: room_type_label(rate.room_type))
    category = fields.String()
    hourly_ore = fields.Integer()
    cleaning_fee_ore = fields.Integer()


class PriceListSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    valid_from = fields.Date()
    valid_to = fields.Date(allow_none=True)
    currency = fields.String()
    vat_percent = fields.Integer()
    supervisor_hourly_ore = fields.Integer(
        metadata={"description": "Added per hour outside regular rental hours"})
    full_refund_hours = fields.Integer()
    partial_refund_hours = fields.Integer()
    partial_refund_percent = fields.Integer()


class PricesSchema(Schema):
    price_list = fields.Nested(PriceListSchema)
    rates = fields.List(fields.Nested(PriceRateSchema))


class PriceQuerySchema(Schema):
    date = fields.Date(metadata={"description": "The day the prices apply (default today)"})
    room_type = fields.String(validate=validate.OneOf([t.value for t in RoomType]))
    category = fields.String(validate=validate.OneOf([c.value for c in CustomerCategory]))


class PriceListWithRatesSchema(PriceListSchema):
    rates = fields.List(fields.Nested(PriceRateSchema))


class PriceListChangesSchema(Schema):
    """The fields to change; those left out stay as they are. Bookings already made keep
    the prices they were quoted; the cancellation policy applies from now on."""

    name = fields.String()
    valid_from = fields.Date()
    valid_to = fields.Date(allow_none=True, metadata={"description": "null: until replaced"})
    vat_percent = fields.Integer()
    supervisor_hourly_ore = fields.Integer()
    full_refund_hours = fields.Integer(metadata={
        "description": "Cancelled at least this long before: full refund"})
    partial_refund_hours = fields.Integer(metadata={
        "description": "At least this long before (and less than the above): partial refund"})
    partial_refund_percent = fields.Integer()


class NewPriceListSchema(Schema):
    name = fields.String(required=True)
    valid_from = fields.Date(required=True)
    copy_from = fields.Integer(load_default=None, allow_none=True, metadata={
        "description": "The list whose policy and rates to start from; default the one in "
                       "force on valid_from"})


class RateInSchema(Schema):
    hourly_ore = fields.Integer(required=True)
    cleaning_fee_ore = fields.Integer(load_default=0)
