"""The mail outbox: every mail is a row, written in the transaction that causes it.

A mail is never lost and never sent for a change that rolled back: the row
commits or rolls back with the booking that caused it, and a job delivers it
after the commit (with a periodic sweep for any whose job was lost).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from booking.core.db import EnumText, Model, UTCDateTime, utcnow


class MailStatus(StrEnum):
    PENDING = "pending"  # waiting for its job (or for a retry)
    SENT = "sent"  # handed to the SMTP server
    KEPT = "kept"  # no SMTP server configured (development): kept here to read
    FAILED = "failed"  # gave up after the configured number of attempts


class OutgoingMail(Model):
    __tablename__ = "outgoing_mail"
    __table_args__ = (Index("ix_outgoing_mail_status_created_at", "status", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event: Mapped[str] = mapped_column(String(40))  # what caused it: "booking_made", …
    to_address: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(5))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    attachment_name: Mapped[str | None] = mapped_column(String(100))
    attachment: Mapped[bytes | None] = mapped_column(LargeBinary)
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("booking.id", ondelete="SET NULL"),
                                                   index=True)
    status: Mapped[MailStatus] = mapped_column(EnumText(MailStatus, 10), default=MailStatus.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    # A delivery in progress holds the mail until then, so that the job and the sweep
    # never send it twice; a worker that dies lets go when the time runs out.
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    def __repr__(self) -> str:
        return f"<OutgoingMail {self.id} {self.event} to {self.to_address} {self.status}>"
