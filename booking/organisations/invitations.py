"""Invitations by e-mail. The inviter learns nothing about the address: not whether it has
an account, nor a name. The invitation is accepted by whoever opens the mailed link while
logged in (or after logging in or registering), and only once.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from booking.accounts.models import User
from booking.core.db import db, utcnow
from booking.core.errors import Conflict, Forbidden, NotFound
from booking.organisations import events
from booking.organisations.models import Invitation, MemberRole, Membership, Organisation


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite(actor: User, organisation: Organisation, email: str, role: MemberRole) -> Invitation:
    if not organisation.can_manage_members(actor):
        raise Forbidden(_("Only the organisation's admins can invite members."))
    email = email.strip().lower()
    now = utcnow()
    for earlier in organisation.invitations:  # a new invitation replaces an open one
        if earlier.email == email and earlier.is_open(now):
            earlier.expires_at = now
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        organisation=organisation, email=email, role=role, token_hash=_hash(token),
        invited_by_id=actor.id, created_at=now,
        expires_at=now + timedelta(days=current_app.config["INVITATION_TTL_DAYS"]))
    db.session.add(invitation)
    db.session.flush()
    events.invitation_sent.send(invitation, token=token, inviter=actor)
    return invitation


def open_invitations(organisation: Organisation, now: datetime | None = None) -> list[Invitation]:
    now = now or utcnow()
    return sorted((i for i in organisation.invitations if i.is_open(now)),
                  key=lambda i: i.created_at)


def find(token: str) -> Invitation:
    invitation = db.session.scalar(select(Invitation).where(Invitation.token_hash == _hash(token)))
    if invitation is None or not invitation.is_open(utcnow()):
        raise NotFound(_("The invitation does not exist, has been used or is too old. Ask the "
                         "organisation for a new one."), code="invitation_not_found")
    return invitation


def accept(user: User, invitation: Invitation) -> Membership:
    if user.membership_in(invitation.organisation_id) is not None:
        raise Conflict(_("You are already a member of %(name)s.",
                         name=invitation.organisation.name), code="already_member")
    membership = Membership(user=user, organisation=invitation.organisation, role=invitation.role)
    db.session.add(membership)
    invitation.accepted_at = utcnow()
    db.session.flush()
    return membership


def decline(invitation: Invitation) -> None:
    invitation.expires_at = utcnow()


def withdraw(actor: User, organisation: Organisation, invitation_id: int) -> None:
    if not organisation.can_manage_members(actor):
        raise Forbidden(_("Only the organisation's admins can withdraw invitations."))
    invitation = next((i for i in organisation.invitations if i.id == invitation_id), None)
    if invitation is None:
        raise NotFound(_("No such invitation."), code="invitation_not_found")
    invitation.expires_at = utcnow()
