"""The retention job: once a night, when the site is quiet."""

from __future__ import annotations

from huey import crontab

from booking.core.jobs import huey, job
from booking.operations import retention


@huey.periodic_task(crontab(minute="17", hour="3"))
@job
def apply_retention() -> None:
    retention.apply_retention()
