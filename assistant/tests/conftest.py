"""Real servers for the assistant's tests, started once per session.

The web app runs from the main environment (Python 3.11) as its own
process on a temporary SQLite database with the demo municipality: the
assistant talks to it over HTTP only, as in production.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
import requests
from servers import free_port, start_actions, start_rasa, start_web, stop, wait_until_up

DEMO_PASSWORD = "demo-passord"


@pytest.fixture(scope="session")
def ports() -> dict[str, int]:
    return {"web": free_port(), "rasa": free_port(), "actions": free_port()}


@pytest.fixture(scope="session")
def web_url(tmp_path_factory, ports) -> Iterator[str]:
    """The web app, migrated and seeded, on a free port. Yields its base URL."""
    database = tmp_path_factory.mktemp("web") / "assistant-tests.sqlite3"
    process = start_web(database, ports["web"], ports["rasa"])
    try:
        yield f"http://127.0.0.1:{ports['web']}"
    finally:
        stop(process)


@pytest.fixture(scope="session")
def api_url(web_url) -> str:
    return web_url + "/api/v1"


def token_for(api_url: str, email: str) -> str:
    response = requests.post(f"{api_url}/auth/token", json={"email": email,
                                                           "password": DEMO_PASSWORD}, timeout=5)
    response.raise_for_status()
    return response.json()["access_token"]


def upcoming(weekday: int, weeks_ahead: int = 3) -> date:
    """A weekday some weeks ahead, avoiding the demo's school holidays and public holidays."""
    import holidays

    day = date.today() + timedelta(weeks=weeks_ahead)
    day += timedelta(days=(weekday - day.weekday()) % 7)
    closed = [(date(2026, 12, 19), date(2027, 1, 3)), (date(2027, 2, 22), date(2027, 2, 28)),
              (date(2027, 3, 20), date(2027, 3, 29)), (date(2027, 6, 19), date(2027, 8, 15))]
    while day in holidays.Norway(years=day.year) or any(a <= day <= b for a, b in closed):
        day += timedelta(weeks=1)
    return day


@pytest.fixture(scope="session")
def assistant(web_url, ports, tmp_path_factory) -> Iterator[str]:
    """The action server and the Rasa server (trained model from the cache), once per
    session. Yields the web app's URL: conversations go browser-side through /chat."""
    import model

    logs = tmp_path_factory.mktemp("assistant-logs")
    actions = start_actions(ports["actions"], web_url + "/api/v1", logs)
    rasa = start_rasa(ports["rasa"], ports["actions"], model.model_path(), logs)
    try:
        wait_until_up(f"http://127.0.0.1:{ports['actions']}/health", actions, timeout=120)
        wait_until_up(f"http://127.0.0.1:{ports['rasa']}/", rasa, timeout=240)
        yield web_url
    finally:
        stop(rasa, actions)
