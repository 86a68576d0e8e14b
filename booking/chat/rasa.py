"""Talking to the Rasa server's REST channel."""

from __future__ import annotations

from typing import Any

import requests
from flask import current_app


class AssistantUnavailable(RuntimeError):
    pass


def send(sender: str, message: str, metadata: dict[str, Any]) -> list[dict[str, Any]]:
    """One user message in, the assistant's messages out (text and buttons only)."""
    config = current_app.config
    try:
        response = requests.post(
            f"{config['RASA_URL'].rstrip('/')}/webhooks/rest/webhook",
            json={"sender": sender, "message": message, "metadata": metadata},
            headers={"Authorization": f"Bearer {config['RASA_TOKEN']}"},
            timeout=config["RASA_TIMEOUT_SECONDS"],
        )
        response.raise_for_status()
        replies = response.json()
    except (requests.RequestException, ValueError) as error:
        raise AssistantUnavailable(str(error)) from error
    return [
        {"text": reply.get("text", ""),
         "buttons": [{"title": b.get("title", ""), "payload": b.get("payload", "")}
                     for b in reply.get("buttons") or []]}
        for reply in replies if reply.get("text") or reply.get("buttons")
    ]


def forget(sender: str) -> None:
    """Have the assistant delete one conversation from its tracker store (the endpoint is
    ours: assistant/token_channel.py). Done when it answers, also when it had none."""
    config = current_app.config
    try:
        response = requests.delete(
            f"{config['RASA_URL'].rstrip('/')}/webhooks/rest/conversations/{sender}",
            headers={"Authorization": f"Bearer {config['RASA_TOKEN']}"},
            timeout=config["RASA_TIMEOUT_SECONDS"],
        )
        response.raise_for_status()
    except requests.RequestException as error:
        raise AssistantUnavailable(str(error)) from error
