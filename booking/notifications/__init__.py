"""Mail to users: an outbox in the database, delivered by background jobs."""

from __future__ import annotations

from typing import Any

from flask import Flask


def _on_booking_made(booking: Any, **_extra: Any) -> None:
    from booking.notifications import emails

    emails.booking_made(booking)


def _on_dates_cancelled(booking: Any, **extra: Any) -> None:
    from booking.notifications import emails

    emails.dates_cancelled(booking, cancelled=extra["cancelled"], refund_ore=extra["refund_ore"])


def init_app(app: Flask) -> None:
    """Mail the booker when their booking is made or dates of it are cancelled.

    The signals are process-wide and connecting a receiver twice is a no-op, so
    several apps in one process (the tests) still send each mail once."""
    from booking.notifications import tasks  # noqa: F401  (registers the jobs)
    from booking.reservations import events

    events.booking_made.connect(_on_booking_made)
    events.dates_cancelled.connect(_on_dates_cancelled)
