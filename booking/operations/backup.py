"""Backing a database up to one file and restoring it, with the engines' own tools.

PostgreSQL: ``pg_dump`` in its custom format and ``pg_restore`` (one
transaction, the old objects dropped first), so a backup is consistent while
the site runs and restores with the extensions (btree_gist) and the exclusion
constraint as the migrations made them. SQLite: the online backup API of
``sqlite3``, which copies a consistent snapshot page by page while others write.

A backup is written beside its target and renamed into place when complete, so a
file under the name given is always a whole backup. A restore checks, before it
touches anything, that the file is a backup for this kind of database, that this
code knows its migration (a backup made by newer code would give tables the code
does not understand), and that the target has no data unless told to overwrite.

Nothing here imports the domain: it works on a database URL and the migrations.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import URL, make_url

from booking.core.config import PROJECT_ROOT

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CUSTOM_MAGIC = b"PGDMP"
# Bookkeeping tables: their rows do not make a database one that "has data".
BOOKKEEPING_TABLES = frozenset({"alembic_version", "catalogue_version"})


class BackupError(RuntimeError):
    """A backup or restore that cannot be done; the message says why, for an operator."""


@dataclass(frozen=True)
class RestoreResult:
    revision: str | None
    # The code's migrations are newer: `flask db upgrade` brings the restored data up.
    needs_upgrade: bool


def pg_binary(name: str) -> str:
    """A PostgreSQL client program: on PATH, else the newest under /usr/lib/postgresql
    (Debian keeps them there); a newer pg_dump reads older servers, not the reverse."""
    found = shutil.which(name) or next(iter(sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda p: int(re.search(r"/postgresql/(\d+)/", p).group(1)),  # type: ignore[union-attr]
        reverse=True)), None)
    if not found:
        raise BackupError(f"PostgreSQL's {name} is not installed (Debian: postgresql-client)")
    return found


def _backend(database_url: str) -> str:
    backend = make_url(database_url).get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise BackupError(f"no backup for {backend} databases")
    return backend


def _sqlite_path(database_url: str) -> Path:
    database = make_url(database_url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up or restored")
    path = Path(database)
    return path if path.is_absolute() else PROJECT_ROOT / path


def _libpq(database_url: str) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore; the password goes in the environment,
    not on the command line where `ps` shows it."""
    url = make_url(database_url)
    args = ["--dbname", URL.create("postgresql", username=url.username, host=url.host,
                                   port=url.port, database=url.database,
                                   query=url.query).render_as_string(hide_password=False)]
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return args, env


def _run(command: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")
    return result


def backup(database_url: str, target: str | os.PathLike[str]) -> Path:
    """Write a consistent backup of the database to ``target``; returns its path."""
    final = Path(target).resolve()
    final.parent.mkdir(parents=True, exist_ok=True)
    partial = final.with_name(f".{final.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        if _backend(database_url) == "postgresql":
            args, env = _libpq(database_url)
            _run([pg_binary("pg_dump"), "--format=custom", "--no-owner", "--file", str(partial),
                  *args], env)
        else:
            source = _sqlite_path(database_url)
            if not source.exists():
                raise BackupError(f"there is no database at {source}")
            with sqlite3.connect(source) as src, sqlite3.connect(partial) as dst:
                src.backup(dst)
            src.close()
            dst.close()
        os.replace(partial, final)
    finally:
        partial.unlink(missing_ok=True)
    return final


def code_revisions() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    return ScriptDirectory.from_config(config)


def backup_revision(path: Path) -> str | None:
    """The migration the backed-up database was at (None: it had no alembic_version)."""
    kind = _kind(path)
    if kind == "sqlite":
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            try:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            except sqlite3.OperationalError:
                row = None
        conn.close()
        return row[0] if row else None
    listing = _run([pg_binary("pg_restore"), "--data-only", "--table", "alembic_version",
                    "--file", "-", str(path)]).stdout
    match = re.search(r"^COPY [^\n]*alembic_version[^\n]*FROM stdin;\n([^\n\\]+)\n", listing,
                      re.MULTILINE)
    return match.group(1).strip() if match else None


def _kind(path: Path) -> str:
    try:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except FileNotFoundError as error:
        raise BackupError(f"there is no backup at {path}") from error
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_CUSTOM_MAGIC):
        return "postgresql"
    raise BackupError(f"{path} is neither a PostgreSQL custom-format dump nor a SQLite database")


def check_revision(revision: str | None) -> bool:
    """Whether the code is ahead of the backup (an upgrade is due after restoring); raises
    if the code does not know the backup's migration."""
    scripts = code_revisions()
    heads = set(scripts.get_heads())
    if revision is None:
        raise BackupError("the backup has no migration revision (alembic_version): it is not "
                          "a backup of this application's database")
    try:
        scripts.get_revision(revision)
    except Exception as error:  # alembic raises several kinds for an unknown id
        raise BackupError(
            f"the backup is at migration {revision}, which this code does not know: it was "
            f"made by a newer version of the application (this code's newest is "
            f"{', '.join(sorted(heads))}). Restore it with the code it came from.") from error
    return revision not in heads


def has_data(database_url: str) -> bool:
    """Whether any application table of the database holds a row."""
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn:
            for table in inspect(conn).get_table_names():
                if table in BOOKKEEPING_TABLES:
                    continue
                quoted = conn.dialect.identifier_preparer.quote(table)
                if conn.execute(text(f"SELECT 1 FROM {quoted} LIMIT 1")).first() is not None:
                    return True
    finally:
        engine.dispose()
    return False


def restore(database_url: str, source: str | os.PathLike[str], *, force: bool = False) -> RestoreResult:
    """Replace the database's content by the backup at ``source``.

    Refuses (``BackupError``, nothing changed) a backup of the other kind of database,
    one made by newer code, and a target that has data unless ``force``. Other
    connections to the database should be closed first (stop the app servers and the
    worker); on SQLite the restore waits for them, on PostgreSQL they keep old views.
    """
    path = Path(source).resolve()
    backend = _backend(database_url)
    kind = _kind(path)
    if kind != backend:
        raise BackupError(f"{path} is a {kind} backup; the database is {backend}")
    revision = backup_revision(path)
    needs_upgrade = check_revision(revision)
    if not force and has_data(database_url):
        raise BackupError("the database already has data; restoring would replace it. "
                          "Give --force to overwrite it.")
    if backend == "postgresql":
        args, env = _libpq(database_url)
        _run([pg_binary("pg_restore"), "--clean", "--if-exists", "--no-owner",
              "--single-transaction", "--exit-on-error", *args, str(path)], env)
    else:
        target = _sqlite_path(database_url)
        target.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as src, \
                sqlite3.connect(target, timeout=30) as dst:
            src.backup(dst)
        src.close()
        dst.close()
    return RestoreResult(revision=revision, needs_upgrade=needs_upgrade)
