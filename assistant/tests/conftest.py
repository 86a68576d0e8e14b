"""Real servers for the assistant's tests, started once per session.

The web app runs from the main environment (Python 3.11) as its own
process on a temporary SQLite database with the demo municipality: the
assistant talks to it over HTTP only, as in production.
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
WEB_BIN = ROOT / ".venv" / "bin"
DEMO_PASSWORD = "demo-passord"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            if requests.get(url, timeout=1).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise TimeoutError(f"{url} did not come up")


@pytest.fixture(scope="session")
def web_url(tmp_path_factory) -> Iterator[str]:
    """The web app, migrated and seeded, on a free port. Yields its base URL."""
    database = tmp_path_factory.mktemp("web") / "assistant-tests.sqlite3"
    env = {**os.environ, "BOOKING_ENV": "test", "BOOKING_DATABASE_URL": f"sqlite:///{database}"}
    flask = [str(WEB_BIN / "flask"), "--app", "booking:create_app"]
    subprocess.run([*flask, "db", "upgrade"], env=env, check=True, capture_output=True, cwd=ROOT)
    subprocess.run([*flask, "booking", "seed"], env=env, check=True, capture_output=True, cwd=ROOT)
    port = free_port()
    process = subprocess.Popen([*flask, "run", "--host", "127.0.0.1", "--port", str(port)],
                               env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/healthz", process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


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
