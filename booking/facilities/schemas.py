from __future__ import annotations

from marshmallow import Schema, fields, validate

from booking.core.schemas import LocalDateTime
from booking.facilities.labels import facility_label, room_type_label
from booking.facilities.models import ClosureKind, Facility, RoomType

AREA_FILTER = ("An area such as Rykkinn or Fornebu, matched case-insensitively and exactly "
               "(\"jar\" finds Jar, not Jaren).")


class BuildingBriefSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    area = fields.String()


class BuildingSchema(BuildingBriefSchema):
    address = fields.String()
    postcode = fields.String()
    city = fields.String()
    description = fields.String()
    contact_phone = fields.String()
    contact_email = fields.String()
    room_ids = fields.Method("_room_ids")

    def _room_ids(self, building) -> list[int]:
        return [room.id for room in building.rooms if room.is_active]


class WindowSchema(Schema):
    weekday = fields.Integer(metadata={"description": "0 = Monday"})
    starts = fields.Time(format="%H:%M")
    ends = fields.Time(format="%H:%M")
    by_agreement = fields.Boolean(metadata={"description": "Needs approval and a supervisor"})
    valid_from = fields.Date(allow_none=True)
    valid_to = fields.Date(allow_none=True)


class RoomBriefSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    room_type = fields.String()
    room_type_label = fields.Function(lambda room: room_type_label(room.room_type))
    capacity = fields.Integer()
    facilities = fields.List(fields.String())
    facility_labels = fields.Function(lambda room: [facility_label(f) for f in room.facilities])
    building = fields.Nested(BuildingBriefSchema)
    requires_approval = fields.Boolean()
    unit_ids = fields.List(fields.Integer())


class RoomSchema(RoomBriefSchema):
    area_m2 = fields.Integer(allow_none=True)
    description = fields.String()
    rules = fields.String()
    access_instructions = fields.String()
    windows = fields.List(fields.Nested(WindowSchema))


CAPACITY = validate.Range(min=1, max=10000)


class RoomQuerySchema(Schema):
    capacity = fields.Integer(validate=CAPACITY, metadata={"description": "At least this many people"})
    facility = fields.List(fields.String(validate=validate.OneOf([f.value for f in Facility])))
    room_type = fields.String(validate=validate.OneOf([t.value for t in RoomType]))
    building_id = fields.Integer(validate=validate.Range(min=1))
    area = fields.String(validate=validate.Length(max=80), metadata={"description": AREA_FILTER})


class BuildingQuerySchema(Schema):
    area = fields.String(validate=validate.Length(max=80), metadata={"description": AREA_FILTER})


class ClosureQuerySchema(Schema):
    date_from = fields.Date(required=True, data_key="from")
    date_to = fields.Date(required=True, data_key="to")
    building_id = fields.Integer(validate=validate.Range(min=1))


class ClosureCreateSchema(Schema):
    first_day = fields.Date(required=True)
    last_day = fields.Date(required=True)
    reason = fields.String(required=True, validate=validate.Length(min=1, max=200))
    kind = fields.String(load_default=ClosureKind.OTHER.value,
                         validate=validate.OneOf([k.value for k in ClosureKind]))
    building_id = fields.Integer(validate=validate.Range(min=1))
    room_id = fields.Integer(validate=validate.Range(min=1))


class ClosureSchema(Schema):
    id = fields.Integer()
    kind = fields.String()
    reason = fields.String()
    building_id = fields.Integer(allow_none=True)
    room_id = fields.Integer(allow_none=True)
    starts_at = LocalDateTime()
    ends_at = LocalDateTime()
