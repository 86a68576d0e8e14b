"""Shared-secret tokens on both of the assistant's doors.

Rasa and the action server listen on 127.0.0.1 only, but any local process could
still talk to them: the REST webhook would take a forged user token in the
metadata, and the action server would run actions for anyone. So each requires a
bearer token that only the processes started together know (`make run` makes new
ones on every start). Neither Rasa 3.6's channels nor rasa-sdk 3.6 check one.
"""

from __future__ import annotations

import hmac
import os
from typing import Any

from sanic import response
from sanic.request import Request


class MissingToken(RuntimeError):
    pass


def required_token(variable: str) -> str:
    """Refuse to start without a secret rather than run with an open door."""
    token = os.environ.get(variable, "")
    if len(token) < 16:
        raise MissingToken(f"set {variable} to a random secret of at least 16 characters")
    return token


def bearer_matches(request: Request, token: str) -> bool:
    given = request.headers.get("Authorization", "")
    return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


def unauthorised() -> Any:
    return response.json({"error": "unauthorised"}, status=401)
