"""The payment jobs: make a refund after its commit, retry those that are due, and check
what Stripe charged against our quote."""

from __future__ import annotations

from huey import crontab

from booking.core import uow
from booking.core.jobs import huey, job
from booking.payments import reconciliation, refunds


@huey.task(retries=0)
@job
def make_refund(refund_id: int) -> None:
    refunds.make(refund_id)


@huey.periodic_task(crontab(minute="*"))
@job
def sweep_refunds() -> None:
    for refund_id in refunds.due():
        refunds.make(refund_id)
        uow.commit()


@huey.task(retries=0)
@job
def reconcile_payment(payment_id: int) -> None:
    reconciliation.reconcile(payment_id)


@huey.periodic_task(crontab(minute="*/10"))
@job
def sweep_reconciliation() -> None:
    for payment_id in reconciliation.unreconciled():
        reconciliation.reconcile(payment_id)
