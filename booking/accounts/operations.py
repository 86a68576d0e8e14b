"""Account use cases."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select

from booking.accounts.models import Role, User
from booking.core.db import db
from booking.core.errors import Conflict, NotAuthenticated


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))


def authenticate(email: str, password: str) -> User:
    user = find_user_by_email(email)
    if user is None or not user.check_password(password):
        raise NotAuthenticated(_("Wrong email or password."), code="invalid_credentials")
    return user


def create_user(email: str, name: str, password: str, role: Role = Role.RESIDENT,
                phone: str = "", locale: str = "nb") -> User:
    if find_user_by_email(email) is not None:
        raise Conflict(_("A user with this email already exists."), code="email_taken")
    user = User(email=email.strip().lower(), name=name, role=role, phone=phone, locale=locale)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user
