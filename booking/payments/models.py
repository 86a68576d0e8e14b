"""Payments, refunds and the webhook events already processed.

A booking that costs money has one ``Payment``: the PaymentIntent made for our
own quote (``amount_ore``, never what a webhook says). A refund is a ``Refund``
row written in the same transaction as the cancellation that owes it, and made
by a job afterwards: a Stripe that cannot be reached leaves it pending, shown
and retried, never lost. ``WebhookEvent`` holds the id of every event acted on,
in the same transaction as what it changed, so that a repeat is a no-op.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from booking.core.db import EnumText, Model, UTCDateTime, utcnow

if TYPE_CHECKING:
    from booking.reservations.models import Booking


class PaymentStatus(StrEnum):
    OPEN = "open"            # the intent waits for a card (or for 3-D Secure)
    SUCCEEDED = "succeeded"  # Stripe's verified webhook said so


class Payment(Model):
    __tablename__ = "payment"
    __table_args__ = (CheckConstraint("amount_ore > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("booking.id", ondelete="CASCADE"),
                                            unique=True)
    provider: Mapped[str] = mapped_column(String(20), default="stripe")
    intent_id: Mapped[str] = mapped_column(String(255), unique=True)
    amount_ore: Mapped[int]
    currency: Mapped[str] = mapped_column(String(3), default="NOK")
    status: Mapped[PaymentStatus] = mapped_column(EnumText(PaymentStatus, 12),
                                                  default=PaymentStatus.OPEN)
    # "card_declined" after a decline, until a card succeeds; the next attempt gets a new
    # intent (``declines`` numbers them: a declined intent cannot always be confirmed again).
    last_error: Mapped[str] = mapped_column(Text, default="")
    declines: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    succeeded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Reconciliation: what Stripe says it charged, checked against amount_ore by a job.
    charged_ore: Mapped[int | None]
    reconciled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    booking: Mapped[Booking] = relationship()
    refunds: Mapped[list[Refund]] = relationship(back_populates="payment", order_by="Refund.id")

    @property
    def succeeded(self) -> bool:
        return self.status is PaymentStatus.SUCCEEDED

    @property
    def mismatch_ore(self) -> int:
        """What Stripe charged beyond (or short of) our quote; 0 until reconciled."""
        return 0 if self.charged_ore is None else self.charged_ore - self.amount_ore

    @property
    def refunded_ore(self) -> int:
        return sum(r.amount_ore for r in self.refunds if r.status is not RefundStatus.FAILED)

    def __repr__(self) -> str:
        return f"<Payment {self.id} booking={self.booking_id} {self.amount_ore} øre {self.status}>"


class RefundStatus(StrEnum):
    PENDING = "pending"  # recorded; the job has not made it yet (or Stripe failed: retried)
    MADE = "made"        # Stripe accepted it
    FAILED = "failed"    # Stripe accepted it, then the bank did not: a new refund replaces it


class Refund(Model):
    __tablename__ = "refund"
    __table_args__ = (
        CheckConstraint("amount_ore > 0", name="amount_positive"),
        Index("ix_refund_status_next", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payment.id", ondelete="CASCADE"), index=True)
    amount_ore: Mapped[int]
    # cancelled (the policy's share of cancelled dates), late_payment (the slot was gone).
    reason: Mapped[str] = mapped_column(String(30))
    status: Mapped[RefundStatus] = mapped_column(EnumText(RefundStatus, 10),
                                                 default=RefundStatus.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    # Not before then (a backoff after a failure, or a claim while one job makes it).
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    provider_refund_id: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    made_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    payment: Mapped[Payment] = relationship(back_populates="refunds")

    @property
    def is_pending(self) -> bool:
        return self.status is RefundStatus.PENDING

    def __repr__(self) -> str:
        return f"<Refund {self.id} {self.amount_ore} øre {self.status}>"


class WebhookEvent(Model):
    """A provider's event that was acted on: its id makes a repeat a no-op."""

    __tablename__ = "webhook_event"

    event_id: Mapped[str] = mapped_column(String(255), primary_key=True)
    provider: Mapped[str] = mapped_column(String(20), default="stripe")
    type: Mapped[str] = mapped_column(String(100))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    def __repr__(self) -> str:
        return f"<WebhookEvent {self.event_id} {self.type}>"
