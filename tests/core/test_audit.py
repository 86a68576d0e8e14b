"""The audit log: an entry per change, with the values before and after, kept when the
actor's account goes; the table as the migration builds it matches the model."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from fixtures.factories import create_user
from sqlalchemy import select

from booking.accounts.models import Role
from booking.core import audit, uow
from booking.core.audit import AuditEntry
from booking.core.db import db


def test_record_keeps_who_when_what_and_before_after(ctx):
    officer = create_user(Role.CASE_OFFICER)
    at = datetime(2026, 12, 3, 17, 0, tzinfo=UTC)
    entry = audit.record(officer.id, "room.updated", "room", 7, "Capacity of Gymsal A changed",
                         {"capacity": (30, 40), "opens": (time(17), time(18)),
                          "from": (None, date(2027, 1, 1))}, now=at)
    uow.commit()
    db.session.expunge_all()
    stored = db.session.get(AuditEntry, entry.id)
    assert stored is not None
    assert (stored.actor_id, stored.action, stored.subject_type, stored.subject_id) == (
        officer.id, "room.updated", "room", 7)
    assert stored.at == at
    assert stored.summary == "Capacity of Gymsal A changed"
    assert stored.changes == {"capacity": [30, 40], "opens": ["17:00:00", "18:00:00"],
                              "from": [None, "2027-01-01"]}
    assert "room.updated" in repr(stored)


def test_record_only_flushes(ctx):
    audit.record(None, "closure.created", "closure", 1, "Winter holiday")
    uow.rollback()
    assert db.session.scalars(select(AuditEntry)).all() == []


def test_the_entry_stays_when_the_actor_is_deleted(ctx):
    officer = create_user(Role.CASE_OFFICER)
    audit.record(officer.id, "room.updated", "room", 1, "Renamed")
    uow.commit()
    db.session.delete(officer)
    uow.commit()
    db.session.expunge_all()
    entry = db.session.scalars(select(AuditEntry)).one()
    assert entry.actor_id is None


def test_diff_lists_only_changed_fields():
    assert audit.diff({"name": "A", "capacity": 30, "rules": "x"},
                      {"name": "B", "capacity": 30, "rules": "x"}) == {"name": ("A", "B")}
    assert audit.diff({"facilities": {"b", "a"}}, {"facilities": ["a", "b"]}) == {}


def test_the_migrated_table_matches_the_model(ctx):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        differences = [d for d in compare_metadata(context, db.metadata)
                       if "audit_entry" in repr(d)]
    assert differences == []
