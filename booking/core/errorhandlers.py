"""Render every error in one place: the JSON envelope for the API, a page otherwise."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from booking.core import uow
from booking.core.errors import AppError

log = logging.getLogger(__name__)


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/chat" or (
        request.accept_mimetypes.best == "application/json"
    )


def _envelope(status: int, code: str, message: str, details: Any = None):
    response = jsonify({"error": {"code": code, "message": message, "details": details}})
    response.status_code = status
    return response


def translate_field_messages(messages: Any) -> Any:
    """Marshmallow's messages are English; translate the ones we know."""
    if isinstance(messages, dict):
        return {key: translate_field_messages(value) for key, value in messages.items()}
    if isinstance(messages, list):
        return [translate_field_messages(m) for m in messages]
    if isinstance(messages, str):
        if messages in FIELD_MESSAGES:
            return FIELD_MESSAGES[messages]()
        for prefix, translated in FIELD_MESSAGE_PREFIXES:
            if messages.startswith(prefix):
                return translated()
    return messages


# Marshmallow and webargs defaults, translated at render time.
FIELD_MESSAGES = {
    "Missing data for required field.": lambda: _("This field is required."),
    "Not a valid integer.": lambda: _("Not a valid whole number."),
    "Not a valid string.": lambda: _("Not a valid text."),
    "Not a valid boolean.": lambda: _("Not a valid yes/no value."),
    "Not a valid date.": lambda: _("Not a valid date (use YYYY-MM-DD)."),
    "Not a valid time.": lambda: _("Not a valid time (use HH:MM)."),
    "Not a valid email address.": lambda: _("Not a valid email address."),
    "Unknown field.": lambda: _("Unknown field."),
    "Field may not be null.": lambda: _("This field may not be empty."),
    "Invalid input type.": lambda: _("Wrong type of value."),
    "Invalid JSON body.": lambda: _("The request body is not valid JSON."),
    "Not a valid list.": lambda: _("Not a valid list."),
    # Our own schemas' messages (written in English there, like marshmallow's).
    "Use at least 10 characters.": lambda: _("Use at least 10 characters."),
    "Use digits, spaces and + only.": lambda: _("Use digits, spaces and + only."),
    "Must be equal to True.": lambda: _("Tick the box to confirm."),
}


def _error_page(status: int, message: str | None = None):
    """An error as a page in the site's look and the visitor's language (never the
    framework's English text)."""
    titles = {
        400: (_("The request could not be understood"),
              _("Something in the address or the form was not as expected. Go back and try again.")),
        401: (_("You must log in"), _("Log in to see this page.")),
        403: (_("No access"), _("You do not have access to this page.")),
        404: (_("Page not found"), _("The page does not exist, or it has moved.")),
        405: (_("Not allowed"), _("That method is not allowed here.")),
        429: (_("Too many attempts"), _("Too many requests. Try again shortly.")),
        500: (_("Something went wrong"),
              _("The error is ours. Try again in a little while; if it keeps happening, "
                "contact us.")),
    }
    title, default = titles.get(status, titles[500] if status >= 500 else titles[400])
    return render_template("error.html", status=status, title=title,
                           message=message or default), status


# Marshmallow's validators put the limits into the text; say it plainly instead.
FIELD_MESSAGE_PREFIXES = [
    ("Must be one of", lambda: _("Choose one of the options.")),
    ("Must be greater than or equal to", lambda: _("The number is outside what is allowed.")),
    ("Must be less than or equal to", lambda: _("The number is outside what is allowed.")),
    ("Length must be", lambda: _("The text is too long or too short.")),
    ("Shorter than minimum length", lambda: _("This field is required.")),
]


def _render_http_exception(error: HTTPException):
    status = error.code or 500
    if not _wants_json():
        return _error_page(status)
    data = getattr(error, "data", None) or {}
    field_messages = data.get("messages")
    if status == 422 and field_messages:
        # webargs/marshmallow validation: one message, per-field details.
        details = translate_field_messages(field_messages)
        details = details.get("json", details) if isinstance(details, dict) else details
        details = details.get("query", details) if isinstance(details, dict) else details
        return _envelope(422, "invalid", _("Some fields are invalid."), details)
    if status == 400 and field_messages:
        return _envelope(400, "malformed_request", _("The request body is not valid JSON."),
                         None)
    messages = {
        400: ("bad_request", _("The request could not be understood.")),
        401: ("not_authenticated", _("You must log in.")),
        403: ("forbidden", _("You do not have access to this.")),
        404: ("not_found", _("Not found.")),
        405: ("method_not_allowed", _("That method is not allowed here.")),
        415: ("unsupported_media_type", _("Send the request body as JSON.")),
        429: ("too_many_requests", _("Too many requests. Try again shortly.")),
    }
    code, message = messages.get(status, ("error", _("Something went wrong.")))
    return _envelope(status, code, message)


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(AppError)
    def handle_app_error(error: AppError):
        uow.rollback()  # a failed request leaves nothing half-written
        if not _wants_json():
            return _error_page(error.status, error.message)
        response = jsonify(error.to_dict())
        response.status_code = error.status
        return response

    @app.errorhandler(HTTPException)
    def handle_http_exception(error: HTTPException):
        uow.rollback()
        return _render_http_exception(error)

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception):
        uow.rollback()
        log.exception("unhandled error", exc_info=error)
        if not _wants_json():
            return _error_page(500)
        return _envelope(500, "internal_error", _("Something went wrong. Please try again."))
