from __future__ import annotations

from flask_babel import gettext as _
from flask_smorest import Blueprint

from booking.accounts.auth import require_user
from booking.core.errors import Forbidden
from booking.organisations import claims, invitations, operations
from booking.organisations.models import MemberRole, OrganisationCategory
from booking.organisations.schemas import (
    ClaimDecisionSchema,
    ClaimSchema,
    InvitationAcceptSchema,
    InvitationCreateSchema,
    InvitationSchema,
    MemberSchema,
    OrganisationCreateSchema,
    OrganisationQuerySchema,
    OrganisationSchema,
    RoleSchema,
)

blp = Blueprint("organisations", __name__, url_prefix="/api/v1",
                description="Associations, clubs and companies, their members, invitations "
                            "and claimed categories")


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
    """Register an organisation (the org number is checked); you become its admin. A
    category that lowers the price is a claim: the private rate applies until a case
    officer verifies it."""
    user = require_user()
    args["category"] = OrganisationCategory(args["category"])
    return operations.register_organisation(user, **args)


@blp.get("/organisations/<int:organisation_id>")
@blp.response(200, OrganisationSchema)
def show_organisation(organisation_id: int):
    return operations.get_organisation(organisation_id)


@blp.put("/organisations/<int:organisation_id>")
@blp.arguments(OrganisationCreateSchema)
@blp.response(200, OrganisationSchema)
@blp.doc(security=[{"bearerAuth": []}])
def update_organisation(args, organisation_id: int):
    """Change the details (its admins). A changed number, category or municipality that
    lowers the price is checked again by a case officer."""
    user = require_user()
    organisation = operations.get_organisation(organisation_id)
    args["category"] = OrganisationCategory(args["category"])
    operations.update_organisation(user, organisation, **args)
    return organisation


@blp.get("/organisations/<int:organisation_id>/members")
@blp.response(200, MemberSchema(many=True))
@blp.doc(security=[{"bearerAuth": []}])
def list_members(organisation_id: int):
    user = require_user()
    organisation = operations.get_organisation(organisation_id)
    operations.ensure_can_see_members(user, organisation)
    return organisation.memberships


@blp.put("/organisations/<int:organisation_id>/members/<int:user_id>")
@blp.arguments(RoleSchema)
@blp.response(200, MemberSchema)
@blp.doc(security=[{"bearerAuth": []}])
def change_role(args, organisation_id: int, user_id: int):
    """Set a member's role: admin (manages and books), member (books), viewer (sees)."""
    user = require_user()
    organisation = operations.get_organisation(organisation_id)
    return operations.change_role(user, organisation, user_id, MemberRole(args["role"]))


@blp.delete("/organisations/<int:organisation_id>/members/<int:user_id>")
@blp.response(204)
@blp.doc(security=[{"bearerAuth": []}])
def remove_member(organisation_id: int, user_id: int):
    """Remove a member (its admins), or leave (your own id)."""
    user = require_user()
    operations.remove_member(user, operations.get_organisation(organisation_id), user_id)


@blp.get("/organisations/<int:organisation_id>/invitations")
@blp.response(200, InvitationSchema(many=True))
@blp.doc(security=[{"bearerAuth": []}])
def list_invitations(organisation_id: int):
    user = require_user()
    organisation = operations.get_organisation(organisation_id)
    if not organisation.can_manage_members(user):
        raise Forbidden(_("Only the organisation's admins can see its invitations."))
    return invitations.open_invitations(organisation)


@blp.post("/organisations/<int:organisation_id>/invitations")
@blp.arguments(InvitationCreateSchema)
@blp.response(201, InvitationSchema)
@blp.doc(security=[{"bearerAuth": []}])
def invite(args, organisation_id: int):
    """Invite someone by e-mail (its admins). The answer is the same whether or not the
    address has an account; the invitation is accepted from the mailed link."""
    user = require_user()
    organisation = operations.get_organisation(organisation_id)
    return invitations.invite(user, organisation, args["email"], MemberRole(args["role"]))


@blp.get("/organisation-claims")
@blp.response(200, ClaimSchema(many=True))
@blp.doc(security=[{"bearerAuth": []}])
def pending_claims():
    """Claimed categories waiting for a case officer, oldest first."""
    user = require_user()
    if not user.can_verify_claims:
        raise Forbidden(_("Only case officers verify categories."))
    return claims.pending()


@blp.post("/organisations/<int:organisation_id>/claim-decision")
@blp.arguments(ClaimDecisionSchema)
@blp.response(200, ClaimSchema)
@blp.doc(security=[{"bearerAuth": []}])
def decide_claim(args, organisation_id: int):
    """Verify the claimed category (the reduced rate applies from now on) or refuse it with
    a reason; the organisation is told by e-mail."""
    user = require_user()
    organisation = operations.get_organisation(organisation_id)
    claims.decide(user, organisation, verified=args["verified"], reason=args["reason"])
    return organisation


@blp.post("/invitations/accept")
@blp.arguments(InvitationAcceptSchema)
@blp.response(201, MemberSchema)
@blp.doc(security=[{"bearerAuth": []}])
def accept_invitation(args):
    """Accept an invitation with the token from its e-mail link, as the calling user."""
    user = require_user()
    return invitations.accept(user, invitations.find(args["token"]))
