"""The booking jobs: holds whose time to pay ran out are released, with no one cleaning
up by hand (a booking also releases them before it inserts, so a slot is never blocked
by a lapsed hold even while the worker is down)."""

from __future__ import annotations

from huey import crontab

from booking.core.db import utcnow
from booking.core.jobs import huey, job
from booking.reservations.bookings import release_expired_holds


@huey.periodic_task(crontab(minute="*"))
@job
def release_lapsed_holds() -> None:
    release_expired_holds(utcnow())
