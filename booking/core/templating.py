"""Jinja filters: how times and money look to people."""

from __future__ import annotations

from datetime import datetime

from flask import Flask
from flask_babel import format_currency, format_datetime


def localtime(instant: datetime) -> str:
    """A UTC instant in Oslo time (Flask-Babel converts to BABEL_DEFAULT_TIMEZONE)."""
    return format_datetime(instant, "EEE d. MMM y HH:mm")


def nok(ore: int) -> str:
    return format_currency(ore / 100, "NOK")


def register_filters(app: Flask) -> None:
    app.jinja_env.filters.update(localtime=localtime, nok=nok)
