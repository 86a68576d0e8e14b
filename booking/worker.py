"""The job worker's entry point: ``huey_consumer booking.worker.huey``.

Builds the app (configuration, database, the queue from JOBS_URL) and with it
every task, then hands Huey to its consumer.
"""

from __future__ import annotations

from booking import create_app
from booking.core.jobs import huey

app = create_app()

__all__ = ["app", "huey"]
