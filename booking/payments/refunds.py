"""Refunds: recorded with what owes them, made by a job, never lost.

``record`` writes the refund in the caller's transaction (the cancellation's), and
queues the job only after the commit. The job claims the refund, calls Stripe with an
idempotency key of the refund's own id (a retry after a lost answer makes no second
refund), and records the outcome. When Stripe cannot be reached the refund stays
pending with the error, which the booking page shows, and is tried again later and
later (at most hourly) by the sweep, until it is made.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, or_, select, update

from booking.core import uow
from booking.core.db import db, utcnow
from booking.payments import stripe_gateway as gateway
from booking.payments.models import Payment, Refund, RefundStatus

log = logging.getLogger(__name__)

# How long one attempt may hold a refund (Stripe's timeout is 20 s, with retries).
CLAIM = timedelta(minutes=2)
LONGEST_WAIT = timedelta(hours=1)


def record(payment: Payment, amount_ore: int, reason: str) -> Refund | None:
    """Owe ``amount_ore`` back on this payment (never more than is left of it)."""
    amount_ore = min(amount_ore, payment.amount_ore - payment.refunded_ore)
    if amount_ore <= 0 or not payment.succeeded:
        return None
    refund = Refund(payment=payment, amount_ore=amount_ore, reason=reason)
    db.session.add(refund)
    db.session.flush()
    refund_id = refund.id
    uow.after_commit(lambda: enqueue(refund_id))
    return refund


def enqueue(refund_id: int) -> None:
    from booking.payments import tasks

    tasks.make_refund(refund_id)


def on_dates_cancelled(booking: Any, *, refund_ore: int, **_extra: Any) -> None:
    """A receiver of ``reservations.events.dates_cancelled``: what the policy gives back
    of a card payment is refunded. Unpaid and invoiced bookings have no payment here."""
    payment = db.session.scalar(select(Payment).where(Payment.booking_id == booking.id))
    if payment is not None and refund_ore > 0:
        record(payment, refund_ore, "cancelled")


def make(refund_id: int, now: datetime | None = None) -> RefundStatus | None:
    """Make one pending refund at Stripe. Three short transactions, none open while Stripe
    answers: the claim (a repeated job finds it taken and does nothing), the reading, and
    the outcome."""
    now = now or utcnow()
    claimed = cast(CursorResult, db.session.execute(
        update(Refund)
        .where(Refund.id == refund_id, Refund.status == RefundStatus.PENDING,
               or_(Refund.next_attempt_at.is_(None), Refund.next_attempt_at <= now))
        .values(next_attempt_at=now + CLAIM, attempts=Refund.attempts + 1))).rowcount
    uow.commit()
    if not claimed:
        return None
    refund = db.session.get(Refund, refund_id)
    assert refund is not None
    intent_id, amount, attempts = refund.payment.intent_id, refund.amount_ore, refund.attempts
    uow.commit()
    try:
        provider_id, error = gateway.refund(intent_id, amount,
                                            idempotency_key=f"refund-{refund_id}"), ""
    except gateway.PaymentUnavailable as failed:
        provider_id, error = None, str(failed.__cause__ or failed)[:2000]
        log.warning("refund %s not made (attempt %s): %s", refund_id, attempts, error)
    refund = db.session.get(Refund, refund_id)
    assert refund is not None
    if provider_id:
        refund.status, refund.provider_refund_id, refund.made_at = RefundStatus.MADE, provider_id, utcnow()
        refund.last_error, refund.next_attempt_at = "", None
    else:
        refund.last_error = error
        refund.next_attempt_at = utcnow() + min(timedelta(minutes=2 ** attempts), LONGEST_WAIT)
    uow.commit()
    return refund.status


def due(now: datetime | None = None) -> list[int]:
    """Pending refunds whose next attempt is due (or whose job was lost)."""
    now = now or utcnow()
    return list(db.session.scalars(select(Refund.id).where(
        Refund.status == RefundStatus.PENDING,
        or_(Refund.next_attempt_at.is_(None), Refund.next_attempt_at <= now))
        .order_by(Refund.id).limit(200)))
