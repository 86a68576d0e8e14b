"""Backup and restore lose nothing: every table's rows come back, on both backends."""

from __future__ import annotations

from datetime import time

import pytest
from fixtures.factories import create_booking
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from booking.accounts.models import Role, User
from booking.chat.models import ChatConversation
from booking.core import audit
from booking.core.db import db, utcnow
from booking.facilities.models import Room
from booking.notifications.models import MailStatus, OutgoingMail
from booking.operations import backup as backups
from booking.payments.models import Payment, PaymentStatus
from booking.reservations.models import Booking, Occupancy


def snapshot(url: str) -> dict[str, list[tuple]]:
    """Every table's rows, in a stable order (raw SQL: no type reflection needed)."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            quote = conn.dialect.identifier_preparer.quote
            return {table: sorted((tuple(row) for row in
                                   conn.execute(text(f"SELECT * FROM {quote(table)}"))), key=repr)
                    for table in sorted(inspect(conn).get_table_names())}
    finally:
        engine.dispose()


def fill(world) -> None:
    """Bookings (one weekly), a payment, audit entries, mail and a conversation."""
    resident = db.session.scalar(db.select(User).where(User.email == world.emails[Role.RESIDENT]))
    half_a, kitchen = db.session.get(Room, world.half_a), db.session.get(Room, world.kitchen)
    weekly = create_booking(resident, half_a, world.bookable_day(1, weeks=4), weeks=4,
                            purpose="Håndballtrening")
    weekly.contact_name, weekly.contact_phone = "Kari Nordmann", "+47 912 34 567"
    single = create_booking(resident, kitchen, world.bookable_day(2, room_id=world.kitchen),
                            start=time(17), end=time(19), purpose="Matkurs")
    db.session.add(Payment(booking_id=single.id, intent_id="pi_backup_test", amount_ore=35800,
                           status=PaymentStatus.SUCCEEDED, succeeded_at=utcnow()))
    db.session.add(OutgoingMail(event="booking_made", to_address=world.emails[Role.RESIDENT],
                                language="nb", subject="Bekreftelse", body="Hei Kari",
                                attachment_name="booking.ics", attachment=b"BEGIN:VCALENDAR\r\n",
                                booking_id=weekly.id, status=MailStatus.SENT))
    db.session.add(ChatConversation(sender_id="web-0123456789abcdef", user_id=resident.id))
    audit.record(None, "room.update", "room", world.kitchen, "Capacity of Skolekjøkken changed",
                 {"capacity": (16, 18)})
    audit.record(None, "closure.create", "closure", 7, "Vinterferie", {"reason": (None, "ÆØÅ")})
    db.session.commit()


def fresh_database_url(url: str, request, tmp_path) -> str:
    """An empty database (no tables) on the same backend as ``url``."""
    if make_url(url).get_backend_name() == "postgresql":
        return request.getfixturevalue("postgres").create_database("booking_restored")
    return f"sqlite:///{tmp_path / 'restored.sqlite3'}"


def test_a_round_trip_into_a_fresh_database_loses_nothing(world, ctx, request, tmp_path):
    fill(world)
    url = db.engine.url.render_as_string(hide_password=False)
    before = snapshot(url)
    assert len(before["booking"]) == 2 and len(before["occurrence"]) == 5
    assert before["payment"] and len(before["audit_entry"]) == 2 and before["outgoing_mail"]

    path = backups.backup(url, tmp_path / "backups" / "booking.backup")
    assert not list(path.parent.glob(".*partial"))
    target = fresh_database_url(url, request, tmp_path)
    result = backups.restore(target, path)

    assert result.revision == backups.code_revisions().get_current_head()
    assert not result.needs_upgrade
    assert snapshot(target) == before
    if make_url(target).get_backend_name() == "postgresql":
        # The guard against double booking came back with the schema.
        engine = create_engine(target)
        with engine.connect() as conn:
            assert conn.scalar(text("SELECT count(*) FROM pg_constraint WHERE contype = 'x'")) >= 1
            assert conn.scalar(text("SELECT count(*) FROM pg_extension "
                                    "WHERE extname = 'btree_gist'")) == 1
        engine.dispose()


def test_restore_over_data_needs_force_and_then_brings_everything_back(world, db_app, tmp_path):
    with db_app.app_context():
        fill(world)
        url = db.engine.url.render_as_string(hide_password=False)
        before = snapshot(url)
        path = tmp_path / "booking.backup"
        cli = db_app.test_cli_runner()
        assert cli.invoke(args=["booking", "backup", str(path)]).exit_code == 0
        # Lose the bookings and gain a stranger after the backup.
        db.session.execute(db.delete(Booking))
        db.session.add(User(email="later@example.com", name="Later", password_hash="x"))
        db.session.commit()
        changed = snapshot(url)
        db.session.remove()

        refused = cli.invoke(args=["booking", "restore", str(path)])
        assert refused.exit_code != 0
        assert "already has data" in refused.output and "--force" in refused.output
        assert snapshot(url) == changed  # nothing touched

        result = cli.invoke(args=["booking", "restore", "--force", str(path)])
        assert result.exit_code == 0, result.output
        assert snapshot(url) == before

        # The restored database takes new bookings: its sequences and guard came back too.
        resident = db.session.scalar(db.select(User).where(User.email == world.emails[Role.RESIDENT]))
        room = db.session.get(Room, world.half_b)
        added = create_booking(resident, room, world.bookable_day(3, room_id=world.half_b))
        db.session.commit()
        assert added.id > max(row[0] for row in before["booking"])
        assert db.session.scalar(db.select(db.func.count()).select_from(Occupancy)) > \
            len(before["occupancy"])


def test_restore_refuses_a_backup_of_newer_code():
    with pytest.raises(backups.BackupError, match=r"does not know.*newer version"):
        backups.check_revision("9999_from_the_future")
    with pytest.raises(backups.BackupError, match="no migration revision"):
        backups.check_revision(None)
    assert backups.check_revision(backups.code_revisions().get_current_head()) is False
    # An older revision restores, and says an upgrade is due.
    first = list(backups.code_revisions().walk_revisions())[-1].revision
    assert backups.check_revision(first) is True


def test_a_backup_made_by_newer_code_is_refused_and_changes_nothing(db_app, request, tmp_path):
    with db_app.app_context():
        url = db.engine.url.render_as_string(hide_password=False)
    # A database as newer code would leave it: a migration this code does not have.
    newer = fresh_database_url(url, request, tmp_path)
    backups.restore(newer, backups.backup(url, tmp_path / "now.backup"))
    engine = create_engine(newer)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_later'"))
    engine.dispose()
    path = backups.backup(newer, tmp_path / "newer.backup")
    assert backups.backup_revision(path) == "0099_later"

    before = snapshot(url)
    result = db_app.test_cli_runner().invoke(args=["booking", "restore", "--force", str(path)])
    assert result.exit_code != 0
    assert "0099_later" in result.output and "newer version" in result.output
    assert snapshot(url) == before


def test_a_file_that_is_no_backup_is_refused(db_app, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a backup")
    result = db_app.test_cli_runner().invoke(args=["booking", "restore", str(path)])
    assert result.exit_code != 0
    assert "neither a PostgreSQL custom-format dump nor a SQLite database" in result.output
