"""Signed, expiring tokens for the links we mail (confirm an address, reset a password).

Each kind has its own salt, so one kind of link never works as another. A token
carries a fingerprint of what it was issued against (the password hash, the
address): once that changes the link is dead, so a reset link works once.
"""

from __future__ import annotations

import hashlib
from typing import Any

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer


def _serializer(kind: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"link-{kind}")


def fingerprint(*values: str | None) -> str:
    return hashlib.sha256("\x00".join(v or "" for v in values).encode()).hexdigest()[:16]


def make(kind: str, payload: dict[str, Any]) -> str:
    return _serializer(kind).dumps(payload)


def read(kind: str, token: str, max_age_seconds: int) -> dict[str, Any] | None:
    """The payload, or None for a link that is forged, of another kind, or too old."""
    try:
        payload = _serializer(kind).loads(token, max_age=max_age_seconds)
    except BadSignature:
        return None
    return payload if isinstance(payload, dict) else None
