"""Rasa's webhook and the action server refuse callers without the shared token,
and the chat works with it (the conversation tests)."""

from __future__ import annotations

import pytest
import requests
from servers import TOKENS

pytestmark = pytest.mark.usefixtures("assistant")

MESSAGE = {"sender": "intruder", "message": "hei", "metadata": {"token": "forged"}}
ACTION_CALL = {"next_action": "action_greet", "sender_id": "intruder", "version": "3.6.2",
               "tracker": {"sender_id": "intruder", "slots": {}, "latest_message": {},
                           "events": []}, "domain": {}}


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"},
                                     {"Authorization": TOKENS["RASA_TOKEN"]}])
def test_rasa_webhook_refuses_a_missing_or_wrong_token(ports, headers):
    response = requests.post(f"http://127.0.0.1:{ports['rasa']}/webhooks/rest/webhook",
                             json=MESSAGE, headers=headers, timeout=30)
    assert response.status_code == 401


def test_rasa_webhook_answers_with_the_token(ports):
    response = requests.post(f"http://127.0.0.1:{ports['rasa']}/webhooks/rest/webhook",
                             json={**MESSAGE, "metadata": {}}, timeout=30,
                             headers={"Authorization": f"Bearer {TOKENS['RASA_TOKEN']}"})
    assert response.status_code == 200
    assert response.json()[0]["text"].startswith("Hei")


@pytest.mark.parametrize("headers", [{}, {"Authorization": f"Bearer {TOKENS['RASA_TOKEN']}"}])
def test_action_server_refuses_a_missing_or_wrong_token(ports, headers):
    url = f"http://127.0.0.1:{ports['actions']}"
    assert requests.post(f"{url}/webhook", json=ACTION_CALL, headers=headers,
                         timeout=30).status_code == 401
    assert requests.get(f"{url}/actions", headers=headers, timeout=30).status_code == 401


def test_action_server_runs_actions_with_the_token(ports):
    response = requests.post(f"http://127.0.0.1:{ports['actions']}/webhook", json=ACTION_CALL,
                             headers={"Authorization": f"Bearer {TOKENS['ACTIONS_TOKEN']}"},
                             timeout=30)
    assert response.status_code == 200
    assert response.json()["responses"][0]["text"].startswith("Hei")
