"""Starting the web app, the action server and the Rasa server as real processes,
on free loopback ports: for the tests and the benchmarks."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import time
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RASA = HERE / ".venv" / "bin" / "rasa"
PYTHON = HERE / ".venv" / "bin" / "python"
FLASK = [str(ROOT / ".venv" / "bin" / "flask"), "--app", "booking:create_app"]

# New secrets for every run: the web app's key to Rasa, and Rasa's to the action server.
TOKENS = {"RASA_TOKEN": secrets.token_hex(24), "ACTIONS_TOKEN": secrets.token_hex(24)}
ENDPOINTS = """action_endpoint:
  url: http://127.0.0.1:{actions_port}/webhook
  headers:
    Authorization: Bearer ${{ACTIONS_TOKEN}}
tracker_store:
  type: SQL
  dialect: sqlite
  db: {tracker}
"""


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


def start_web(database: Path, port: int, rasa_port: int) -> subprocess.Popen:
    """The web app on a new SQLite database with the demo municipality."""
    env = {**os.environ, "BOOKING_ENV": "test", "BOOKING_DATABASE_URL": f"sqlite:///{database}",
           "BOOKING_RASA_URL": f"http://127.0.0.1:{rasa_port}",
           "BOOKING_RASA_TOKEN": TOKENS["RASA_TOKEN"],
           "BOOKING_CHAT_RATE_LIMIT": "100000 per minute",
           "BOOKING_CHAT_RATE_LIMIT_PER_ADDRESS": "100000 per minute"}
    subprocess.run([*FLASK, "db", "upgrade"], env=env, check=True, capture_output=True, cwd=ROOT)
    subprocess.run([*FLASK, "booking", "seed"], env=env, check=True, capture_output=True, cwd=ROOT)
    process = subprocess.Popen([*FLASK, "run", "--host", "127.0.0.1", "--port", str(port)],
                               env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    wait_until_up(f"http://127.0.0.1:{port}/healthz", process)
    return process


def _start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(command, cwd=HERE, env={**os.environ, **env, **TOKENS,
                                                    "RASA_TELEMETRY_ENABLED": "false"},
                            stdout=log.open("w"), stderr=subprocess.STDOUT)


def start_actions(port: int, api_url: str, logs: Path) -> subprocess.Popen:
    return _start([str(PYTHON), "action_server.py", "--port", str(port)],
                  {"BOOKING_API_URL": api_url}, logs / "actions.log")


def start_rasa(port: int, actions_port: int, model: Path, logs: Path) -> subprocess.Popen:
    endpoints = logs / "endpoints.yml"
    endpoints.write_text(ENDPOINTS.format(actions_port=actions_port,
                                          tracker=logs / "tracker.sqlite3"))
    return _start([str(RASA), "run", "--model", str(model), "--endpoints", str(endpoints),
                   "--credentials", "credentials.yml", "--interface", "127.0.0.1", "--port",
                   str(port)], {}, logs / "rasa.log")


def stop(*processes: subprocess.Popen) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
