"""The migration goes up, down to nothing and up again, on each backend."""

from __future__ import annotations

from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from booking import create_app
from booking.core.db import db


def test_upgrade_downgrade_upgrade(database_url, tmp_path, request):
    if database_url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
    else:
        url = request.getfixturevalue("postgres").create_database("booking_migrations")
    app = create_app({"DATABASE_URL": url}, env="test")
    with app.app_context():
        upgrade()
        assert "occupancy" in inspect(db.engine).get_table_names()
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        assert "booking" in inspect(db.engine).get_table_names()
        db.session.remove()
        db.engine.dispose()


def test_migrations_down_and_up_keep_the_bookings(database_url, tmp_path, request):
    """With the demo municipality in the tables: the later migrations go down and up again
    and no booking, date or occupancy is lost (on SQLite a table rebuild must not cascade)."""
    from booking.core import uow
    from booking.demo.municipality import load_demo

    if database_url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path / 'migrations-with-data.sqlite3'}"
    else:
        url = request.getfixturevalue("postgres").create_database("booking_migrations_data")
    app = create_app({"DATABASE_URL": url}, env="test")
    tables = ("booking", "occurrence", "occupancy", "status_change")
    with app.app_context():
        upgrade()
        load_demo()
        uow.commit()

        def counts() -> dict[str, int]:
            return {t: db.session.execute(db.text(f"SELECT count(*) FROM {t}")).scalar_one()
                    for t in tables}

        before = counts()
        db.session.remove()
        assert before["occupancy"] > 0
        downgrade(revision="0002")
        upgrade()
        assert counts() == before
        db.session.remove()
        db.engine.dispose()
