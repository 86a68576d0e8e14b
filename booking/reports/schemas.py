from __future__ import annotations

from marshmallow import Schema, fields, validate

from booking.facilities.models import RoomType


class UtilisationQuerySchema(Schema):
    from_ = fields.Date(required=True, data_key="from", metadata={"description": "First day, in Oslo"})
    to = fields.Date(required=True, metadata={"description": "Last day (inclusive), at most 366 days on"})
    building_id = fields.Integer(validate=validate.Range(min=1),
                                 metadata={"description": "One school (default: all)"})
    room_type = fields.String(validate=validate.OneOf([t.value for t in RoomType]),
                              metadata={"description": "One room type (default: all)"})
    format = fields.String(load_default="json", validate=validate.OneOf(["json", "csv"]),
                           metadata={"description": "json, or csv (';', UTF-8 with BOM)"})


class FiguresSchema(Schema):
    rentable_hours = fields.Float(metadata={"description": "Unit-hours in the regular windows, "
                                            "less closures and public holidays"})
    booked_hours = fields.Float(metadata={"description": "Of those, unit-hours booked"})
    used_hours = fields.Float(metadata={"description": "Booked, over, not a no-show"})
    booked_share = fields.Float(allow_none=True, metadata={"description": "0..1"})
    used_share = fields.Float(allow_none=True, metadata={"description": "0..1"})


class TotalSchema(FiguresSchema):
    outside_hours = fields.Float(metadata={
        "description": "Unit-hours booked outside the regular windows (by agreement), apart"})


class WeekSchema(FiguresSchema):
    year = fields.Integer()
    week = fields.Integer(metadata={"description": "ISO week"})


class WeekdayHourSchema(FiguresSchema):
    weekday = fields.Integer(metadata={"description": "0 = Monday"})
    hour = fields.Integer(metadata={"description": "Local hour, 0-23"})


class BuildingFiguresSchema(TotalSchema):
    building_id = fields.Integer()
    building = fields.String()


class EveningSchema(FiguresSchema):
    building_id = fields.Integer()
    building = fields.String()
    date = fields.Date()
    open_hours = fields.Float(metadata={"description": "Hours any of its rooms is rentable"})


class ScopeSchema(Schema):
    building_id = fields.Integer(allow_none=True)
    room_type = fields.String(allow_none=True)
    name = fields.String()


class UtilisationSchema(Schema):
    scope = fields.Nested(ScopeSchema)
    from_ = fields.Date(data_key="from", attribute="from")
    to = fields.Date()
    units = fields.Integer(metadata={"description": "Units (a split hall's halves) counted"})
    counted = fields.Dict(metadata={"description": "What counts as booked and used"})
    total = fields.Nested(TotalSchema)
    by_week = fields.List(fields.Nested(WeekSchema))
    by_weekday_hour = fields.List(fields.Nested(WeekdayHourSchema))
    by_building = fields.List(fields.Nested(BuildingFiguresSchema))
    emptiest_evenings = fields.List(fields.Nested(EveningSchema), metadata={
        "description": "Evenings with a booking, smallest share of the school's unit-hours first"})
    unbooked_evenings = fields.Integer(metadata={"description": "School evenings with nothing booked"})
