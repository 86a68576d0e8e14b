"""The catalogue snapshot follows every change, in this process and in others."""

from __future__ import annotations

from helpers import THURSDAY

from booking import catalogue
from booking.catalogue.models import CatalogueVersion
from booking.core.db import db
from booking.facilities.models import Room


def _search(client, world, **params):
    query = {"date": world.bookable_day(THURSDAY).isoformat(), "start": "18:00", "end": "20:00", **params}
    return {offer["room"]["id"]: offer for offer in
            client.get("/api/v1/availability", query_string=query).json}


def test_orm_changes_bump_the_version_and_refresh_the_snapshot(client, world, db_app):
    assert world.kitchen in _search(client, world, capacity=20)
    with db_app.app_context():
        before = db.session.get(CatalogueVersion, 1).version
        db.session.get(Room, world.kitchen).capacity = 10
        db.session.commit()
        assert db.session.get(CatalogueVersion, 1).version == before + 1
    assert world.kitchen not in _search(client, world, capacity=20)


def test_a_change_seen_only_through_the_version_row_reloads(client, world, db_app):
    """Another process changed the rooms with raw SQL and bumped the counter."""
    assert world.kitchen in _search(client, world)
    with db_app.app_context():
        db.session.execute(db.text("UPDATE room SET is_active = false WHERE id = :id"),
                           {"id": world.kitchen})
        assert world.kitchen in {r.id for r in catalogue.current().find_rooms()}  # stale
        catalogue.bump_version(db.session)
        db.session.commit()
    assert world.kitchen not in _search(client, world)


def test_a_rolled_back_change_is_not_cached(client, world, db_app):
    with db_app.app_context():
        db.session.get(Room, world.kitchen).capacity = 1
        db.session.flush()
        assert catalogue.current().rooms[world.kitchen].capacity == 1
        db.session.rollback()
    assert _search(client, world)[world.kitchen]["room"]["capacity"] == 24
