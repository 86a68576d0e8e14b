"""The health checks: /livez (the process answers) and /healthz (ready: the database
and the configured Redis answer; the assistant is reported, never fatal)."""

from __future__ import annotations

# Nothing listens on port 9 on this machine: a Redis or an assistant that is down.
DOWN = "redis://127.0.0.1:9/0"


def test_livez_touches_nothing(client):
    response = client.get("/livez")
    assert response.status_code == 200
    assert response.json == {"status": "alive"}


def test_healthz_is_ready_with_the_database_and_reports_the_assistant_down(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json["status"] == "ok"
    # The test app keeps limits in memory and jobs in SQLite: no Redis to ask.
    assert response.json["parts"] == {"database": "up"}
    assert response.json["assistant"] == "down"
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_fails_when_a_configured_redis_is_down(client, db_app, monkeypatch):
    monkeypatch.setitem(db_app.config, "JOBS_URL", DOWN)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json["status"] == "unavailable"
    assert response.json["parts"] == {"database": "up", "jobs": "down"}


def test_healthz_without_an_assistant_configured(client, db_app, monkeypatch):
    monkeypatch.setitem(db_app.config, "RASA_URL", "")
    assert client.get("/healthz").json["assistant"] == "not configured"
