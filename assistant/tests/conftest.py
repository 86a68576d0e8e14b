"""Real servers for the assistant's tests, started once per session.

The web app runs from the main environment (Python 3.11) as its own
process on a temporary SQLite database with the demo municipality: the
assistant talks to it over HTTP only, as in production.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import requests
from servers import free_port, start_actions, start_rasa, start_web, stop, wait_until_up

DEMO_PASSWORD = "demo-passord"
SQLITE_TIME = "%Y-%m-%d %H:%M:%S.%f"  # how the web app stores UTC times in SQLite


@pytest.fixture(scope="session")
def ports() -> dict[str, int]:
    return {"web": free_port(), "rasa": free_port(), "actions": free_port()}


@pytest.fixture(scope="session")
def web_database(tmp_path_factory) -> Path:
    """The web app's SQLite file, for the few tests that look at what it wrote."""
    return tmp_path_factory.mktemp("web") / "assistant-tests.sqlite3"


@pytest.fixture(scope="session")
def assistant_logs(tmp_path_factory) -> Path:
    """The servers' logs, and Rasa's tracker store (tracker.sqlite3)."""
    return tmp_path_factory.mktemp("assistant-logs")


@pytest.fixture(scope="session")
def web_url(web_database, ports) -> Iterator[str]:
    """The web app, migrated and seeded, on a free port. Yields its base URL."""
    process = start_web(web_database, ports["web"], ports["rasa"])
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


@pytest.fixture(scope="session")
def upcoming(api_url) -> Callable[..., date]:
    """``upcoming(weekday, weeks_ahead=3)``: the first such weekday some weeks ahead that the
    platform does not close (school holidays, public holidays), asked of the API itself:
    the closed spans of a room's schedule. Never arithmetic on today alone."""

    def find(weekday: int, weeks_ahead: int = 3) -> date:
        day = date.today() + timedelta(weeks=weeks_ahead)
        day += timedelta(days=(weekday - day.weekday()) % 7)
        for _ in range(52):
            schedule = requests.get(f"{api_url}/rooms/1/schedule", timeout=10, params={
                "from": day.isoformat(), "to": day.isoformat()})
            schedule.raise_for_status()
            if not schedule.json()["closed"]:
                return day
            day += timedelta(weeks=1)
        raise AssertionError(f"no open weekday {weekday} within a year")

    return find


@pytest.fixture(scope="session")
def assistant(web_url, ports, assistant_logs) -> Iterator[str]:
    """The action server and the Rasa server (trained model from the cache), once per
    session. Yields the web app's URL: conversations go browser-side through /chat."""
    import model

    logs = assistant_logs
    actions = start_actions(ports["actions"], web_url + "/api/v1", logs)
    rasa = start_rasa(ports["rasa"], ports["actions"], model.model_path(), logs)
    try:
        wait_until_up(f"http://127.0.0.1:{ports['actions']}/health", actions, timeout=120)
        wait_until_up(f"http://127.0.0.1:{ports['rasa']}/", rasa, timeout=240)
        yield web_url
    finally:
        stop(rasa, actions)


class Browser:
    """A requests session that behaves like the page: cookie, CSRF header, /chat."""

    def __init__(self, base: str, language: str) -> None:
        self.base = base
        self.http = requests.Session()
        self.http.headers["Accept-Language"] = language
        self.csrf = self._csrf("/")

    def _csrf(self, path: str) -> str:
        page = self.http.get(self.base + path, timeout=10).text
        return re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)

    def log_in(self, email: str) -> None:
        page = self.http.get(self.base + "/logg-inn", timeout=10).text
        token = re.search(r'id="csrf_token" name="csrf_token" type="hidden" value="([^"]+)"',
                          page).group(1)
        response = self.http.post(self.base + "/logg-inn", data={
            "email": email, "password": DEMO_PASSWORD, "csrf_token": token}, timeout=10)
        assert response.url.endswith("/mine-bookinger"), response.status_code
        self.csrf = self._csrf("/")

    def say(self, message: str) -> list[dict]:
        response = self.http.post(self.base + "/chat", json={"message": message},
                                  headers={"X-CSRFToken": self.csrf}, timeout=60)
        assert response.status_code == 200, response.text
        return response.json()["messages"]


def text_of(messages: list[dict]) -> str:
    return "\n".join(m["text"] for m in messages)


def first_button(messages: list[dict]) -> str:
    return next(b["payload"] for m in messages for b in m["buttons"])


def move_to_soon(web_database: Path, booking_id: int, minutes: int = 3) -> None:
    """Move a one-date booking to start a few minutes from now, whatever today is, so that
    the confirm-or-release question asks about it. Booked through the API on an open day
    ahead first: school holidays close the rooms on some days, and the tests must not
    depend on the date they run. The booker's other dates that would start sooner (the
    demo's own bookings start at 19:00 on Thursdays, which a run just before then meets)
    are put a week later, so that the question is about this one at any time of day."""
    start = (datetime.now(timezone.utc) + timedelta(minutes=minutes)).replace(
        second=0, microsecond=0, tzinfo=None)
    with sqlite3.connect(web_database) as db:
        db.execute("UPDATE occurrence SET starts_at = ?, ends_at = ? WHERE booking_id = ?",
                   (start.strftime(SQLITE_TIME),
                    (start + timedelta(minutes=45)).strftime(SQLITE_TIME), booking_id))
        sooner = db.execute(
            "SELECT id, starts_at, ends_at FROM occurrence WHERE booking_id IN ("
            " SELECT id FROM booking WHERE id != ? AND booker_id ="
            " (SELECT booker_id FROM booking WHERE id = ?)) AND starts_at BETWEEN ? AND ?",
            (booking_id, booking_id, (start - timedelta(minutes=minutes + 1)).strftime(SQLITE_TIME),
             start.strftime(SQLITE_TIME))).fetchall()
        for occurrence_id, starts_at, ends_at in sooner:
            later = [(datetime.strptime(t[:19], "%Y-%m-%d %H:%M:%S") + timedelta(weeks=1))
                     .strftime(SQLITE_TIME) for t in (starts_at, ends_at)]
            db.execute("UPDATE occurrence SET starts_at = ?, ends_at = ? WHERE id = ?",
                       (*later, occurrence_id))
