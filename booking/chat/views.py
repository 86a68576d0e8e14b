"""POST /chat: the browser's (or an API client's) way to the assistant.

The user is the browser session (with a CSRF token) or a bearer token. Flask
adds who they are to the message metadata as a short-lived chat token, which
the assistant's actions use to call the API as that user.
"""

from __future__ import annotations

import secrets

from flask import Blueprint, current_app, jsonify, request, session, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import validate_csrf
from wtforms import ValidationError

from booking.accounts.auth import current_user, issue_token, session_user
from booking.chat import forgetting, rasa
from booking.core import uow
from booking.core.errors import AppError, InvalidInput
from booking.core.i18n import current_language
from booking.core.limits import limiter

bp = Blueprint("chat", __name__)

MAX_MESSAGE_LENGTH = 1000


class AssistantDown(AppError):
    status = 503
    code = "assistant_unavailable"


def _chat_user():
    """Bearer token for API clients; otherwise the browser session, which must send CSRF."""
    if request.headers.get("Authorization"):
        return current_user()
    try:
        validate_csrf(request.headers.get("X-CSRFToken"))
    except ValidationError as error:
        raise AppError(_("The page has expired. Reload it and try again."),
                       code="csrf_failed") from error
    return session_user()


def _sender(user) -> str:
    """A stable conversation id: this browser's (kept across login), or the API user's."""
    if request.headers.get("Authorization") and user is not None:
        return f"user-{user.id}"
    if "chat_id" not in session:
        session["chat_id"] = secrets.token_hex(8)
    return f"web-{session['chat_id']}"


def _conversation_key() -> str:
    """Who the per-conversation limit counts: the user, or this browser's chat."""
    user = _chat_user() if request.headers.get("Authorization") else session_user()
    return f"chat:{_sender(user)}" if user is None else f"chat:user-{user.id}"


# Per conversation, so that people in one office or school (one network address) do not
# share a limit; per address as well, but higher, for clients that drop their cookie.
@bp.post("/chat")
@limiter.limit(lambda: current_app.config["CHAT_RATE_LIMIT_PER_ADDRESS"], scope="chat-address")
@limiter.limit(lambda: current_app.config["CHAT_RATE_LIMIT"], scope="chat-conversation",
               key_func=_conversation_key)
def chat():
    body = request.get_json(silent=True)
    message = body.get("message") if isinstance(body, dict) else None
    if not isinstance(message, str) or not message.strip():
        raise InvalidInput(_("Write a message."), code="empty_message")
    if len(message) > MAX_MESSAGE_LENGTH:
        raise InvalidInput(_("The message is too long (at most %(n)s characters).",
                             n=MAX_MESSAGE_LENGTH), code="message_too_long")
    user = _chat_user()
    metadata = {
        "language": current_language(),
        "login_url": url_for("account.login", _external=True),
        "bookings_url": url_for("bookings.my_bookings", _external=True),
    }
    if user is not None:
        metadata["token"] = issue_token(user, kind="chat")
        metadata["user_name"] = user.name
    sender = _sender(user)
    # End this request's transaction before waiting on the assistant: on SQLite a POST
    # holds the write lock, and the assistant's own API calls (a booking) need it.
    uow.rollback()
    try:
        replies = rasa.send(sender, message.strip(), metadata)
    except rasa.AssistantUnavailable as error:
        raise AssistantDown(_("The assistant is not available right now. %(contact)s",
                              contact=current_app.config["MUNICIPALITY_CONTACT"])) from error
    # So that deleting the account, or the retention period, deletes the conversation too.
    forgetting.record(user, sender)
    if not replies:  # Rasa answered, but its action failed: say so rather than nothing
        replies = [{"text": _("I could not answer that just now. %(contact)s",
                              contact=current_app.config["MUNICIPALITY_CONTACT"]), "buttons": []}]
    return jsonify({"messages": replies})
