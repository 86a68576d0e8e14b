"""Where the assistant keeps its conversations (Rasa's tracker store), following the
configured database: beside an embedded SQLite file, or in the same PostgreSQL database.

So a new database starts with no old conversations (and their stale slots), whatever
database the checkout used before: `make run` writes Rasa's endpoints.yml from here
(``flask booking assistant-endpoints``), and seeding a new SQLite database removes the
tracker file left beside an earlier one of the same name.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url


def sqlite_tracker_path(database_url: str) -> Path | None:
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    database = Path(url.database)
    return database.with_name(f"{database.stem}-rasa-tracker.sqlite3")


def tracker_store(database_url: str) -> dict[str, Any]:
    """The ``tracker_store`` section of Rasa's endpoints.yml for this database."""
    path = sqlite_tracker_path(database_url)
    if path is not None:
        return {"type": "SQL", "dialect": "sqlite", "db": str(path)}
    url = make_url(database_url)
    if url.get_backend_name() != "postgresql":
        raise ValueError(f"no tracker store for {url.get_backend_name()} databases")
    store = {"type": "SQL", "dialect": "postgresql", "url": url.host or "localhost",
             "port": url.port or 5432, "db": url.database}
    if url.username:
        store["username"] = url.username
    if url.password:
        store["password"] = url.password
    return store


def endpoints_yaml(database_url: str, actions_port: int) -> str:
    """Rasa's endpoints.yml: the action server, and the tracker store (as JSON, which is
    YAML). The token stays a plain YAML value: Rasa fills in ${...} only in those."""
    return (f"action_endpoint:\n  url: http://127.0.0.1:{actions_port}/webhook\n"
            "  headers:\n    Authorization: Bearer ${ACTIONS_TOKEN}\n"
            f"tracker_store: {json.dumps(tracker_store(database_url))}\n")
