"""Rasa's REST channel, behind a bearer token (see auth.py).

credentials.yml names it; the web app's /chat sends the token. The webhook's
address stays /webhooks/rest/webhook.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from auth import bearer_matches, required_token, unauthorised
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint
from sanic.request import Request

TOKEN_VARIABLE = "RASA_TOKEN"


class TokenRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        return cls(required_token(TOKEN_VARIABLE))

    def __init__(self, token: str) -> None:
        self.token = token

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        webhook = super().blueprint(on_new_message)

        @webhook.middleware("request")
        async def check_token(request: Request):
            if request.path.endswith("/webhook") and not bearer_matches(request, self.token):
                return unauthorised()
            return None

        return webhook
