"""Secret calendar feed addresses: a phone's calendar subscribes to one and polls it."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from booking.core.db import EnumText, Model, UTCDateTime, utcnow


class FeedScope(StrEnum):
    BUILDING = "building"          # a caretaker's building: everyone who comes
    ROOM = "room"
    ORGANISATION = "organisation"  # a club's bookings, for its members
    USER = "user"                  # my own bookings


class FeedToken(Model):
    """One feed address. The address carries a random token; the table holds only its
    SHA-256, so the address is shown once, when made or renewed. Revoking it makes the
    address answer 404 from then on."""

    __tablename__ = "feed_token"
    __table_args__ = (Index("ix_feed_token_owner", "owner_id", "revoked_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    scope: Mapped[FeedScope] = mapped_column(EnumText(FeedScope, 20))
    target_id: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def __repr__(self) -> str:
        return f"<FeedToken {self.id} {self.scope}:{self.target_id}>"
