"""The chat's jobs: forget the conversations of deleted accounts, now and by a sweep."""

from __future__ import annotations

from huey import crontab

from booking.chat import forgetting
from booking.core.jobs import huey, job


@huey.task(retries=0)
@job
def forget_conversations() -> None:
    forgetting.forget_marked()


@huey.periodic_task(crontab(minute="*/10"))
@job
def sweep_forgotten_conversations() -> None:
    forgetting.forget_marked()
