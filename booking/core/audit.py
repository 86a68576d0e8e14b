"""The audit log: who changed what in the catalogue (and closures, decisions), when,
with the fields' values before and after.

Core must not import the domain packages, so the actor is referenced by its
table's name and the subject by a type name and an id (no foreign key: a
deleted rental window keeps its history). Booking state changes are not copied
here: they are already recorded as ``StatusChange`` rows, and the log page
merges the two.

``record`` only adds and flushes, like every operation: the entry is committed
with the change it describes, or rolled back with it.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from booking.core.db import Model, UTCDateTime, db, utcnow

ACTION_LENGTH = 40
SUBJECT_TYPE_LENGTH = 40


class AuditEntry(Model):
    """One recorded change: ``changes`` maps each field to ``[before, after]``."""

    __tablename__ = "audit_entry"
    __table_args__ = (
        # The log is read newest first, and per subject ("the history of this room").
        Index("ix_audit_entry_at", "at"),
        Index("ix_audit_entry_subject", "subject_type", "subject_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The person stays anonymous in the log once their account is deleted, but the
    # change itself stays on record.
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(ACTION_LENGTH))
    subject_type: Mapped[str] = mapped_column(String(SUBJECT_TYPE_LENGTH))
    subject_id: Mapped[int | None] = mapped_column()
    summary: Mapped[str] = mapped_column(Text, default="")
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    def __repr__(self) -> str:
        return (f"<AuditEntry {self.id} {self.action} {self.subject_type} {self.subject_id}"
                f" by {self.actor_id}>")


def plain(value: Any) -> Any:
    """A value as JSON can hold it: dates and times in ISO form, enums as their value,
    sets and tuples as sorted/ordered lists, so that a before/after reads the same
    whichever backend stored it."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Enum):
        return plain(value.value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted((plain(v) for v in value), key=str)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return str(value)


def record(actor_id: int | None, action: str, subject_type: str, subject_id: int | None,
           summary: str, changes: dict | None = None, now: datetime | None = None) -> AuditEntry:
    """Add one entry to the log (flushed, not committed).

    ``changes`` maps a field to ``(before, after)``; values are stored in plain
    JSON form (see ``plain``). ``summary`` is plain words for the log page,
    e.g. "Capacity of Gymsal A changed".
    """
    if not action or len(action) > ACTION_LENGTH:
        raise ValueError(f"audit action {action!r} must be 1..{ACTION_LENGTH} characters")
    if not subject_type or len(subject_type) > SUBJECT_TYPE_LENGTH:
        raise ValueError(f"audit subject type {subject_type!r} must be 1..{SUBJECT_TYPE_LENGTH}"
                         " characters")
    stored = {str(field): [plain(before), plain(after)]
              for field, (before, after) in (changes or {}).items()}
    entry = AuditEntry(at=now or utcnow(), actor_id=actor_id, action=action,
                       subject_type=subject_type, subject_id=subject_id, summary=summary,
                       changes=stored)
    db.session.add(entry)
    db.session.flush()
    return entry


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """The fields whose plain value differs, as ``field -> (before, after)``."""
    return {field: (before.get(field), after.get(field))
            for field in sorted(set(before) | set(after))
            if plain(before.get(field)) != plain(after.get(field))}
