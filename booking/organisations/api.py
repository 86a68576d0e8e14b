from __future__ import annotations

from flask_smorest import Blueprint

from booking.accounts.auth import require_user
from booking.organisations import operations
from booking.organisations.models import MemberRole, OrganisationCategory
from booking.organisations.schemas import (
    MemberCreateSchema,
    MemberSchema,
    OrganisationCreateSchema,
    OrganisationQuerySchema,
    OrganisationSchema,
)

blp = Blueprint("organisations", __name__, url_prefix="/api/v1",
                description="Associations, clubs and companies, and their members")


@blp.get("/organisations")
@blp.arguments(OrganisationQuerySchema, location="query")
@blp.response(200, OrganisationSchema(many=True))
def list_organisations(args):
    return operations.list_organisations(args.get("name"))


@blp.post("/organisations")
@blp.arguments(OrganisationCreateSchema)
@blp.response(201, OrganisationSchema)
@blp.doc(security=[{"bearerAuth": []}])
def create_organisation(args):
    """Register an organisation (the org number is checked); you become its admin."""
    user = require_user()
    args["category"] = OrganisationCategory(args["category"])
    return operations.register_organisation(user, **args)


@blp.get("/organisations/<int:organisation_id>")
@blp.response(200, OrganisationSchema)
def show_organisation(organisation_id: int):
    return operations.get_organisation(organisation_id)


@blp.get("/organisations/<int:organisation_id>/members")
@blp.response(200, MemberSchema(many=True))
@blp.doc(security=[{"bearerAuth": []}])
def list_members(organisation_id: int):
    user = require_user()
    organisation = operations.get_organisation(organisation_id)
    operations.ensure_can_see_members(user, organisation)
    return organisation.memberships


@blp.post("/organisations/<int:organisation_id>/members")
@blp.arguments(MemberCreateSchema)
@blp.response(201, MemberSchema)
@blp.doc(security=[{"bearerAuth": []}])
def add_member(args, organisation_id: int):
    """Add a registered user to the organisation (its admins)."""
    user = require_user()
    organisation = operations.get_organisation(organisation_id)
    return operations.add_member(user, organisation, args["email"], MemberRole(args["role"]))
