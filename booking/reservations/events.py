"""What happened to bookings, for the packages above this one (mail now; feeds, refunds
later) to act on without reservations knowing them. Sent after the flush, inside the
transaction: a receiver writes its own rows in the same transaction, and queues
anything outside the database with ``uow.after_commit``."""

from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

#: sender: the Booking, just created (not for a repeated idempotent request).
booking_made = _signals.signal("booking-made")
#: sender: the Booking; ``cancelled``: its occurrences cancelled now; ``refund_ore``;
#: ``reason``: why, when the municipality cancelled them (a closure), else empty.
dates_cancelled = _signals.signal("dates-cancelled")
#: sender: the Booking, confirmed now after waiting for its payment (not a free or
#: invoiced booking, which is confirmed when made or approved).
booking_paid = _signals.signal("booking-paid")
#: sender: the Booking a case officer approved or rejected just now.
request_decided = _signals.signal("request-decided")
