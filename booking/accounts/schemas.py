from __future__ import annotations

from marshmallow import Schema, fields, validate


class TokenRequestSchema(Schema):
    email = fields.Email(required=True)
    password = fields.String(required=True, validate=validate.Length(min=1, max=200))


class TokenSchema(Schema):
    access_token = fields.String()
    token_type = fields.String()
    expires_in = fields.Integer()


class MembershipSchema(Schema):
    organisation_id = fields.Integer()
    organisation_name = fields.String(attribute="organisation.name")
    role = fields.String()


class UserSchema(Schema):
    id = fields.Integer()
    email = fields.String()
    name = fields.String()
    role = fields.String()
    locale = fields.String()
    memberships = fields.List(fields.Nested(MembershipSchema))
    caretaker_of = fields.Method("_caretaker_of")

    def _caretaker_of(self, user) -> list[int]:
        return [b.id for b in user.caretaker_of]
