"""Languages: bokmål first, nynorsk and English.

The page's language is, in this order: the one the visitor chose with the
language switcher (a cookie, so it lasts across visits and logins), the
logged-in user's own (put in the session at login), then Accept-Language.
"""

from __future__ import annotations

from flask import current_app, has_request_context, request, session
from flask_babel import Babel, get_locale

babel = Babel()

LANGUAGE_COOKIE = "lang"
# Browsers often send plain "no" (Norwegian) for bokmål.
ALIASES = {"no": "nb", "nb-no": "nb", "nn-no": "nn"}
# The switcher shows each language in itself.
LANGUAGE_NAMES = {"nb": "Bokmål", "nn": "Nynorsk", "en": "English"}


def supported(tag: str | None) -> str | None:
    """The supported language a tag names ("nb-NO", "no", "EN"), or None."""
    if not tag:
        return None
    tag = ALIASES.get(tag.lower(), tag.lower())
    languages = current_app.config["LANGUAGES"]
    if tag in languages:
        return tag
    base = tag.split("-")[0]
    return base if base in languages else None


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return languages[0]
    chosen = supported(request.cookies.get(LANGUAGE_COOKIE)) or supported(session.get("lang"))
    if chosen:
        return chosen
    for value, _quality in request.accept_languages:
        if language := supported(value):
            return language
    return languages[0]


def current_language() -> str:
    return str(get_locale() or "nb")
