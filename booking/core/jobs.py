"""Background jobs on Huey: a SQLite file by default, Redis in production.

Tasks are declared at import time on the one ``huey`` below, and ``init_app``
points it at the configured queue (``JOBS_URL``): nothing reads configuration
at import time. Each task runs inside the app's context and is its own unit
of work: ``@job`` commits once when the task returns and rolls back if it
raises (Huey then retries it as the task says).

Enqueue only from ``uow.after_commit``, so that a job never runs for a change
that rolled back; work that must never be lost is written to the database in
the same transaction (the mail outbox) and a periodic task picks up whatever
an enqueue missed.

The worker: ``huey_consumer booking.worker.huey`` (``make run`` starts it).
Tests set ``JOBS_IMMEDIATE``: a task then runs at once, in-process.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from flask import Flask, current_app, has_app_context
from huey import MemoryHuey
from huey.storage import RedisStorage, SqliteStorage

from booking.core import uow
from booking.core.config import PROJECT_ROOT

# In memory until init_app points it at the configured queue: importing this module
# touches no file (a fresh checkout has no instance/ yet).
huey = MemoryHuey("booking")
_app: Flask | None = None

F = TypeVar("F", bound=Callable[..., Any])


def init_app(app: Flask) -> None:
    global _app
    _app = app
    url: str = app.config["JOBS_URL"]
    if url.startswith(("redis://", "rediss://")):
        huey.storage_class, huey.storage_kwargs = RedisStorage, {"url": url}
    else:
        path = Path(url.removeprefix("sqlite:///"))
        path = path if path.is_absolute() else PROJECT_ROOT / path
        path.parent.mkdir(parents=True, exist_ok=True)
        huey.storage_class, huey.storage_kwargs = SqliteStorage, {"filename": str(path)}
    huey._immediate = bool(app.config["JOBS_IMMEDIATE"])  # the setter would build storage twice
    huey.storage = huey.create_storage()


def job(func: F) -> F:
    """Run a task in the app's context as one unit of work."""

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> Any:
        # In immediate mode the task runs in the app that queued it; in the worker, in the
        # app built at its start.
        app = current_app._get_current_object() if has_app_context() else _app  # type: ignore[attr-defined]
        if app is None:
            raise RuntimeError("booking.core.jobs.init_app was not called")
        # A context of its own, also in immediate mode inside a request: Flask-SQLAlchemy
        # gives it its own session, so the task's commit is never the caller's.
        with app.app_context():
            try:
                result = func(*args, **kwargs)
                uow.commit()
                return result
            except BaseException:
                uow.rollback()
                raise

    return run  # type: ignore[return-value]
