"""Languages: bokmål first, nynorsk and English, chosen from Accept-Language."""

from __future__ import annotations

from flask import current_app, has_request_context, request
from flask_babel import Babel, get_locale

babel = Babel()

# Browsers often send plain "no" (Norwegian) for bokmål.
ALIASES = {"no": "nb", "nb-no": "nb", "nn-no": "nn"}


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return languages[0]
    for value, _quality in request.accept_languages:
        tag = ALIASES.get(value.lower(), value.lower())
        if tag in languages:
            return tag
        base = tag.split("-")[0]
        if base in languages:
            return base
    return languages[0]


def current_language() -> str:
    return str(get_locale() or "nb")
