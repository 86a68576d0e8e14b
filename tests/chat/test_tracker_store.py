"""The assistant's conversations follow the configured database."""

from __future__ import annotations

from pathlib import Path

from booking.chat.tracker_store import endpoints_yaml, sqlite_tracker_path, tracker_store


def test_an_embedded_database_keeps_its_conversations_beside_it():
    assert tracker_store("sqlite:////srv/data/booking.sqlite3") == {
        "type": "SQL", "dialect": "sqlite", "db": "/srv/data/booking-rasa-tracker.sqlite3"}
    assert sqlite_tracker_path("sqlite:////tmp/other.sqlite3") == Path(
        "/tmp/other-rasa-tracker.sqlite3")
    assert sqlite_tracker_path("sqlite://") is None


def test_postgresql_keeps_them_in_the_same_database():
    assert tracker_store("postgresql+psycopg://app:s%40cret@db.local:5433/booking") == {
        "type": "SQL", "dialect": "postgresql", "url": "db.local", "port": 5433,
        "db": "booking", "username": "app", "password": "s@cret"}


def test_the_endpoints_leave_the_token_for_rasa_to_fill_in():
    text = endpoints_yaml("sqlite:////tmp/x.sqlite3", 5099)
    assert "url: http://127.0.0.1:5099/webhook" in text
    assert "Authorization: Bearer ${ACTIONS_TOKEN}\n" in text  # plain, not quoted


def test_seeding_a_new_database_forgets_the_conversations_of_an_old_one(db_app):
    path = sqlite_tracker_path(db_app.config["SQLALCHEMY_DATABASE_URI"])
    if path is not None:
        path.write_text("old conversations")
    result = db_app.test_cli_runner().invoke(args=["booking", "seed", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert path is None or not path.exists()
    again = db_app.test_cli_runner().invoke(args=["booking", "seed", "--if-empty"])
    assert "not seeding" in again.output
