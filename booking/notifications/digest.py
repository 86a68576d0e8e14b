"""The case officers' morning mail: what waits for them (requests to approve, categories to
verify), one digest a day instead of a mail per request, and none when nothing waits."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from booking.accounts.models import Role, User
from booking.core.db import db, utcnow
from booking.notifications import emails
from booking.organisations import claims
from booking.reservations import decisions


def send_approval_digest(now: datetime | None = None) -> int:
    """Mail each case officer what waits; returns how many were mailed."""
    now = now or utcnow()
    officers = list(db.session.scalars(select(User).where(
        User.role == Role.CASE_OFFICER, User.email.is_not(None), User.deleted_at.is_(None))))
    if not officers:
        return 0
    requests = decisions.pending_requests(officers[0])
    waiting_claims = claims.pending()
    if not requests and not waiting_claims:
        return 0
    new = [b for b in requests if b.created_at > now - timedelta(days=1)]
    for officer in officers:
        # Their own requests are decided by others: not counted as theirs to do.
        theirs = [b for b in requests if not b.is_own_request_of(officer)]
        emails.approval_digest(officer, requests=theirs, new=[b for b in new if b in theirs],
                               claims=waiting_claims)
    return len(officers)
