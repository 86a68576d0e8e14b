"""Dates nobody marked become completed once the grace period after them has passed."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from huey import crontab

from booking.caretaking import checkin
from booking.core.jobs import huey, job


@huey.periodic_task(crontab(minute="7"))
@job
def complete_unmarked_dates() -> None:
    checkin.complete_unmarked(timedelta(hours=current_app.config["CHECK_IN_GRACE_HOURS"]))
