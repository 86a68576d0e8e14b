"""The unit of work: one commit per request, at one place, and effects after it.

Operations only flush. The request's transaction is committed once, after the
view has returned a successful response, and rolled back when it raised or
answered with an error status: a failed request leaves nothing half-written.

Side effects that must not happen for a change that did not stick (a mail, a
call to Stripe that can wait, a job) are queued with ``after_commit(fn)`` and
run only once the commit has succeeded; a rollback drops them. Work that must
never be lost goes into the database in the same transaction instead.

Outside a request (CLI, jobs, tests) call ``commit()`` and ``rollback()`` here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from flask import Flask
from flask.typing import ResponseReturnValue
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from booking.core.db import db

log = logging.getLogger(__name__)

_PENDING = "after_commit"


def after_commit(effect: Callable[[], Any]) -> None:
    """Run ``effect`` after the current transaction commits; never if it rolls back."""
    db.session.info.setdefault(_PENDING, []).append(effect)


def commit() -> None:
    """Commit the session, then run the effects queued for this transaction.

    An effect that fails is logged and does not undo the commit or stop the
    others: by then the change is made and the user must hear so.
    """
    session = db.session
    session.commit()
    for effect in session.info.pop(_PENDING, []):
        try:
            effect()
        except Exception:
            log.exception("after-commit effect %r failed", effect)


def rollback() -> None:
    db.session.rollback()  # the listener below drops the queued effects


def _drop_effects(session: Session, previous_transaction: SessionTransaction) -> None:
    if previous_transaction.parent is None:  # the outermost transaction, not a savepoint
        session.info.pop(_PENDING, None)


def init_app(app: Flask) -> None:
    if not event.contains(Session, "after_soft_rollback", _drop_effects):
        event.listen(Session, "after_soft_rollback", _drop_effects)


def finish(status_code: int) -> None:
    """End a request's unit of work: commit on success, roll back on an error status."""
    if status_code < 400:
        commit()
    else:
        rollback()


class UnitOfWorkFlask(Flask):
    """Flask whose every request is one unit of work.

    The commit sits in ``dispatch_request``, after the view has built its
    response and before Flask finishes the request, so an error from the
    commit itself is rendered by the same error handlers as any other.
    """

    def dispatch_request(self) -> ResponseReturnValue:
        response = self.make_response(super().dispatch_request())
        finish(response.status_code)
        return response
