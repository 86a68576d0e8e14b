"""Deleting an account deletes its conversations with the assistant.

They live in the assistant's tracker store, which only the Rasa server touches:
the deletion marks them here, in the same transaction, and a job asks the
assistant to drop each one (``rasa.forget``). A conversation the assistant could
not drop (it was down) stays marked and the sweep tries again, so none is kept
by mistake.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select, update

from booking.accounts.models import User
from booking.chat import rasa
from booking.chat.models import ChatConversation
from booking.core import uow
from booking.core.db import db, utcnow

log = logging.getLogger(__name__)


def record(user: User | None, sender_id: str) -> None:
    """Note that this conversation was used now, and by whom if they are logged in: the
    account's deletion forgets it, and the retention job forgets it when unused
    (anonymous ones too)."""
    conversation = db.session.get(ChatConversation, sender_id)
    if conversation is None:
        db.session.add(ChatConversation(sender_id=sender_id,
                                        user_id=user.id if user is not None else None))
    elif not conversation.forget:
        if user is not None and conversation.user_id is None:
            conversation.user_id = user.id
        conversation.last_used_at = utcnow()


def on_account_deleting(user: User, **_extra: Any) -> None:
    from booking.chat import tasks

    db.session.execute(update(ChatConversation).where(ChatConversation.user_id == user.id)
                       .values(user_id=None, forget=True))
    uow.after_commit(tasks.forget_conversations)


def export(user: User, **_extra: Any) -> dict[str, Any]:
    ids = db.session.scalars(select(ChatConversation.sender_id)
                             .where(ChatConversation.user_id == user.id))
    return {"chat_conversations": list(ids)}


def forget_marked() -> int:
    """Ask the assistant to drop every marked conversation; returns how many are left."""
    left = 0
    for sender_id in list(db.session.scalars(select(ChatConversation.sender_id)
                                             .where(ChatConversation.forget.is_(True)))):
        try:
            rasa.forget(sender_id)
        except rasa.AssistantUnavailable as error:
            log.warning("conversation %s not forgotten yet: %s", sender_id, error)
            left += 1
            continue
        db.session.execute(db.delete(ChatConversation)
                           .where(ChatConversation.sender_id == sender_id))
        uow.commit()
    return left
