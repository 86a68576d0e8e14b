"""The organisation pages: my organisations, register and edit one, its members, roles and
invitations, accepting an invitation; and the case officers' list of claimed categories.

Thin, like the account pages: the API's schemas read the forms, the operations in
``operations``, ``invitations`` and ``claims`` decide.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from booking.accounts.auth import session_user
from booking.accounts.models import User
from booking.core.errors import AppError
from booking.core.forms import read_form
from booking.core.limits import mail_request_limits
from booking.organisations import claims, invitations, operations
from booking.organisations.models import (
    ClaimStatus,
    MemberRole,
    Organisation,
    OrganisationCategory,
    category_label,
    role_label,
)
from booking.organisations.schemas import (
    ClaimDecisionSchema,
    InvitationCreateSchema,
    OrganisationCreateSchema,
    RoleSchema,
)

bp = Blueprint("organisation", __name__)  # the API blueprint is "organisations"
bp.add_app_template_filter(category_label, "organisation_category")
bp.add_app_template_filter(role_label, "member_role")


def _user_or_login() -> User | ResponseReturnValue:
    user = session_user()
    if user is None:
        return redirect(url_for("account.login", next=request.full_path))
    return user


def _field_of(error: AppError, fallback: str) -> str:
    details = error.details
    return next(iter(details)) if isinstance(details, dict) and details else fallback


def _organisation_values(values: dict) -> dict:
    return {**values, "category": OrganisationCategory(values["category"])}


@bp.get("/organisasjoner")
def mine() -> ResponseReturnValue:
    user = _user_or_login()
    if not isinstance(user, User):
        return user
    memberships = sorted(user.memberships, key=lambda m: m.organisation.name)
    return render_template("organisations/mine.html", memberships=memberships)


@bp.route("/organisasjoner/ny", methods=["GET", "POST"])
def register() -> ResponseReturnValue:
    user = _user_or_login()
    if not isinstance(user, User):
        return user
    form = MultiDict(request.form) if request.method == "POST" else \
        MultiDict({"home_municipality": _municipality()})
    errors: dict[str, str] = {}
    if request.method == "POST":
        result = read_form(OrganisationCreateSchema(), request.form)
        errors = dict(result.errors)
        if result.values is not None:
            try:
                organisation = operations.register_organisation(
                    user, **_organisation_values(result.values))
            except AppError as refused:
                errors[_field_of(refused, "org_number")] = refused.message
            else:
                flash(_("%(name)s is registered, and you are its admin.", name=organisation.name))
                return redirect(url_for("organisation.detail", organisation_id=organisation.id),
                                code=303)
    return render_template("organisations/edit.html", form=form, errors=errors,
                           organisation=None), 422 if errors else 200


def _municipality() -> str:
    from flask import current_app

    return current_app.config["MUNICIPALITY_NAME"]


@bp.get("/organisasjoner/<int:organisation_id>")
def detail(organisation_id: int) -> ResponseReturnValue:
    user = _user_or_login()
    if not isinstance(user, User):
        return user
    return _detail_page(user, operations.get_organisation(organisation_id))


def _detail_page(user: User, organisation: Organisation, form: MultiDict | None = None,
                 errors: dict[str, str] | None = None) -> ResponseReturnValue:
    if not organisation.can_see_members(user):
        abort(404)  # an organisation's members are its own business
    return render_template(
        "organisations/detail.html", organisation=organisation, errors=errors or {},
        form=form or MultiDict({"role": MemberRole.MEMBER.value}),
        manage=organisation.can_manage_members(user), me=user.membership_in(organisation.id),
        invitations=invitations.open_invitations(organisation),
        members=sorted(organisation.memberships, key=lambda m: (m.role != MemberRole.ADMIN,
                                                                m.user.name)),
        roles=list(MemberRole)), 422 if errors else 200


@bp.route("/organisasjoner/<int:organisation_id>/rediger", methods=["GET", "POST"])
def edit(organisation_id: int) -> ResponseReturnValue:
    user = _user_or_login()
    if not isinstance(user, User):
        return user
    organisation = operations.get_organisation(organisation_id)
    if not organisation.can_edit(user):
        abort(403)
    errors: dict[str, str] = {}
    if request.method == "POST":
        form = MultiDict(request.form)
        result = read_form(OrganisationCreateSchema(), request.form)
        errors = dict(result.errors)
        if result.values is not None:
            try:
                operations.update_organisation(user, organisation,
                                               **_organisation_values(result.values))
            except AppError as refused:
                errors[_field_of(refused, "org_number")] = refused.message
            else:
                flash(_("The changes are saved."))
                return redirect(url_for("organisation.detail", organisation_id=organisation.id),
                                code=303)
    else:
        form = MultiDict({name: getattr(organisation, name) for name in (
            "name", "org_number", "home_municipality", "email", "phone", "claim_note")})
        form["category"] = organisation.category.value
    return render_template("organisations/edit.html", form=form, errors=errors,
                           organisation=organisation), 422 if errors else 200


@bp.post("/organisasjoner/<int:organisation_id>/inviter")
@mail_request_limits("invite", lambda: f"user-{getattr(session_user(), 'id', '')}")
def invite(organisation_id: int) -> ResponseReturnValue:
    user = _user_or_login()
    if not isinstance(user, User):
        return user
    organisation = operations.get_organisation(organisation_id)
    if not organisation.can_manage_members(user):
        abort(403)
    result = read_form(InvitationCreateSchema(), request.form)
    if result.values is None:
        return _detail_page(user, organisation, MultiDict(request.form), result.errors)
    invitations.invite(user, organisation, result.values["email"], MemberRole(result.values["role"]))
    flash(_("The invitation is sent to %(email)s.", email=result.values["email"]))
    return redirect(url_for("organisation.detail", organisation_id=organisation.id), code=303)


@bp.post("/organisasjoner/<int:organisation_id>/invitasjoner/<int:invitation_id>/trekk")
def withdraw(organisation_id: int, invitation_id: int) -> ResponseReturnValue:
    user = _user_or_login()
    if not isinstance(user, User):
        return user
    organisation = operations.get_organisation(organisation_id)
    invitations.withdraw(user, organisation, invitation_id)
    flash(_("The invitation is withdrawn."))
    return redirect(url_for("organisation.detail", organisation_id=organisation.id), code=303)


@bp.post("/organisasjoner/<int:organisation_id>/medlemmer/<int:user_id>/rolle")
def change_role(organisation_id: int, user_id: int) -> ResponseReturnValue:
    user = _user_or_login()
    if not isinstance(user, User):
        return user
    organisation = operations.get_organisation(organisation_id)
    result = read_form(RoleSchema(), request.form)
    if result.values is None:
        return _detail_page(user, organisation, errors=result.errors)
    try:
        membership = operations.change_role(user, organisation, user_id,
                                            MemberRole(result.values["role"]))
    except AppError as refused:
        return _detail_page(user, organisation, errors={f"role-{user_id}": refused.message})
    flash(_("%(name)s is now %(role)s.", name=membership.user.name,
            role=role_label(membership.role)))
    return redirect(url_for("organisation.detail", organisation_id=organisation.id), code=303)


@bp.post("/organisasjoner/<int:organisation_id>/medlemmer/<int:user_id>/fjern")
def remove_member(organisation_id: int, user_id: int) -> ResponseReturnValue:
    user = _user_or_login()
    if not isinstance(user, User):
        return user
    organisation = operations.get_organisation(organisation_id)
    try:
        operations.remove_member(user, organisation, user_id)
    except AppError as refused:
        return _detail_page(user, organisation, errors={f"role-{user_id}": refused.message})
    if user_id == user.id:
        flash(_("You have left %(name)s.", name=organisation.name))
        return redirect(url_for("organisation.mine"), code=303)
    flash(_("The member is removed."))
    return redirect(url_for("organisation.detail", organisation_id=organisation.id), code=303)


@bp.route("/invitasjon/<token>", methods=["GET", "POST"])
def invitation(token: str) -> ResponseReturnValue:
    """Anyone with the link sees which organisation invites; accepting needs a login."""
    try:
        found = invitations.find(token)
    except AppError as missing:
        return render_template("organisations/invitation.html", invitation=None,
                               error=missing.message), 404
    user = session_user()
    if request.method == "POST" and user is not None:
        if request.form.get("answer") == "decline":
            invitations.decline(found)
            flash(_("You declined the invitation."))
            return redirect(url_for("organisation.mine"), code=303)
        try:
            invitations.accept(user, found)
        except AppError as refused:
            return render_template("organisations/invitation.html", invitation=found,
                                   error=refused.message), 409
        flash(_("You are now a member of %(name)s.", name=found.organisation.name))
        return redirect(url_for("organisation.detail", organisation_id=found.organisation_id),
                        code=303)
    return render_template("organisations/invitation.html", invitation=found, error=None)


@bp.get("/saksbehandling/organisasjoner")
def claims_page() -> ResponseReturnValue:
    user = _user_or_login()
    if not isinstance(user, User):
        return user
    if not user.can_verify_claims:
        abort(403)
    return _claims(user)


def _claims(user: User, errors: dict[str, str] | None = None,
            form: MultiDict | None = None) -> ResponseReturnValue:
    return render_template("organisations/claims.html", pending=claims.pending(), user=user,
                           errors=errors or {}, form=form or MultiDict()), \
        422 if errors else 200


@bp.post("/saksbehandling/organisasjoner/<int:organisation_id>")
def decide(organisation_id: int) -> ResponseReturnValue:
    user = _user_or_login()
    if not isinstance(user, User):
        return user
    if not user.can_verify_claims:
        abort(403)
    organisation = operations.get_organisation(organisation_id)
    form = MultiDict(request.form)
    form["verified"] = "true" if request.form.get("decision") == "verify" else "false"
    result = read_form(ClaimDecisionSchema(), form)
    if result.values is None:
        return _claims(user, {f"reason-{organisation_id}": next(iter(result.errors.values()))}, form)
    try:
        claims.decide(user, organisation, verified=result.values["verified"],
                      reason=result.values["reason"])
    except AppError as refused:
        return _claims(user, {f"reason-{organisation_id}": refused.message}, form)
    flash(_("%(name)s: the category is verified.", name=organisation.name)
          if organisation.claim_status is ClaimStatus.VERIFIED else
          _("%(name)s: the claim is refused, and the organisation is told why.",
            name=organisation.name))
    return redirect(url_for("organisation.claims_page"), code=303)


@bp.app_template_global()
def unverified_claim(organisation_id: str | int | None) -> Organisation | None:
    """The organisation chosen on a search or booking page, if it claims a reduced rate
    not yet verified: the page then says why the price is the private one."""
    try:
        organisation = operations.get_organisation(int(organisation_id or 0))
    except (ValueError, AppError):
        return None
    waiting = organisation.claim_status in (ClaimStatus.PENDING, ClaimStatus.REFUSED)
    return organisation if waiting else None
