"""Who is calling: bearer tokens for API clients, or the browser session.

Tokens are signed and time-limited (itsdangerous) and carry the user's
``token_version``, so bumping it revokes every token issued before. A chat
token is the same kind of token with a short life: the web chat puts one in
each message it forwards to the assistant, whose actions then call the API
as that user.

A browser's login is a row in ``login_session`` whose random key the signed
cookie carries: logging out deletes the row, so a copy of the old cookie no
longer works, and a password change deletes every other row.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import UTC, datetime

from flask import abort, current_app, g, redirect, request, session, url_for
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import delete

from booking.accounts.models import LoginSession, User
from booking.core.db import db
from booking.core.errors import NotAuthenticated

TOKEN_SALT = "api-token"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=TOKEN_SALT)


def issue_token(user: User, kind: str = "api") -> str:
    return _serializer().dumps({"uid": user.id, "v": user.token_version, "k": kind})


def user_from_token(token: str) -> User | None:
    config = current_app.config
    try:
        payload, signed_at = _serializer().loads(
            token, max_age=config["API_TOKEN_TTL_SECONDS"], return_timestamp=True)
    except BadSignature:
        return None
    if payload.get("k") == "chat":
        age = (datetime.now(UTC) - signed_at).total_seconds()
        if age > config["CHAT_TOKEN_TTL_SECONDS"]:
            return None
    user = db.session.get(User, payload.get("uid"))
    if user is None or user.token_version != payload.get("v") or user.is_deleted:
        return None
    return user


def _key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def session_user() -> User | None:
    """The user logged in to the web site in this browser, if any."""
    if "session_user" in g:
        return g.session_user
    user = None
    key = session.get("login")
    if isinstance(key, str):
        login = db.session.get(LoginSession, _key_hash(key))
        user = db.session.get(User, login.user_id) if login is not None else None
        if user is None or user.is_deleted:
            user = None
            session.pop("login", None)  # ended elsewhere (logout, a new password)
    g.session_user = user
    return user


def page_user(allowed: Callable[[User], bool] | None = None) -> User:
    """The user of a page that needs one: a visitor is sent to log in, and back after;
    a user whom ``allowed`` refuses gets 403."""
    user = session_user()
    if user is None:
        abort(redirect(url_for("account.login", next=request.full_path.rstrip("?"))))
    if allowed is not None and not allowed(user):
        abort(403)
    return user


def log_in(user: User) -> None:
    """Start a login session in this browser (a fresh cookie against fixation; the same
    chat, so that a visitor asked to log in by the assistant goes on talking)."""
    keep = {name: session[name] for name in ("chat_id",) if name in session}
    session.clear()
    session.update(keep)
    key = secrets.token_urlsafe(32)
    db.session.add(LoginSession(key_hash=_key_hash(key), user_id=user.id,
                                user_agent=request.headers.get("User-Agent", "")[:200]))
    session["login"] = key
    session["lang"] = user.locale  # the pages in the user's own language, unless they chose one
    g.session_user = user


def log_out() -> None:
    key = session.get("login")
    if isinstance(key, str):
        db.session.execute(delete(LoginSession).where(LoginSession.key_hash == _key_hash(key)))
    session.clear()
    g.session_user = None


def end_other_logins(user: User) -> None:
    """Log the user out everywhere but here, and revoke their API tokens."""
    key = session.get("login")
    keep = _key_hash(key) if isinstance(key, str) and session_user() is user else ""
    db.session.execute(delete(LoginSession).where(LoginSession.user_id == user.id,
                                                  LoginSession.key_hash != keep))
    user.token_version += 1


def current_user() -> User | None:
    """The authenticated user of this request, or None for anonymous callers.

    A malformed or expired token is an error, not anonymity: the caller
    meant to be someone.
    """
    if "current_user" not in g:
        header = request.headers.get("Authorization", "")
        user = None
        if header:
            scheme, _sep, token = header.partition(" ")
            if scheme.lower() != "bearer" or not token:
                raise NotAuthenticated(_("Use an Authorization header of the form 'Bearer <token>'."))
            user = user_from_token(token.strip())
            if user is None:
                raise NotAuthenticated(_("The token is invalid or has expired. Log in again."),
                                       code="invalid_token")
        g.current_user = user
    return g.current_user


def require_user() -> User:
    user = current_user()
    if user is None:
        raise NotAuthenticated(_("You must log in."))
    return user
