"""Fifty clients race for one slot over real HTTP: exactly one wins, on each backend."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request

from helpers import THURSDAY

from booking.accounts.models import Role
from booking.core.db import db
from booking.reservations.models import Booking, Occupancy

WORKERS = 50


def _post(url: str, body: dict, token: str) -> int:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST", headers={
        "Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_fifty_workers_one_slot_exactly_one_booking(world, live_server, db_app):
    tokens = [world.headers(who)["Authorization"].split()[1]
              for who in (Role.RESIDENT, "other", Role.CASE_OFFICER, Role.ADMIN, Role.CARETAKER)]
    day = world.bookable_day(THURSDAY)
    # Half of the workers want the whole hall, half one of its halves: all collide.
    bodies = [{"room_id": world.whole_hall if n % 2 else world.half_a, "date": day.isoformat(),
               "start": "18:00", "end": "20:00", "purpose": f"Racer {n}"} for n in range(WORKERS)]
    barrier = threading.Barrier(WORKERS)
    statuses: list[int] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        barrier.wait()
        status = _post(f"{live_server}/api/v1/bookings", bodies[n], tokens[n % len(tokens)])
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert sorted(statuses) == [201] + [409] * (WORKERS - 1)
    with db_app.app_context():
        assert db.session.query(Booking).count() == 1
        booking = db.session.query(Booking).one()
        assert db.session.query(Occupancy).count() == len(booking.room.units)
