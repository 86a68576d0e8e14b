"""The mail jobs: deliver one mail after its commit, and sweep up any whose job was lost."""

from __future__ import annotations

from huey import crontab

from booking.core import uow
from booking.core.jobs import huey, job
from booking.notifications import digest, outbox, reminders


@huey.task(retries=0)
@job
def deliver_mail(mail_id: int) -> None:
    outbox.deliver(mail_id)


@huey.periodic_task(crontab(minute="*"))
@job
def sweep_outbox() -> None:
    for mail_id in outbox.overdue():
        outbox.deliver(mail_id)
        uow.commit()  # each mail's outcome on its own


@huey.periodic_task(crontab(minute="*/15"))
@job
def send_reminders() -> None:
    reminders.send_due()


# 05:30 UTC: 06:30 or 07:30 in Oslo, in the inbox when the working day starts.
@huey.periodic_task(crontab(hour="5", minute="30"))
@job
def mail_the_approval_digest() -> None:
    digest.send_approval_digest()
