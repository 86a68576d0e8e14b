"""What Stripe charged, checked against our quote. A difference is flagged (logged, and
listed on the case officers' payments page); it is never corrected automatically."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select

from booking.core import uow
from booking.core.db import db, utcnow
from booking.payments import stripe_gateway as gateway
from booking.payments.models import Payment, PaymentStatus

log = logging.getLogger(__name__)


def reconcile(payment_id: int, now: datetime | None = None) -> int | None:
    """Record what Stripe says it charged. Returns the difference in øre (0 when it
    matches), or None when Stripe could not be asked (the sweep asks again)."""
    payment = db.session.get(Payment, payment_id)
    if payment is None or not payment.succeeded or payment.reconciled_at is not None:
        return None
    intent_id = payment.intent_id
    uow.commit()
    try:
        intent = gateway.retrieve_intent(intent_id)
    except gateway.PaymentUnavailable:
        return None
    payment = db.session.get(Payment, payment_id)
    assert payment is not None
    payment.charged_ore, payment.reconciled_at = intent.amount_received, now or utcnow()
    if payment.mismatch_ore or intent.currency != payment.currency:
        log.error("payment %s: Stripe charged %s %s, we quoted %s %s", payment_id,
                  intent.amount_received, intent.currency, payment.amount_ore, payment.currency)
    uow.commit()
    return payment.mismatch_ore


def unreconciled(now: datetime | None = None) -> list[int]:
    cutoff = (now or utcnow()) - timedelta(minutes=2)
    return list(db.session.scalars(select(Payment.id).where(
        Payment.status == PaymentStatus.SUCCEEDED, Payment.reconciled_at.is_(None),
        Payment.succeeded_at < cutoff).order_by(Payment.id).limit(200)))


def mismatches() -> list[Payment]:
    return [p for p in db.session.scalars(select(Payment).where(Payment.reconciled_at.is_not(None)))
            if p.mismatch_ore]
