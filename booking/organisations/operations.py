"""Organisation use cases: register with a checked org number, manage members."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from booking.accounts.models import User
from booking.accounts.operations import find_user_by_email
from booking.core.db import db
from booking.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from booking.organisations import orgnumber
from booking.organisations.models import MemberRole, Membership, Organisation, OrganisationCategory


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


def register_organisation(creator: User, *, name: str, org_number: str, home_municipality: str,
                          category: OrganisationCategory, email: str = "",
                          phone: str = "") -> Organisation:
    """Register an organisation; whoever registers it becomes its first admin."""
    number = orgnumber.normalise(org_number)
    if not orgnumber.is_valid(number):
        raise InvalidInput(
            _("%(number)s is not a valid organisation number (nine digits with a correct "
              "check digit).", number=org_number),
            code="invalid_org_number", details={"org_number": org_number},
        )
    if db.session.scalar(select(Organisation.id).where(Organisation.org_number == number)):
        raise Conflict(_("An organisation with number %(number)s is already registered.",
                         number=number), code="org_number_taken")
    organisation = Organisation(name=name.strip(), org_number=number,
                                home_municipality=home_municipality.strip(),
                                category=category, email=email, phone=phone)
    organisation.memberships.append(Membership(user=creator, role=MemberRole.ADMIN))
    db.session.add(organisation)
    db.session.flush()
    return organisation


def ensure_can_see_members(user: User, organisation: Organisation) -> None:
    if not organisation.can_see_members(user):
        raise Forbidden(_("Only the organisation's members can see its members."))


def add_member(actor: User, organisation: Organisation, email: str,
               role: MemberRole) -> Membership:
    if not organisation.can_manage_members(actor):
        raise Forbidden(_("Only the organisation's admins can add members."))
    user = find_user_by_email(email)
    if user is None:
        raise NotFound(_("No user has the email %(email)s.", email=email), code="user_not_found")
    if user.membership_in(organisation.id):
        raise Conflict(_("%(email)s is already a member.", email=email), code="already_member")
    new = Membership(user=user, organisation=organisation, role=role)
    db.session.add(new)
    db.session.flush()
    return new
