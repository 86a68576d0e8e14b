"""The platform served the production way, scaled out on one machine: a throwaway
redis-server and PostgreSQL, the demo municipality loaded, two gunicorn instances
(two workers each) on their own free ports and two job workers, all sharing that
database and that Redis, with ``BOOKING_ENV=production`` and its secrets.

Started once for the session (about ten seconds). Skipped, with the reason, when
Debian's ``redis-server`` is not installed (.ci/run installs it) or when
BOOKING_TEST_BACKENDS leaves out PostgreSQL (production runs on nothing else).
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
from pgserver import PostgresServer, _free_port

ROOT = Path(__file__).resolve().parents[2]
REDIS_SERVER = shutil.which("redis-server") or (
    "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None)
BACKENDS = os.environ.get("BOOKING_TEST_BACKENDS", "sqlite,postgresql").split(",")
# Production answers only https, as behind its TLS proxy: the proxy's header says so.
HTTPS = {"X-Forwarded-Proto": "https"}


class RedisServer:
    """A throwaway redis-server on loopback: its own directory, nothing written to disk."""

    def __init__(self, directory: Path) -> None:
        assert REDIS_SERVER is not None
        self.dir, self.port = directory, _free_port()
        self.url = f"redis://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(self.port), "--dir", str(directory),
             "--save", "", "--appendonly", "no", "--protected-mode", "yes",
             "--logfile", str(directory / "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        import redis

        client = redis.Redis.from_url(self.url, socket_timeout=1, socket_connect_timeout=1)
        deadline = time.monotonic() + 20
        while True:
            try:
                client.ping()
                break
            except redis.RedisError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start: see {directory}/redis.log") from None
                time.sleep(0.05)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@dataclass
class Production:
    """What the tests talk to: the two instances, the database behind them, the workers'
    logs and the mail that reached the SMTP server."""

    urls: list[str]
    database_url: str
    redis_url: str
    logs: Path
    inbox: Any
    # The demo's mail is written by the seed, whose commit enqueues nothing (the outbox's
    # sweep sends it later): the mail after it is what the instances enqueued.
    last_seeded_mail: int = 0
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    def sql(self, query: str, *params: Any) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.database_url.replace("postgresql+psycopg://", "postgresql://"),
                             autocommit=True) as conn:
            return conn.execute(query, params).fetchall()  # type: ignore[arg-type]

    def token(self, email: str, password: str, instance: int = 0) -> dict[str, str]:
        response = requests.post(f"{self.urls[instance]}/api/v1/auth/token", headers=HTTPS,
                                 json={"email": email, "password": password}, timeout=30)
        assert response.status_code == 200, response.text
        return {**HTTPS, "Authorization": f"Bearer {response.json()['access_token']}",
                "Accept-Language": "en"}

    def log(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text(errors="replace")


def _environment(database_url: str, redis: RedisServer, smtp_port: int) -> dict[str, str]:
    """The production configuration, with made-up secrets: nothing inherited from the
    caller's BOOKING_* variables."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("BOOKING_")}
    env.update({
        "BOOKING_ENV": "production",
        "BOOKING_SECRET_KEY": secrets.token_hex(32),
        "BOOKING_DATABASE_URL": database_url,
        "BOOKING_RATELIMIT_STORAGE_URI": f"{redis.url}/0",
        "BOOKING_JOBS_URL": f"{redis.url}/1",
        # No assistant runs here (nothing listens on port 9): the site works without it.
        "BOOKING_RASA_URL": "http://127.0.0.1:9",
        "BOOKING_RASA_TOKEN": secrets.token_hex(24),
        # Test-mode keys that are never used: the tests book only what is free.
        "BOOKING_STRIPE_SECRET_KEY": "sk_test_production_tests_only",
        "BOOKING_STRIPE_PUBLISHABLE_KEY": "pk_test_production_tests_only",
        "BOOKING_STRIPE_WEBHOOK_SECRET": "whsec_" + secrets.token_hex(16),
        "BOOKING_MAIL_SMTP_HOST": "127.0.0.1",
        "BOOKING_MAIL_SMTP_PORT": str(smtp_port),
        "PYTHONUNBUFFERED": "1",
    })
    return env


def _wait_until_ready(url: str, process: subprocess.Popen, log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url}/healthz did not answer 200 in {timeout} s:\n{log.read_text()[-3000:]}")


def _stop(processes: dict[str, subprocess.Popen]) -> None:
    for process in processes.values():
        if process.poll() is None:
            process.terminate()
    for process in processes.values():
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def production(request, tmp_path_factory, smtp_server) -> Iterator[Production]:
    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed (Debian's redis-server; .ci/run installs it)")
    if "postgresql" not in BACKENDS:
        pytest.skip("BOOKING_TEST_BACKENDS leaves out PostgreSQL, and production runs on it")
    postgres: PostgresServer = request.getfixturevalue("postgres")
    database_url = postgres.create_database("booking_production")
    logs = tmp_path_factory.mktemp("production")
    redis_dir = logs / "redis"
    redis_dir.mkdir()
    redis = RedisServer(redis_dir)
    controller, inbox = smtp_server
    env = _environment(database_url, redis, controller.port)
    flask = [sys.executable, "-m", "flask", "--app", "booking:create_app"]
    processes: dict[str, subprocess.Popen] = {}
    try:
        for command in (["db", "upgrade"], ["booking", "seed"]):
            done = subprocess.run([*flask, *command], env=env, cwd=ROOT, capture_output=True,
                                  text=True, timeout=300)
            assert done.returncode == 0, f"flask {' '.join(command)}:\n{done.stdout}\n{done.stderr}"
        urls = []
        for name in ("web-a", "web-b"):
            port = _free_port()
            urls.append(f"http://127.0.0.1:{port}")
            processes[name] = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py",
                 "--bind", f"127.0.0.1:{port}", "--workers", "2", "booking:create_app()"],
                env=env, cwd=ROOT, stdout=(logs / f"{name}.log").open("w"), stderr=subprocess.STDOUT)
        # Two job workers on the one queue, as two app servers would each have; only the
        # first runs the periodic tasks (each would otherwise enqueue them every minute).
        for name, extra in (("worker-a", []), ("worker-b", ["--no-periodic"])):
            processes[name] = subprocess.Popen(
                [sys.executable, "-m", "huey.bin.huey_consumer", "booking.worker.huey",
                 "-w", "2", "-k", "thread", *extra],
                env=env, cwd=ROOT, stdout=(logs / f"{name}.log").open("w"), stderr=subprocess.STDOUT)
        for name, url in zip(("web-a", "web-b"), urls, strict=True):
            _wait_until_ready(url, processes[name], logs / f"{name}.log")
        production = Production(urls=urls, database_url=database_url, redis_url=redis.url,
                                logs=logs, inbox=inbox, processes=processes)
        production.last_seeded_mail = production.sql(
            "SELECT coalesce(max(id), 0) FROM outgoing_mail")[0][0]
        yield production
    finally:
        _stop(processes)
        redis.stop()
