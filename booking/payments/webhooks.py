"""Stripe's events, acted on exactly once.

The endpoint verifies the signature (``gateway.verify_event``); ``handle`` records
the event's id in the same transaction as the change it makes, so a repeat (Stripe
sends again when we answered late, or twice) finds the id and changes nothing, and a
concurrent repeat fails on the id's primary key and rolls back. Amounts are never
taken from the event: the booking is confirmed for what we quoted, and a job compares
what Stripe charged with it afterwards (reconciliation.py).

A success can arrive late or out of order: for a hold that lapsed meanwhile, the
booking is revived when its slot is still free and refunded in full when it is not;
for a booking cancelled meanwhile, refunded in full.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from booking import catalogue
from booking.core import uow
from booking.core.db import db, utcnow
from booking.payments import refunds
from booking.payments.models import Payment, PaymentStatus, Refund, RefundStatus, WebhookEvent
from booking.reservations import events, moves
from booking.reservations.models import BookingStatus

OVERLAP_MARKER = "occupancy_no_overlap"


def handle(event: dict[str, Any], now: datetime | None = None) -> str:
    """Act on one verified event. Returns what was done, for the log and the tests:
    ``repeat``, ``ignored``, ``unknown_payment``, ``confirmed``, ``revived``,
    ``refunded``, ``already_paid``, ``declined``, ``refund_made``, ``refund_failed``."""
    now = now or utcnow()
    event_id, kind = str(event["id"]), str(event["type"])
    if db.session.get(WebhookEvent, event_id) is not None:
        return "repeat"
    db.session.add(WebhookEvent(event_id=event_id, type=kind, received_at=now))
    try:
        db.session.flush()
    except IntegrityError:
        uow.rollback()  # the same event, processed by a concurrent request
        return "repeat"
    handler = HANDLERS.get(kind)
    obj = event.get("data", {}).get("object", {})
    return handler(obj, now) if handler else "ignored"


def _payment(intent_id: str | None) -> Payment | None:
    if not intent_id:
        return None
    return db.session.scalar(select(Payment).where(Payment.intent_id == intent_id))


def payment_succeeded(intent: dict[str, Any], now: datetime) -> str:
    payment = _payment(intent.get("id"))
    if payment is None:
        return "unknown_payment"
    if payment.succeeded:
        return "already_paid"  # another event for the same success
    payment.status, payment.succeeded_at, payment.last_error = PaymentStatus.SUCCEEDED, now, ""
    booking = payment.booking
    payment_id = payment.id
    uow.after_commit(lambda: _reconcile_later(payment_id))
    if booking.is_awaiting_payment:
        booking.confirm_paid(now)
        moves.release_replaced(booking, booking.booker, now)
        db.session.flush()
        events.booking_paid.send(booking)
        return "confirmed"
    if booking.status is BookingStatus.EXPIRED and _revive(payment, now):
        events.booking_paid.send(booking)
        return "revived"
    # Cancelled, rejected or lapsed with its slot taken since: everything goes back.
    refunds.record(payment, payment.amount_ore - payment.refunded_ore, "late_payment")
    return "refunded"


def _revive(payment: Payment, now: datetime) -> bool:
    """Confirm a lapsed hold that was paid after all, if its slot is still free."""
    booking = payment.booking
    if not any(o.starts_at > now for o in booking.occurrences):
        return False
    unit_ids = catalogue.current().rooms[booking.room_id].unit_ids
    savepoint = db.session.begin_nested()
    try:
        booking.revive_paid(list(unit_ids), now)
        db.session.flush()
    except IntegrityError as error:
        savepoint.rollback()
        if OVERLAP_MARKER not in str(error.orig):
            raise
        return False
    savepoint.commit()
    return True


def payment_failed(intent: dict[str, Any], now: datetime) -> str:
    payment = _payment(intent.get("id"))
    if payment is None:
        return "unknown_payment"
    if not payment.succeeded:
        payment.last_error = "card_declined"
    return "declined"


def refund_updated(refund: dict[str, Any], now: datetime) -> str:
    """Stripe's word on a refund after the fact: one the bank could not make after all
    (``failed``) is replaced by a new one, which the job makes."""
    row = db.session.scalar(select(Refund).where(Refund.provider_refund_id == refund.get("id")))
    if row is None:
        return "ignored"
    if refund.get("status") == "failed" and row.status is RefundStatus.MADE:
        row.status = RefundStatus.FAILED
        row.last_error = str(refund.get("failure_reason") or "failed")
        refunds.record(row.payment, row.amount_ore, row.reason)
        return "refund_failed"
    return "refund_made"


def _reconcile_later(payment_id: int) -> None:
    from booking.payments import tasks

    tasks.reconcile_payment(payment_id)


HANDLERS = {
    "payment_intent.succeeded": payment_succeeded,
    "payment_intent.payment_failed": payment_failed,
    "refund.updated": refund_updated,
    "refund.failed": refund_updated,
}
