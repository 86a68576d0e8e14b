"""Keeping bookers' personal data only as long as the municipality needs it.

A booking whose last date lies more than ``RETENTION_BOOKING_DAYS`` in the past
loses what identifies or was written by its booker: the contact for the day
(name, phone), the purpose they wrote, the idempotency key and the request's
fingerprint (made from what they sent), and the mail we sent about it (address,
names, text). What the statistics need stays: room, times, status, price,
customer category, organisation, the occurrences and their status changes. The
booking's link to its booker's account stays while the account does (deleting
the account clears the rest, see ``reservations.leaving``).

Conversations with the assistant not used for ``RETENTION_CHAT_DAYS`` are
marked to be forgotten and the assistant is asked to drop them, as for a deleted
account (``chat.forgetting``): one it cannot drop now stays marked and the
chat's sweep tries again.

Idempotent: what was cleared is not cleared again, and a run that changes
nothing writes nothing (the audit log records only runs that did something).
Bulk statements, not loaded objects: the first run may meet years of bookings.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from flask import current_app
from sqlalchemy import CursorResult, Select, delete, func, or_, select, update

from booking.chat import forgetting
from booking.chat.models import ChatConversation
from booking.core import audit, uow
from booking.core.db import db, utcnow
from booking.notifications.models import MailStatus, OutgoingMail
from booking.reservations.models import Booking, Occurrence


@dataclass(frozen=True)
class RetentionResult:
    booking_cutoff: datetime
    chat_cutoff: datetime
    bookings_anonymised: int
    mails_deleted: int
    conversations_marked: int
    conversations_left: int  # marked, but the assistant could not drop them yet

    def __str__(self) -> str:
        return (f"Bookings that ended before {self.booking_cutoff:%Y-%m-%d}: personal data "
                f"cleared on {self.bookings_anonymised}, {self.mails_deleted} mails deleted.\n"
                f"Conversations unused since {self.chat_cutoff:%Y-%m-%d}: {self.conversations_marked}"
                f" marked to be forgotten; {self.conversations_left} the assistant has not "
                "dropped yet (the chat's sweep retries).")


def _due_bookings(cutoff: datetime) -> Select[int]:
    """Ids of bookings whose last date ended before ``cutoff`` (one with no dates at all
    counts from when it was made)."""
    last = (select(Occurrence.booking_id, func.max(Occurrence.ends_at).label("last_end"))
            .group_by(Occurrence.booking_id).subquery())
    return (select(Booking.id).outerjoin(last, last.c.booking_id == Booking.id)
            .where(func.coalesce(last.c.last_end, Booking.created_at) < cutoff))


def _rowcount(statement: Any) -> int:
    return cast(CursorResult, db.session.execute(
        statement.execution_options(synchronize_session=False))).rowcount or 0


def anonymise_bookings(cutoff: datetime) -> tuple[int, int]:
    """Clear the personal data of bookings that ended before ``cutoff``; returns how many
    bookings changed and how many mails were deleted. Flushes only."""
    due = _due_bookings(cutoff)
    changed = _rowcount(
        update(Booking)
        .where(Booking.id.in_(due))
        .where(or_(Booking.contact_name != "", Booking.contact_phone != "", Booking.purpose != "",
                   Booking.idempotency_key.is_not(None), Booking.request_fingerprint.is_not(None)))
        .values(contact_name="", contact_phone="", purpose="", idempotency_key=None,
                request_fingerprint=None))
    # A mail still waiting to go out is the sender's to finish (and none waits for years).
    mails = _rowcount(
        delete(OutgoingMail)
        .where(OutgoingMail.booking_id.in_(due), OutgoingMail.status != MailStatus.PENDING))
    db.session.flush()
    return changed, mails


def mark_old_conversations(cutoff: datetime) -> int:
    marked = _rowcount(
        update(ChatConversation)
        .where(ChatConversation.last_used_at < cutoff, ChatConversation.forget.is_(False))
        .values(forget=True, user_id=None))
    db.session.flush()
    return marked


def apply_retention(now: datetime | None = None) -> RetentionResult:
    """Run both rules once; commits what it did (the marks before asking the assistant,
    so a conversation is never kept by mistake)."""
    now = now or utcnow()
    config = current_app.config
    booking_cutoff = now - timedelta(days=int(config["RETENTION_BOOKING_DAYS"]))
    chat_cutoff = now - timedelta(days=int(config["RETENTION_CHAT_DAYS"]))
    bookings, mails = anonymise_bookings(booking_cutoff)
    if bookings or mails:
        audit.record(None, "retention.bookings", "booking", None,
                     f"Personal data cleared on {bookings} bookings that ended before "
                     f"{booking_cutoff:%Y-%m-%d} ({mails} mails deleted)",
                     {"bookings_anonymised": (None, bookings), "mails_deleted": (None, mails)},
                     now=now)
    marked = mark_old_conversations(chat_cutoff)
    if marked:
        audit.record(None, "retention.chat", "chat_conversation", None,
                     f"{marked} assistant conversations unused since {chat_cutoff:%Y-%m-%d} "
                     "marked to be forgotten", {"conversations_marked": (None, marked)}, now=now)
    uow.commit()
    left = forgetting.forget_marked()
    return RetentionResult(booking_cutoff, chat_cutoff, bookings, mails, marked, left)
