"""Forgotten and changed passwords.

A reset link is bound to the password it replaces, so it works once and dies
when the password changes another way. Asking for one looks the same whether
or not the address has an account: the lookup and the mail happen in a job.
Any new password ends the other logins and revokes the API tokens.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _

from booking.accounts import auth, events, links
from booking.accounts.models import User
from booking.accounts.operations import find_user_by_email
from booking.core import uow
from booking.core.db import db, utcnow
from booking.core.errors import InvalidInput

RESET = "reset-password"


def request_reset(email: str) -> None:
    from booking.accounts import tasks

    email = email.strip().lower()
    uow.after_commit(lambda: tasks.send_password_reset(email))


def send_reset(email: str) -> None:
    user = find_user_by_email(email)
    if user is None or user.is_deleted:
        return
    token = links.make(RESET, {"uid": user.id, "fp": links.fingerprint(user.password_hash)})
    events.password_reset_requested.send(user, token=token)


def user_for_reset(token: str) -> User | None:
    payload = links.read(RESET, token, current_app.config["RESET_LINK_TTL_SECONDS"])
    user = db.session.get(User, payload.get("uid")) if payload else None
    if user is None or user.is_deleted or \
            payload.get("fp") != links.fingerprint(user.password_hash):  # type: ignore[union-attr]
        return None
    return user


def reset(user: User, new_password: str) -> None:
    """Set the new password from a reset link: the link also proved the address."""
    user.set_password(new_password)
    user.email_confirmed_at = user.email_confirmed_at or utcnow()
    auth.end_other_logins(user)
    events.password_changed.send(user)


def change(user: User, current_password: str, new_password: str) -> None:
    if user.has_password and not user.check_password(current_password):
        raise InvalidInput(_("The current password is wrong."), code="wrong_password",
                           details={"current_password": "wrong"})
    user.set_password(new_password)
    auth.end_other_logins(user)
    events.password_changed.send(user)
