from __future__ import annotations

from marshmallow import Schema, fields, validate

from booking.organisations.models import MemberRole, OrganisationCategory


class OrganisationSchema(Schema):
    id = fields.Integer()
    name = fields.String()
    org_number = fields.String()
    home_municipality = fields.String()
    category = fields.String()
    email = fields.String()
    phone = fields.String()


class OrganisationCreateSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=2, max=200))
    org_number = fields.String(required=True, validate=validate.Length(min=9, max=20))
    home_municipality = fields.String(required=True, validate=validate.Length(min=2, max=80))
    category = fields.String(required=True,
                             validate=validate.OneOf([c.value for c in OrganisationCategory]))
    email = fields.Email(load_default="")
    phone = fields.String(load_default="", validate=validate.Length(max=40))


class OrganisationQuerySchema(Schema):
    name = fields.String(validate=validate.Length(max=200))


class MemberSchema(Schema):
    user_id = fields.Integer()
    name = fields.String(attribute="user.name")
    email = fields.String(attribute="user.email")
    role = fields.String()


class MemberCreateSchema(Schema):
    email = fields.Email(required=True)
    role = fields.String(load_default=MemberRole.MEMBER.value,
                         validate=validate.OneOf([r.value for r in MemberRole]))
