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


def test_the_rate_limit_counts_each_conversation_and_then_the_address(db_app, world):
    """Two people behind one office address each have their own limit; many more
    messages from that address, whoever sends them, meet the address's limit."""
    from booking.core.limits import limiter

    db_app.config.update(CHAT_RATE_LIMIT="3 per minute", CHAT_RATE_LIMIT_PER_ADDRESS="5 per minute")
    limiter.reset()
    try:
        first, second = db_app.test_client(), db_app.test_client()

        def send(client):
            return client.post("/chat", json={"message": "Hei"},
                               headers={"X-CSRFToken": _csrf(client), "Accept-Language": "nb"})

        assert [send(first).status_code for _ in range(4)] == [503, 503, 503, 429]
        refused = send(first)
        assert "for mange" in refused.json["error"]["message"].lower()
        # The same address, another conversation: on until the address has sent five.
        assert [send(second).status_code for _ in range(3)] == [503, 503, 429]
    finally:
        db_app.config.update(CHAT_RATE_LIMIT="30 per minute",
                             CHAT_RATE_LIMIT_PER_ADDRESS="600 per minute")
        limiter.reset()


def test_a_logged_in_users_conversation_is_recorded_for_deleting(db_app, world):
    """The conversation is noted only once the assistant has it (here it is down: none)."""
    from booking.chat.models import ChatConversation
    from booking.core.db import db

    client = db_app.test_client()
    response = client.post("/chat", json={"message": "Hei"}, headers=world.headers())
    assert response.status_code == 503
    with db_app.app_context():
        assert db.session.scalars(db.select(ChatConversation)).all() == []
