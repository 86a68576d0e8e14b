"""Who is calling: bearer tokens for API clients, or the browser session.

Tokens are signed and time-limited (itsdangerous) and carry the user's
``token_version``, so bumping it revokes every token issued before. A chat
token is the same kind of token with a short life: the web chat puts one in
each message it forwards to the assistant, whose actions then call the API
as that user.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app, g, request, session
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer

from booking.accounts.models import User
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
    if user is None or user.token_version != payload.get("v"):
        return None
    return user


def session_user() -> User | None:
    """The user logged in to the web site in this browser, if any."""
    user_id = session.get("user_id")
    if user_id is None:
        return None
    user = db.session.get(User, user_id)
    if user is None or session.get("token_version") != user.token_version:
        session.clear()
        return None
    return user


def log_in(user: User) -> None:
    # A fresh session against fixation, but the same chat: a visitor asked to log in
    # by the assistant continues the conversation afterwards.
    chat_id = session.get("chat_id")
    session.clear()
    if chat_id:
        session["chat_id"] = chat_id
    session["user_id"] = user.id
    session["token_version"] = user.token_version
    session["lang"] = user.locale  # the pages in the user's own language, unless they chose one


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
