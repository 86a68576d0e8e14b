"""Which assistant conversations belong to which account, so that deleting the account
can delete them too (they live in the assistant's own store, not in ours)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from booking.core.db import Model, UTCDateTime, utcnow


class ChatConversation(Model):
    __tablename__ = "chat_conversation"

    sender_id: Mapped[str] = mapped_column(String(64), primary_key=True)  # Rasa's sender id
    # None once the account is deleted: the conversation is then to be forgotten.
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    last_used_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    forget: Mapped[bool] = mapped_column(default=False)

    def __repr__(self) -> str:
        return f"<ChatConversation {self.sender_id} user={self.user_id} forget={self.forget}>"
