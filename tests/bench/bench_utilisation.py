"""The utilisation section of the benchmark on its own (`make bench` runs all of them):
seeds the municipality-scale data (``seed --scale 1``) once into a SQLite file, or into a
PostgreSQL from tests/pgserver.py, and times the page for the whole municipality over a
season: counted afresh (the headline, against the target), the first after a start, from
the cache, and the API afresh.
Usage: .venv/bin/python tests/bench/bench_utilisation.py [sqlite] [postgresql]"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import run_bench
from flask_migrate import upgrade
from pgserver import PostgresServer

from booking import create_app
from booking.core.db import db
from booking.demo import generate, municipality
from booking.reservations.models import Occurrence


def main(backend: str) -> None:
    server = None
    if backend == "postgresql":
        server = PostgresServer()
        server.start()
        url = server.create_database("bench_utilisation")
    else:
        url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.sqlite3'}"
    try:
        app = create_app(run_bench.production_like(url), env="test")
        with app.app_context():
            upgrade()
            start = time.perf_counter()
            municipality.load_demo()
            generate.generate(1)
            print(f"seeded in {time.perf_counter() - start:.0f} s: "
                  f"{db.session.query(Occurrence).count():,} occurrences")
        result = run_bench.utilisation(app)
        print(f"{backend}: page counted afresh p50 / p95 {result['page'][0]:.0f} / "
              f"{result['page'][1]:.0f} ms ({run_bench.verdict(result['page'][1], 500)} p95 ≤ 500 ms); "
              f"API afresh {result['api'][0]:.0f} / {result['api'][1]:.0f} ms; "
              f"first after start {result['cold_ms']:.0f} ms; "
              f"from the cache {result['cached'][0]:.0f} / {result['cached'][1]:.0f} ms; "
              f"{result['days']} days", flush=True)
    finally:
        if server:
            server.stop()


if __name__ == "__main__":
    for name in sys.argv[1:] or ["sqlite"]:
        main(name)
