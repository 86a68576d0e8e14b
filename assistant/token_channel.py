"""Rasa's REST channel, behind a bearer token (see auth.py).

credentials.yml names it; the web app's /chat sends the token. The webhook's
address stays /webhooks/rest/webhook. Beside it, DELETE
/webhooks/rest/conversations/<sender>: the web app deletes the conversations of a
deleted account (Rasa's HTTP API can replace a tracker's events but not delete
them, and the SQL store only ever appends).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from auth import bearer_matches, required_token, unauthorised
from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore, TrackerStore
from sanic import Blueprint, response
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
            guarded = request.path.endswith("/webhook") or "/conversations/" in request.path
            if guarded and not bearer_matches(request, self.token):
                return unauthorised()
            return None

        @webhook.route("/conversations/<sender_id>", methods=["DELETE"])
        async def forget(request: Request, sender_id: str):
            delete_conversation(request.app.ctx.agent.tracker_store, sender_id)
            return response.json({"deleted": sender_id})

        return webhook


def delete_conversation(store: TrackerStore, sender_id: str) -> None:
    """Remove every event of one conversation from the store under Rasa's wrappers."""
    while hasattr(store, "_tracker_store"):  # FailSafeTrackerStore, AwaitableTrackerStore
        store = store._tracker_store
    if isinstance(store, SQLTrackerStore):
        with store.session_scope() as session:
            session.query(store.SQLEvent).filter_by(sender_id=sender_id).delete()
            session.commit()
    elif isinstance(store, InMemoryTrackerStore):
        store.store.pop(sender_id, None)
    else:
        raise NotImplementedError(f"deleting from {type(store).__name__}")
