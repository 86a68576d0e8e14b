"""Case officers decide requests: approve or reject, and the queue of what waits."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from booking.accounts.models import User
from booking.core.db import db, utcnow
from booking.core.errors import Conflict, Forbidden
from booking.reservations import events, moves
from booking.reservations.models import Booking, BookingStatus, status_label


def decide_booking(officer: User, booking: Booking, *, approve: bool, note: str = "",
                   now: datetime | None = None) -> Booking:
    """Approve or reject a request. Rejecting frees its slots; an approved request that is
    paid by card awaits its payment (the requester is mailed a link)."""
    now = now or utcnow()
    if not booking.can_decide(officer):
        raise Forbidden(_("Only case officers can approve or reject requests."))
    if not booking.is_pending_approval:
        raise Conflict(_("Only requests awaiting approval can be decided; this one is %(status)s.",
                         status=status_label(booking.status)), code="not_pending")
    if approve:
        booking.approve(officer, now, note, payment_due_by=now + timedelta(
            hours=current_app.config["APPROVED_PAYMENT_HOLD_HOURS"]))
        if booking.is_confirmed:
            moves.release_replaced(booking, officer, now)  # a move's old slot goes only now
    else:
        booking.reject(officer, now, note)
    db.session.flush()
    events.request_decided.send(booking)
    return booking


def pending_requests(officer: User) -> list[Booking]:
    """The approval queue: requests awaiting a decision, oldest first."""
    if not officer.can_decide_requests:
        raise Forbidden(_("Only case officers can approve or reject requests."))
    return list(db.session.scalars(
        select(Booking).where(Booking.status == BookingStatus.PENDING_APPROVAL)
        .order_by(Booking.created_at, Booking.id)))
