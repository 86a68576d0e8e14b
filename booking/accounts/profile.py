"""The user's own account: details, e-mail address, their data, and deleting it all."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_babel import gettext as _

from booking.accounts import auth, events, links
from booking.accounts.models import LoginSession, User
from booking.accounts.operations import find_user_by_email
from booking.core.db import db, utcnow
from booking.core.errors import Conflict, Forbidden, InvalidInput

CHANGE_EMAIL = "change-email"


def update_details(user: User, *, name: str, phone: str, locale: str,
                   wants_reminders: bool = True) -> None:
    user.name, user.phone, user.locale = name.strip(), phone.strip(), locale
    user.wants_reminders = wants_reminders


def request_email_change(user: User, new_email: str) -> None:
    """Mail a link to the new address; the old one stays until it is opened. The page says
    the same whether or not the new address already has an account."""
    new_email = new_email.strip().lower()
    if new_email == (user.email or ""):
        raise InvalidInput(_("That is already your e-mail address."), code="same_email",
                           details={"email": "same"})
    token = links.make(CHANGE_EMAIL, {"uid": user.id, "new": new_email,
                                      "fp": links.fingerprint(user.email)})
    events.email_change_requested.send(user, new_email=new_email, token=token)


def confirm_email_change(user: User, token: str) -> str:
    """Take the new address from the link, for the user who asked for it; the old address
    is told. Returns the new address."""
    payload = links.read(CHANGE_EMAIL, token, current_app.config["CONFIRM_LINK_TTL_SECONDS"])
    if not payload or payload.get("uid") != user.id or \
            payload.get("fp") != links.fingerprint(user.email):
        raise InvalidInput(_("The link is wrong or too old. Ask for a new one on your account "
                             "page."), code="invalid_link")
    new_email = str(payload["new"])
    if find_user_by_email(new_email) is not None:
        raise Conflict(_("Another account uses %(email)s. Log in to that one, or delete it "
                         "first.", email=new_email), code="email_taken")
    old_email = user.email
    user.email, user.email_confirmed_at = new_email, utcnow()
    if old_email:
        events.email_changed.send(user, old_email=old_email)
    return new_email


def export(user: User) -> dict[str, Any]:
    """Everything we hold about the user, as the data portability right asks."""
    data: dict[str, Any] = {
        "exported_at": utcnow().isoformat(),
        "account": {
            "id": user.id, "name": user.name, "email": user.email, "phone": user.phone,
            "language": user.locale, "role": user.role.value,
            "created_at": user.created_at.isoformat(),
            "email_confirmed_at": user.email_confirmed_at.isoformat()
            if user.email_confirmed_at else None,
            "caretaker_of": [b.name for b in user.caretaker_of],
        },
        "logins": [{"provider": i.provider, "linked_at": i.created_at.isoformat()}
                   for i in user.identities],
        "active_sessions": db.session.query(LoginSession).filter_by(user_id=user.id).count(),
        "organisations": [{"id": m.organisation_id, "name": m.organisation.name,
                           "role": m.role.value} for m in user.memberships],
    }
    for _receiver, sections in events.data_export.send(user):
        data.update(sections or {})
    return data


def delete(user: User, *, password: str | None) -> None:
    """Delete the account: what the municipality must keep (bookings, for its accounts and
    statistics) stays, pointing at an empty row; the rest goes. The receivers of
    ``account_deleting`` cancel the future bookings and delete the chat and the mail."""
    if user.has_password and not user.check_password(password or ""):
        raise InvalidInput(_("The password is wrong."), code="wrong_password",
                           details={"password": "wrong"})
    sole_admin_of = [m.organisation.name for m in user.memberships if m.is_admin
                     and len(m.organisation.memberships) > 1
                     and not any(o.is_admin for o in m.organisation.memberships if o is not m)]
    if sole_admin_of:
        raise Forbidden(_("You are the only administrator of %(names)s. Make another member "
                          "administrator first.", names=", ".join(sole_admin_of)),
                        code="sole_admin")
    events.account_deleting.send(user)
    auth.end_other_logins(user)
    auth.log_out()
    user.memberships.clear()
    user.identities.clear()
    user.caretaker_of.clear()
    user.email = None
    user.email_confirmed_at = None
    user.password_hash = None
    user.name, user.phone = "", ""
    user.deleted_at = utcnow()
    db.session.flush()
