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
