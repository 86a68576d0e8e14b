from __future__ import annotations

from marshmallow import Schema, fields, validate

from booking.calendars.models import FeedScope
from booking.core.schemas import LocalDateTime


class FeedCreateSchema(Schema):
    scope = fields.String(required=True, validate=validate.OneOf([s.value for s in FeedScope]))
    target_id = fields.Integer(required=True, validate=validate.Range(min=1, max=2**31 - 1),
                               metadata={"description": "The building, room, organisation or "
                                                        "user (yourself)"})


class FeedSchema(Schema):
    id = fields.Integer()
    scope = fields.String()
    target_id = fields.Integer()
    name = fields.String()
    created_at = LocalDateTime()
    url = fields.String(metadata={"description": "The secret address: only when made or renewed"})
