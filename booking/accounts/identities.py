"""Logins at an OpenID Connect provider (ID-porten), bound to the provider's subject.

The subject identifier (``sub``) is the only thing trusted: ID-porten sends no e-mail,
and another provider's e-mail may be unverified or belong to someone else by now. So an
external login never finds an account by its e-mail address: the first login makes a
new account, and an existing local account gets the login only when its owner, logged
in to it, asks for the link.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from booking.accounts.models import ExternalIdentity, User
from booking.core.db import db
from booking.core.errors import Conflict, Forbidden, NotFound


def find(provider: str, subject: str) -> ExternalIdentity | None:
    return db.session.scalar(select(ExternalIdentity).where(
        ExternalIdentity.provider == provider, ExternalIdentity.subject == subject))


def display_name(claims: Mapping[str, Any]) -> str:
    """The person's name from the claims, if the provider sent one ("" otherwise)."""
    name = claims.get("name")
    if not isinstance(name, str) or not name.strip():
        parts = (claims.get("given_name"), claims.get("family_name"))
        name = " ".join(p.strip() for p in parts if isinstance(p, str) and p.strip())
    return name.strip()[:200]


def user_for_login(provider: str, subject: str, claims: Mapping[str, Any], locale: str) -> User:
    """The account this external login belongs to; a new one at its first login."""
    identity = find(provider, subject)
    if identity is not None:
        return identity.user
    user = User(email=None, name=display_name(claims), locale=locale)
    user.identities.append(ExternalIdentity(provider=provider, subject=subject))
    db.session.add(user)
    db.session.flush()
    return user


def link(user: User, provider: str, subject: str) -> bool:
    """Add the external login to the logged-in user's account. False if it was already
    theirs; refused if it belongs to another account (which keeps it)."""
    identity = find(provider, subject)
    if identity is not None:
        if identity.user_id != user.id:
            raise Conflict(_("This login is already linked to another account. Log in with it "
                             "and delete that account first if you want it here."),
                           code="identity_taken")
        return False
    user.identities.append(ExternalIdentity(provider=provider, subject=subject))
    db.session.flush()
    return True


def unlink(user: User, identity_id: int) -> None:
    """Remove an external login, unless it is the account's last way in."""
    identity = next((i for i in user.identities if i.id == identity_id), None)
    if identity is None:
        raise NotFound(_("No such login on your account."))
    if not user.has_password and len(user.identities) == 1:
        raise Forbidden(_("This is the only way you log in. Add an e-mail address and a "
                          "password first, or you could not log in again."), code="last_login")
    user.identities.remove(identity)
    db.session.flush()
