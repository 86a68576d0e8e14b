"""Configuration: defaults in config/*.toml, overridden by BOOKING_* variables.

Nothing reads configuration at import time: ``load_config`` is called by
``create_app``. ``BOOKING_ENV`` chooses the overlay file (development, test,
production); production refuses to start without its secrets.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import Any

CONFIG_DIR = Path(__file__).resolve().parents[2] / "config"
PROJECT_ROOT = CONFIG_DIR.parent
ENV_PREFIX = "BOOKING_"
INSECURE_DEFAULT_SECRET = "development-only-not-secret"


class ConfigError(RuntimeError):
    pass


def _parse_env_value(raw: str, current: Any) -> Any:
    """Environment values are strings; give them the type of the default."""
    if isinstance(current, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(current, int):
        return int(raw)
    if isinstance(current, float):
        return float(raw)
    if isinstance(current, (list, dict)):
        return json.loads(raw)
    return raw


def load_config(env: str | None = None, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    env = env or os.environ.get(f"{ENV_PREFIX}ENV", "development")
    config: dict[str, Any] = {}
    for name in ("default", env):
        path = CONFIG_DIR / f"{name}.toml"
        if path.exists():
            with path.open("rb") as fh:
                config.update({key.upper(): value for key, value in tomllib.load(fh).items()})
        elif name != "default":
            raise ConfigError(f"unknown environment {env!r}: no {path}")
    for key, raw in os.environ.items():
        if key.startswith(ENV_PREFIX) and key != f"{ENV_PREFIX}ENV":
            name = key.removeprefix(ENV_PREFIX)
            config[name] = _parse_env_value(raw, config.get(name))
    config.update(overrides or {})
    config["ENV"] = env
    config["SQLALCHEMY_DATABASE_URI"] = _database_url(config)
    if env == "production":
        if config.get("SECRET_KEY", INSECURE_DEFAULT_SECRET) == INSECURE_DEFAULT_SECRET:
            raise ConfigError("production needs BOOKING_SECRET_KEY")
        if config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
            raise ConfigError("production needs BOOKING_DATABASE_URL pointing at PostgreSQL")
        if len(config.get("RASA_TOKEN", "")) < 16:
            raise ConfigError("production needs BOOKING_RASA_TOKEN, the assistant's RASA_TOKEN")
        if config.get("OIDC_ISSUER") and not (config["OIDC_ISSUER"].startswith("https://")
                                              and config.get("OIDC_CLIENT_SECRET")):
            raise ConfigError("production OpenID Connect needs an https:// BOOKING_OIDC_ISSUER "
                              "and BOOKING_OIDC_CLIENT_SECRET")
        if not (config.get("STRIPE_SECRET_KEY") and config.get("STRIPE_PUBLISHABLE_KEY")) or \
                config.get("STRIPE_WEBHOOK_SECRET", "").endswith("development_only"):
            raise ConfigError("production needs BOOKING_STRIPE_SECRET_KEY, "
                              "BOOKING_STRIPE_PUBLISHABLE_KEY and BOOKING_STRIPE_WEBHOOK_SECRET")
    return config


def _database_url(config: dict[str, Any]) -> str:
    url = config.get("DATABASE_URL") or "sqlite:///instance/booking.sqlite3"
    # A relative SQLite path is taken from the project root, not the cwd.
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and ":memory:" not in url:
        path = PROJECT_ROOT / url.removeprefix(prefix)
        path.parent.mkdir(parents=True, exist_ok=True)
        url = prefix + str(path)
    return url
