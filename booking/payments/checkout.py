"""Paying for a booking by card: the PaymentIntent for our quote, confirmed with the card
the browser tokenised. The booking is confirmed only by the verified webhook (webhooks.py).

No transaction is open while Stripe answers: on SQLite that would hold the write lock
and every booking behind it. The booking is read in one short transaction, Stripe is
called, and what it said is recorded in another.
"""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from booking.accounts.models import User
from booking.core import uow
from booking.core.db import db, utcnow
from booking.core.errors import Conflict, Forbidden
from booking.payments import stripe_gateway as gateway
from booking.payments.models import Payment
from booking.reservations.bookings import get_booking
from booking.reservations.models import Booking, BookingStatus, status_label


def payment_of(booking_id: int) -> Payment | None:
    return db.session.scalar(select(Payment).where(Payment.booking_id == booking_id))


def check_payable(user: User, booking: Booking, now: datetime) -> None:
    """Whether this user can pay for this booking now, or why not, in words."""
    if not booking.can_cancel(user):  # the booker, the club's admin, a case officer
        raise Forbidden(_("You cannot pay for this booking."))
    if booking.status is BookingStatus.CONFIRMED:
        raise Conflict(_("This booking is already confirmed: there is nothing to pay."),
                       code="already_paid")
    if booking.status is BookingStatus.EXPIRED or (
            booking.is_awaiting_payment and booking.expires_at is not None
            and booking.expires_at <= now):
        raise Conflict(_("The time to pay ran out and the room was released. Book it again "
                         "if it is still free."), code="payment_time_ran_out")
    if not booking.is_awaiting_payment:
        raise Conflict(_("This booking is %(status)s: it cannot be paid.",
                         status=status_label(booking.status)), code="not_awaiting_payment")


def pay(user: User, booking_id: int, card_token: str, now: datetime | None = None) -> gateway.Intent:
    """Charge the booking's price to the card. Returns the intent: ``succeeded`` (the
    webhook will confirm the booking), or ``requires_action`` (3-D Secure: the browser
    finishes it with the intent's client secret). A declined card raises
    ``PaymentDeclined`` and the booking stays payable with another card."""
    now = now or utcnow()
    booking = get_booking(user, booking_id)
    check_payable(user, booking, now)
    payment = payment_of(booking.id)
    amount, currency = booking.amount_due_ore, booking.currency
    # After a decline, or when dates were cancelled since, the next card gets an intent of
    # its own.
    reusable = payment and not payment.last_error and payment.amount_ore == amount
    intent_id = payment.intent_id if payment and reusable else None
    attempt = payment.declines if payment else 0
    uow.commit()
    if intent_id is None:
        intent_id = _open_intent(booking_id, amount, currency, attempt)
    else:
        current = gateway.retrieve_intent(intent_id)
        if current.succeeded or current.status == "processing":
            return current  # paid a moment ago (a second click): the webhook is on its way
    try:
        intent = gateway.pay_with_card_token(intent_id, card_token)
    except gateway.PaymentDeclined:
        payment = payment_of(booking_id)
        assert payment is not None
        payment.last_error, payment.declines = "card_declined", payment.declines + 1
        uow.commit()
        raise
    return intent


def _open_intent(booking_id: int, amount_ore: int, currency: str, attempt: int) -> str:
    """The PaymentIntent for this attempt, made once: the idempotency key gives a second
    request (a double click, a retry) the same intent, and the payment row records it."""
    intent = gateway.create_intent(
        amount_ore, currency, booking_id=booking_id,
        idempotency_key=f"booking-{booking_id}-payment-{attempt}-{amount_ore}")
    payment = payment_of(booking_id)
    if payment is None:
        payment = Payment(booking_id=booking_id, currency=currency)
        db.session.add(payment)
    payment.intent_id, payment.amount_ore, payment.last_error = intent.id, amount_ore, ""
    try:
        uow.commit()
    except IntegrityError:
        uow.rollback()  # recorded by the other request
    return intent.id
