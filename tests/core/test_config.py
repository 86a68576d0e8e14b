"""Production refuses to start with an open door: no secret key, SQLite, or no Rasa token."""

from __future__ import annotations

import pytest

from booking.core.config import INSECURE_DEFAULT_SECRET, ConfigError, load_config

PRODUCTION = {"SECRET_KEY": "a-real-secret-from-the-vault",
              "DATABASE_URL": "postgresql://booking@db/booking",
              "RASA_TOKEN": "0123456789abcdef0123"}


def test_production_starts_with_all_its_secrets():
    assert load_config("production", PRODUCTION)["RASA_TOKEN"] == PRODUCTION["RASA_TOKEN"]


@pytest.mark.parametrize(("missing", "message"), [
    ({"SECRET_KEY": INSECURE_DEFAULT_SECRET}, "BOOKING_SECRET_KEY"),
    ({"DATABASE_URL": "sqlite:///instance/booking.sqlite3"}, "PostgreSQL"),
    ({"RASA_TOKEN": ""}, "BOOKING_RASA_TOKEN"),
    ({"RASA_TOKEN": "short"}, "BOOKING_RASA_TOKEN"),
])
def test_production_refuses_to_start_without_one(missing, message):
    with pytest.raises(ConfigError, match=message):
        load_config("production", {**PRODUCTION, **missing})
