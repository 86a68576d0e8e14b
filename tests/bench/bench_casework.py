"""The case officers' section of the benchmark on its own (`make bench` runs all of them):
the municipality-scale data (``seed --scale 1``) with about two thousand requests waiting
(Friday afternoons need approval), as `make bench` leaves them, then the approval queue's
first page (site and API) and the utilisation page counted afresh, on each backend named.
Usage: .venv/bin/python tests/bench/bench_casework.py [sqlite] [postgresql]"""

from __future__ import annotations

import random
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import run_bench
from flask_migrate import upgrade
from pgserver import PostgresServer

from booking import create_app
from booking.core.db import db, utcnow
from booking.core.timeutil import local_date_of
from booking.demo import generate, municipality
from booking.facilities.models import Room

REQUESTS = 2200  # as many Friday bookings as `make bench` makes


def main(backend: str) -> None:
    server = None
    if backend == "postgresql":
        server = PostgresServer()
        server.start()
        url = server.create_database("bench_casework")
    else:
        url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    try:
        app = create_app(run_bench.production_like(url), env="test")
        with app.app_context():
            upgrade()
            municipality.load_demo()
            generate.generate(1)
            room_ids = [r for (r,) in db.session.query(Room.id)]
        season = municipality.season()
        first = max(local_date_of(utcnow()) + timedelta(days=1), season.first_day)
        fridays = run_bench.open_days(first, season.last_day, {4})
        run_bench.book_pairs(url, random.sample([(r, f) for r in room_ids for f in fridays],
                                                REQUESTS))
        queue = run_bench.casework(app)
        print(f"{backend}: approval queue with {queue['waiting']:,} waiting, first page p50 / "
              f"p95 {queue['page'][0]:.1f} / {queue['page'][1]:.1f} ms on the site "
              f"({run_bench.verdict(queue['page'][1], 100)} p95 ≤ 100 ms), "
              f"{queue['api'][0]:.1f} / {queue['api'][1]:.1f} ms in the API "
              f"({run_bench.verdict(queue['api'][1], 100)})", flush=True)
        use = run_bench.utilisation(app)
        print(f"{backend}: utilisation page afresh p50 / p95 {use['page'][0]:.0f} / "
              f"{use['page'][1]:.0f} ms ({run_bench.verdict(use['page'][1], 500)} p95 ≤ 500 ms), "
              f"API afresh {use['api'][0]:.0f} / {use['api'][1]:.0f} ms", flush=True)
    finally:
        if server:
            server.stop()


if __name__ == "__main__":
    for name in sys.argv[1:] or ["sqlite"]:
        main(name)
