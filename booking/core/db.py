"""The database handle, the shared model base and the UTC datetime column type.

SQLite needs care to give the same guarantees as PostgreSQL: foreign keys are
off by default, and two deferred transactions that both read and then write
fail with SQLITE_BUSY instead of waiting. So every transaction that may write
starts with ``BEGIN IMMEDIATE``: writers queue on the lock (busy_timeout), and
the overlap check for a booking runs while the write lock is held.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from flask import has_request_context, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import ColumnElement, DateTime, MetaData, String, and_, event
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.orm import DeclarativeBase, InstrumentedAttribute
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# Sessions live for one request; keeping loaded values after the commit saves
# reloading everything just to serialise the response.
db = SQLAlchemy(model_class=Base, session_options={"expire_on_commit": False})

# Models derive from Model, not ``db.Model``: Flask-SQLAlchemy builds ``db.Model``
# at run time, so a type checker cannot see its columns. It is the same class.
if TYPE_CHECKING:
    class Model(Base):
        __abstract__ = True
else:
    Model = db.Model

E = TypeVar("E", bound=StrEnum)


class EnumText(TypeDecorator[E]):
    """A StrEnum stored as its value in a plain string column, loaded back as the enum.

    Plain strings (raw inserts, query parameters) are accepted when they name a
    member; anything else is refused before it reaches the database.
    """

    impl = String
    cache_ok = True

    def __init__(self, enum_class: type[E], length: int) -> None:
        super().__init__(length)
        self.enum_class = enum_class

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return self.enum_class(value).value

    def process_result_value(self, value: Any, dialect: Dialect) -> E | None:
        return None if value is None else self.enum_class(value)


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as UTC (``timestamptz`` on PostgreSQL).

    SQLite has no time zones, so values are stored there as naive UTC text in
    one fixed format, which also makes them compare correctly as strings (the
    overlap trigger relies on that). Naive datetimes are refused: a naive
    value is a bug about which clock it belongs to.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r} given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


def overlapping(starts: InstrumentedAttribute[datetime], ends: InstrumentedAttribute[datetime],
                starts_at: datetime, ends_at: datetime,
                longest: timedelta | None = None) -> ColumnElement[bool]:
    """Rows whose half-open span [starts, ends) overlaps [starts_at, ends_at).

    The one SQL form of ``intervals.overlaps``. With ``longest`` (no row spans
    more), the start column is bounded on both sides, so an index on it is
    scanned over a short range instead of everything before ``ends_at``.
    """
    condition = and_(starts < ends_at, ends > starts_at)
    if longest is not None:
        condition = and_(condition, starts > starts_at - longest)
    return condition


def _transaction_may_write() -> bool:
    return not (has_request_context() and request.method in SAFE_METHODS)


def configure_sqlite(engine: Engine) -> None:
    """Make SQLite enforce foreign keys, wait for locks and lock early for writes."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Take transaction control away from the sqlite3 module: we emit BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        connection.exec_driver_sql(
            "BEGIN IMMEDIATE" if _transaction_may_write() else "BEGIN"
        )


def is_postgresql() -> bool:
    return db.engine.dialect.name == "postgresql"
