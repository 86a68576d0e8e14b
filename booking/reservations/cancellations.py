"""Cancelling a booking or one of its dates, with the refund the policy gives."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _

from booking.accounts.models import User
from booking.core.db import db, utcnow
from booking.core.errors import Conflict, Forbidden, NotFound
from booking.pricing.models import PriceList
from booking.pricing.quote import CancellationPolicy, refund_ore
from booking.reservations import events
from booking.reservations.models import Booking, Occurrence, status_label


@dataclass(frozen=True)
class Cancellation:
    booking: Booking
    cancelled: list[Occurrence]
    refund_ore: int


def cancel_booking(user: User, booking: Booking, now: datetime | None = None) -> Cancellation:
    """Cancel every future date of a booking."""
    now = now or utcnow()
    _ensure_can_cancel(user, booking)
    if not booking.is_active:
        raise Conflict(_("The booking is already %(status)s.", status=status_label(booking.status)),
                       code="not_cancellable")
    was_confirmed = booking.is_confirmed
    cancelled = _cancel_occurrences(user, booking, booking.occurrences, now)
    if not cancelled:
        raise Conflict(_("Nothing left to cancel: every date has passed."), code="not_cancellable")
    return _finish(user, booking, cancelled, now, was_confirmed)


def cancel_occurrence(user: User, booking: Booking, occurrence_id: int,
                      now: datetime | None = None) -> Cancellation:
    """Cancel one date of a booking; the booking ends when no future date is left."""
    now = now or utcnow()
    _ensure_can_cancel(user, booking)
    occurrence = next((o for o in booking.occurrences if o.id == occurrence_id), None)
    if occurrence is None:
        raise NotFound(_("The booking has no date with id %(id)s.", id=occurrence_id),
                       code="occurrence_not_found")
    was_confirmed = booking.is_confirmed
    cancelled = _cancel_occurrences(user, booking, [occurrence], now)
    if not cancelled:
        raise Conflict(_("That date is already cancelled or has passed."), code="not_cancellable")
    return _finish(user, booking, cancelled, now, was_confirmed)


def cancel_in_full(officer: User, booking: Booking, occurrences: Sequence[Occurrence], *,
                   reason: str, now: datetime | None = None) -> Cancellation | None:
    """The municipality cancels these dates (a closure): whatever was paid for them comes
    back in full, whatever the policy, and the booker is told why. None when none of them
    could still be cancelled."""
    now = now or utcnow()
    _ensure_can_cancel(officer, booking)
    was_confirmed = booking.is_confirmed
    cancelled = []
    for occurrence in occurrences:
        if occurrence.is_scheduled and occurrence.starts_at > now:
            occurrence.refund_ore = occurrence.price_ore
            occurrence.cancel(officer, now, reason)
            cancelled.append(occurrence)
    if not cancelled:
        return None
    return _finish(officer, booking, cancelled, now, was_confirmed, reason)


def _ensure_can_cancel(user: User, booking: Booking) -> None:
    if not booking.can_cancel(user):
        raise Forbidden(_("You cannot cancel this booking."))


def policy_of(booking: Booking) -> CancellationPolicy | None:
    """The cancellation policy of the price list the booking was priced by (a later list
    does not change what was agreed)."""
    price_list = db.session.get(PriceList, booking.price_list_id) if booking.price_list_id else None
    return price_list.cancellation_policy if price_list else None


def refunds(booking: Booking, occurrences: Sequence[Occurrence],
            now: datetime | None = None) -> dict[Occurrence, int]:
    """What cancelling these dates now would give back, per date that can still be
    cancelled (shown to the user before they confirm; the same sums as the cancellation).
    Unconfirmed bookings owe nothing, so they get everything back; confirmed ones
    follow the cancellation policy."""
    now = now or utcnow()
    policy = policy_of(booking)
    result = {}
    for occurrence in occurrences:
        if not occurrence.is_scheduled or occurrence.starts_at <= now:
            continue
        hours_before = (occurrence.starts_at - now).total_seconds() / 3600
        result[occurrence] = (occurrence.price_ore if not booking.is_confirmed or policy is None
                              else refund_ore(occurrence.price_ore, hours_before, policy))
    return result


def _cancel_occurrences(user: User, booking: Booking, occurrences: Sequence[Occurrence],
                        now: datetime) -> list[Occurrence]:
    """Cancel future occurrences, with their refunds, and free their slots."""
    cancelled = []
    for occurrence, refund in refunds(booking, occurrences, now).items():
        occurrence.refund_ore = refund
        occurrence.cancel(user, now)
        cancelled.append(occurrence)
    return cancelled


def _finish(user: User, booking: Booking, cancelled: list[Occurrence], now: datetime,
            was_confirmed: bool, reason: str = "") -> Cancellation:
    """``refund_ore`` is what comes back of what was paid (or invoiced): nothing for a
    request or an unpaid hold, which owed nothing (their dates keep their full
    ``refund_ore``, so an invoice basis nets them to zero)."""
    if not any(o.is_scheduled and o.starts_at > now for o in booking.occurrences):
        booking.cancel(user, now, reason)
    db.session.flush()
    result = Cancellation(booking, cancelled,
                          sum(o.refund_ore for o in cancelled) if was_confirmed else 0)
    events.dates_cancelled.send(booking, cancelled=cancelled, refund_ore=result.refund_ore,
                                reason=reason)
    return result
