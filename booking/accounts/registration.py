"""Registering an account and confirming its e-mail address.

Nothing a visitor sees tells whether an address is registered: the page always
says "check your e-mail", and the work that differs (making the account, or
telling the owner that someone tried) happens in a job after the response
(``accounts.tasks``), so the response takes as long either way.
"""

from __future__ import annotations

from flask import current_app
from werkzeug.security import generate_password_hash

from booking.accounts import events, links
from booking.accounts.models import User
from booking.accounts.operations import find_user_by_email
from booking.core import uow
from booking.core.db import db, utcnow

CONFIRM = "confirm-email"


def hash_password(password: str) -> str:
    return generate_password_hash(password,
                                  method=current_app.config.get("PASSWORD_HASH_METHOD", "scrypt"))


def request_registration(*, email: str, name: str, password: str, locale: str) -> None:
    """Queue the registration; the caller shows the same page whatever happens next."""
    from booking.accounts import tasks

    password_hash = hash_password(password)  # here, so every request costs one hash
    email = email.strip().lower()
    uow.after_commit(lambda: tasks.register_account(email, name.strip(), password_hash, locale))


def register(email: str, name: str, password_hash: str, locale: str) -> None:
    """Make the account unconfirmed and send the link; for a confirmed address, tell its
    owner instead. An unconfirmed one takes the newest details, so an address typed by
    someone else cannot be held: only the mailbox's owner can confirm it."""
    user = find_user_by_email(email)
    if user is not None and user.email_confirmed_at is not None:
        events.registered_again.send(user)
        return
    if user is None:
        user = User(email=email, name=name, locale=locale)
        db.session.add(user)
    user.name, user.locale, user.password_hash = name, locale, password_hash
    db.session.flush()
    send_confirmation(user)


def confirmation_token(user: User) -> str:
    return links.make(CONFIRM, {"uid": user.id,
                                "fp": links.fingerprint(user.email, user.password_hash)})


def send_confirmation(user: User) -> None:
    events.confirmation_needed.send(user, token=confirmation_token(user))


def confirm_email(token: str) -> User | None:
    """The account the link confirms (again, if it was already), or None for a link that
    is wrong, too old, or made before the details changed."""
    payload = links.read(CONFIRM, token, current_app.config["CONFIRM_LINK_TTL_SECONDS"])
    user = db.session.get(User, payload.get("uid")) if payload else None
    if user is None or user.is_deleted or \
            payload.get("fp") != links.fingerprint(user.email, user.password_hash):  # type: ignore[union-attr]
        return None
    if user.email_confirmed_at is None:
        user.email_confirmed_at = utcnow()
    return user
