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
def ports() -> dict[str, int]:
    return {"web": free_port(), "rasa": free_port(), "actions": free_port()}


@pytest.fixture(scope="session")
def web_url(tmp_path_factory, ports) -> Iterator[str]:
    """The web app, migrated and seeded, on a free port. Yields its base URL."""
    database = tmp_path_factory.mktemp("web") / "assistant-tests.sqlite3"
    env = {**os.environ, "BOOKING_ENV": "test", "BOOKING_DATABASE_URL": f"sqlite:///{database}",
           "BOOKING_RASA_URL": f"http://127.0.0.1:{ports['rasa']}",
           "BOOKING_CHAT_RATE_LIMIT": "1000 per minute"}
    flask = [str(WEB_BIN / "flask"), "--app", "booking:create_app"]
    subprocess.run([*flask, "db", "upgrade"], env=env, check=True, capture_output=True, cwd=ROOT)
    subprocess.run([*flask, "booking", "seed"], env=env, check=True, capture_output=True, cwd=ROOT)
    port = ports["web"]
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


HERE = Path(__file__).resolve().parents[1]
RASA = HERE / ".venv" / "bin" / "rasa"


def _start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(command, cwd=HERE, env={**os.environ, **env,
                                                    "RASA_TELEMETRY_ENABLED": "false"},
                            stdout=log.open("w"), stderr=subprocess.STDOUT)


@pytest.fixture(scope="session")
def assistant(web_url, ports, tmp_path_factory) -> Iterator[str]:
    """The action server and the Rasa server (trained model from the cache), once per
    session. Yields the web app's URL: conversations go browser-side through /chat."""
    import model

    logs = tmp_path_factory.mktemp("assistant-logs")
    endpoints = logs / "endpoints.yml"
    endpoints.write_text(
        f"action_endpoint:\n  url: http://127.0.0.1:{ports['actions']}/webhook\n"
        f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {logs / 'tracker.sqlite3'}\n")
    actions = _start([str(RASA), "run", "actions", "--actions", "actions", "--port",
                      str(ports["actions"])],
                     {"BOOKING_API_URL": web_url + "/api/v1", "SANIC_HOST": "127.0.0.1"},
                     logs / "actions.log")
    rasa = _start([str(RASA), "run", "--model", str(model.model_path()), "--endpoints",
                   str(endpoints), "--credentials", "credentials.yml", "--interface",
                   "127.0.0.1", "--port", str(ports["rasa"])], {}, logs / "rasa.log")
    try:
        wait_until_up(f"http://127.0.0.1:{ports['actions']}/health", actions, timeout=120)
        wait_until_up(f"http://127.0.0.1:{ports['rasa']}/", rasa, timeout=240)
        yield web_url
    finally:
        for process in (rasa, actions):
            process.terminate()
        for process in (rasa, actions):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
