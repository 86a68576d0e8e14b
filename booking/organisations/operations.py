"""Organisation use cases: register and edit with a checked org number, members and roles.

Invitations are in ``invitations``, claimed categories in ``claims``.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from booking.accounts.models import User
from booking.core.db import db
from booking.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from booking.organisations import claims, orgnumber
from booking.organisations.models import (
    ClaimStatus,
    MemberRole,
    Membership,
    Organisation,
    OrganisationCategory,
)


def get_organisation(organisation_id: int) -> Organisation:
    organisation = db.session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound(_("Organisation %(id)s does not exist.", id=organisation_id),
                       code="organisation_not_found")
    return organisation


def list_organisations(name: str | None = None) -> list[Organisation]:
    query = select(Organisation).order_by(Organisation.name)
    if name:
        query = query.where(Organisation.name.ilike(f"%{name.strip()}%"))
    return list(db.session.scalars(query))


def _checked_number(org_number: str) -> str:
    number = orgnumber.normalise(org_number)
    if not orgnumber.is_valid(number):
        raise InvalidInput(
            _("%(number)s is not a valid organisation number (nine digits with a correct "
              "check digit).", number=org_number),
            code="invalid_org_number", details={"org_number": org_number},
        )
    return number


def _ensure_number_free(number: str, organisation_id: int | None = None) -> None:
    taken = db.session.scalar(select(Organisation.id).where(Organisation.org_number == number))
    if taken is not None and taken != organisation_id:
        raise Conflict(_("An organisation with number %(number)s is already registered.",
                         number=number), code="org_number_taken",
                       details={"org_number": number})


def register_organisation(creator: User, *, name: str, org_number: str, home_municipality: str,
                          category: OrganisationCategory, email: str = "",
                          phone: str = "", claim_note: str = "") -> Organisation:
    """Register an organisation; whoever registers it becomes its first admin. A category
    that lowers the price is a claim for a case officer (``claims``)."""
    number = _checked_number(org_number)
    _ensure_number_free(number)
    organisation = Organisation(name=name.strip(), org_number=number,
                                home_municipality=home_municipality.strip(),
                                category=category, email=email, phone=phone)
    claims.reassess(organisation, claim_note)
    organisation.memberships.append(Membership(user=creator, role=MemberRole.ADMIN))
    db.session.add(organisation)
    db.session.flush()
    return organisation


def update_organisation(actor: User, organisation: Organisation, *, name: str, org_number: str,
                        home_municipality: str, category: OrganisationCategory,
                        email: str = "", phone: str = "", claim_note: str = "") -> None:
    """Edit the details. A changed number, category or municipality is checked again by a
    case officer where it lowers the price (the number is what they look up)."""
    if not organisation.can_edit(actor):
        raise Forbidden(_("Only the organisation's admins can change it."))
    number = _checked_number(org_number)
    _ensure_number_free(number, organisation.id)
    basis = (organisation.org_number, organisation.category, organisation.home_municipality)
    organisation.name, organisation.org_number = name.strip(), number
    organisation.home_municipality, organisation.category = home_municipality.strip(), category
    organisation.email, organisation.phone = email, phone
    changed = basis != (number, category, organisation.home_municipality)
    if changed or claim_note.strip() != organisation.claim_note:
        if changed or organisation.claim_status is not ClaimStatus.VERIFIED:
            claims.reassess(organisation, claim_note)
        else:
            organisation.claim_note = claim_note.strip()
    db.session.flush()


def ensure_can_see_members(user: User, organisation: Organisation) -> None:
    if not organisation.can_see_members(user):
        raise Forbidden(_("Only the organisation's members can see its members."))


def _membership(organisation: Organisation, user_id: int) -> Membership:
    membership = next((m for m in organisation.memberships if m.user_id == user_id), None)
    if membership is None:
        raise NotFound(_("That person is not a member."), code="member_not_found")
    return membership


def _keeps_an_admin(organisation: Organisation, without: Membership) -> bool:
    return any(m.is_admin for m in organisation.memberships if m is not without)


def change_role(actor: User, organisation: Organisation, user_id: int, role: MemberRole) -> Membership:
    if not organisation.can_manage_members(actor):
        raise Forbidden(_("Only the organisation's admins can change members' roles."))
    membership = _membership(organisation, user_id)
    if membership.is_admin and role is not MemberRole.ADMIN and \
            not _keeps_an_admin(organisation, membership):
        raise Conflict(_("The organisation must keep at least one admin."), code="last_admin")
    membership.role = role
    db.session.flush()
    return membership


def remove_member(actor: User, organisation: Organisation, user_id: int) -> None:
    """An admin removes a member, or a member leaves (``user_id`` their own)."""
    if actor.id != user_id and not organisation.can_manage_members(actor):
        raise Forbidden(_("Only the organisation's admins can remove members."))
    membership = _membership(organisation, user_id)
    if membership.is_admin and not _keeps_an_admin(organisation, membership):
        raise Conflict(_("The organisation must keep at least one admin. Make another member "
                         "admin first."), code="last_admin")
    organisation.memberships.remove(membership)
    db.session.flush()
