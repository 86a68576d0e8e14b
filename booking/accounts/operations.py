"""Account use cases."""

from __future__ import annotations

import functools
import secrets

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from booking.accounts.models import Role, User
from booking.core.db import db, utcnow
from booking.core.errors import Conflict, NotAuthenticated


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def authenticate(email: str, password: str) -> User:
    """The user with this e-mail and password. The same answer, after the same work (one
    password hash), whether the account exists or not: nothing tells which."""
    user = find_user_by_email(email)
    if user is None:
        check_password_hash(_unknown_user_hash(), password)
        raise NotAuthenticated(_("Wrong email or password."), code="invalid_credentials")
    if not user.check_password(password):
        raise NotAuthenticated(_("Wrong email or password."), code="invalid_credentials")
    if user.email_confirmed_at is None:  # told only to someone who knows the password
        raise NotAuthenticated(_("Confirm your e-mail address first: open the link we sent you. "
                                 "We have sent a new one."), code="email_unconfirmed")
    return user


@functools.cache
def _hash_for(method: str) -> str:
    return generate_password_hash(secrets.token_hex(16), method=method)


def _unknown_user_hash() -> str:
    return _hash_for(current_app.config.get("PASSWORD_HASH_METHOD", "scrypt"))


def create_user(email: str, name: str, password: str, role: Role = Role.RESIDENT,
                phone: str = "", locale: str = "nb") -> User:
    """An account made by the municipality (staff, the demo): its address counts as
    confirmed. People registering themselves go through ``registration``."""
    if find_user_by_email(email) is not None:
        raise Conflict(_("A user with this email already exists."), code="email_taken")
    user = User(email=email.strip().lower(), name=name, role=role, phone=phone, locale=locale,
                email_confirmed_at=utcnow())
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user
