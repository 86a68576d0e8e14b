"""Production refuses to start with an open door: no secret key, SQLite, no Rasa token or no Stripe keys."""

from __future__ import annotations

import pytest

from booking.core.config import INSECURE_DEFAULT_SECRET, ConfigError, load_config

PRODUCTION = {"SECRET_KEY": "a-real-secret-from-the-vault",
              "DATABASE_URL": "postgresql://booking@db/booking",
              "RASA_TOKEN": "0123456789abcdef0123",
              "STRIPE_SECRET_KEY": "sk_live_from_the_vault", "STRIPE_PUBLISHABLE_KEY": "pk_live_x",
              "STRIPE_WEBHOOK_SECRET": "whsec_from_the_vault"}


def test_production_starts_with_all_its_secrets():
    assert load_config("production", PRODUCTION)["RASA_TOKEN"] == PRODUCTION["RASA_TOKEN"]


@pytest.mark.parametrize(("missing", "message"), [
    ({"SECRET_KEY": INSECURE_DEFAULT_SECRET}, "BOOKING_SECRET_KEY"),
    ({"DATABASE_URL": "sqlite:///instance/booking.sqlite3"}, "PostgreSQL"),
    ({"RASA_TOKEN": ""}, "BOOKING_RASA_TOKEN"),
    ({"RASA_TOKEN": "short"}, "BOOKING_RASA_TOKEN"),
    ({"STRIPE_SECRET_KEY": ""}, "BOOKING_STRIPE_SECRET_KEY"),
    ({"STRIPE_WEBHOOK_SECRET": "whsec_local_development_only"}, "BOOKING_STRIPE_WEBHOOK_SECRET"),
])
def test_production_refuses_to_start_without_one(missing, message):
    with pytest.raises(ConfigError, match=message):
        load_config("production", {**PRODUCTION, **missing})
