"""POST /chat without the assistant running: validation, CSRF and the honest error.

The live conversations through Rasa are in assistant/tests."""

from __future__ import annotations

import re


def _csrf(client) -> str:
    page = client.get("/").text
    return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)


def test_browser_session_needs_the_csrf_header(client, world):
    response = client.post("/chat", json={"message": "Hei"}, headers={"Accept-Language": "nb"})
    assert response.status_code == 400
    assert response.json["error"]["code"] == "csrf_failed"


def test_bad_messages(client, world):
    headers = {"X-CSRFToken": _csrf(client), "Accept-Language": "en"}
    empty = client.post("/chat", json={"message": "  "}, headers=headers)
    assert empty.json["error"]["code"] == "empty_message"
    assert client.post("/chat", json={"text": "Hei"}, headers=headers).status_code == 422
    too_long = client.post("/chat", json={"message": "x" * 1001}, headers=headers)
    assert too_long.json["error"]["code"] == "message_too_long"


def test_assistant_down_gives_the_contact(client, world):
    response = client.post("/chat", json={"message": "Hei"},
                           headers={"X-CSRFToken": _csrf(client), "Accept-Language": "nb"})
    assert response.status_code == 503
    assert response.json["error"]["code"] == "assistant_unavailable"
    assert "67 50 40 50" in response.json["error"]["message"]


def test_bearer_token_clients_skip_csrf(client, world):
    response = client.post("/chat", json={"message": "Hei"}, headers=world.headers())
    assert response.status_code == 503  # authenticated and past CSRF; only Rasa is missing
    bad_token = client.post("/chat", json={"message": "Hei"},
                            headers={"Authorization": "Bearer nope"})
    assert bad_token.status_code == 401
