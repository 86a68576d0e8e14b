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
    claim_status = fields.String(metadata={"description": (
        "none: nothing claimed that lowers the price; pending: the category or home "
        "municipality lowers the price and waits for a case officer (the private rate "
        "applies until then); verified; refused")})


class ClaimSchema(OrganisationSchema):
    """What a case officer decides on."""

    claim_note = fields.String()
    claim_reason = fields.String()
    claim_decided_at = fields.DateTime()
    created_at = fields.DateTime()


class OrganisationCreateSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=2, max=200))
    org_number = fields.String(required=True, validate=validate.Length(min=9, max=20))
    home_municipality = fields.String(required=True, validate=validate.Length(min=2, max=80))
    category = fields.String(required=True,
                             validate=validate.OneOf([c.value for c in OrganisationCategory]))
    email = fields.Email(load_default="")
    phone = fields.String(load_default="", validate=validate.Length(max=40))
    claim_note = fields.String(load_default="", validate=validate.Length(max=2000), metadata={
        "description": "What backs a claimed category: who the members are, what you do."})


class OrganisationQuerySchema(Schema):
    name = fields.String(validate=validate.Length(max=200))


class MemberSchema(Schema):
    user_id = fields.Integer()
    name = fields.String(attribute="user.name")
    email = fields.String(attribute="user.email")
    role = fields.String()


class InvitationCreateSchema(Schema):
    email = fields.Email(required=True, validate=validate.Length(max=200))
    role = fields.String(load_default=MemberRole.MEMBER.value,
                         validate=validate.OneOf([r.value for r in MemberRole]))


class InvitationSchema(Schema):
    id = fields.Integer()
    email = fields.String()
    role = fields.String()
    created_at = fields.DateTime()
    expires_at = fields.DateTime()


class RoleSchema(Schema):
    role = fields.String(required=True, validate=validate.OneOf([r.value for r in MemberRole]))


class ClaimDecisionSchema(Schema):
    verified = fields.Boolean(required=True)
    reason = fields.String(load_default="", validate=validate.Length(max=2000))


class InvitationAcceptSchema(Schema):
    token = fields.String(required=True, validate=validate.Length(min=10, max=100))
