"""The caretakers' jobs: dates nobody marked become completed once the grace period after
them has passed, and the week ahead is mailed on Monday morning."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from huey import crontab

from booking.caretaking import checkin, notices
from booking.core.jobs import huey, job


@huey.periodic_task(crontab(minute="7"))
@job
def complete_unmarked_dates() -> None:
    checkin.complete_unmarked(timedelta(hours=current_app.config["CHECK_IN_GRACE_HOURS"]))


# Monday 05:00 UTC: 06:00 or 07:00 in Oslo, before the week's first door is opened.
@huey.periodic_task(crontab(day_of_week="1", hour="5", minute="0"))
@job
def mail_the_week_ahead() -> None:
    notices.send_week_ahead()
