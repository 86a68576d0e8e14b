"""Case officers change a room (operation and API, both backends): a valid change is
applied, seen at once by the room search (the catalogue snapshot), and recorded in the
audit log with its values before and after; each refusal gives a clear message and
changes and logs nothing; residents and caretakers are refused."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from booking.accounts.models import Role
from booking.core.audit import AuditEntry
from booking.core.db import db
from booking.facilities.models import Room


def audit_entries(app) -> list[AuditEntry]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def room_row(app, room_id):
    with app.app_context():
        room = db.session.get(Room, room_id)
        return (room.name, room.capacity, room.rules, room.facilities, room.requires_approval,
                room.is_active)


def test_a_valid_change_is_applied_logged_and_searched_at_once(db_app, client, world):
    search = f"/api/v1/rooms?building_id={world.levre_id}&capacity=500"
    assert client.get(search).json == []  # warms this process's snapshot
    officer = world.headers(Role.CASE_OFFICER)
    response = client.patch(f"/api/v1/rooms/{world.levre_hall}", headers=officer, json={
        "name": "  Storsalen ", "capacity": 600, "facilities": ["wifi", "stage"],
        "requires_approval": True})
    assert response.status_code == 200, response.json
    assert (response.json["name"], response.json["capacity"]) == ("Storsalen", 600)
    found = client.get(search).json
    assert [(room["id"], room["name"], sorted(room["facilities"]), room["requires_approval"])
            for room in found] == [(world.levre_hall, "Storsalen", ["stage", "wifi"], True)]
    [entry] = audit_entries(db_app)
    assert (entry.action, entry.subject_type, entry.subject_id) == (
        "room.updated", "room", world.levre_hall)
    assert entry.changes["name"] == ["Gymsal", "Storsalen"]
    assert entry.changes["capacity"][1] == 600
    assert entry.changes["requires_approval"] == [False, True]
    assert entry.changes["facilities"][1] == ["stage", "wifi"]
    with db_app.app_context():
        from booking.accounts.models import User
        assert db.session.get(User, entry.actor_id).email == world.emails[Role.CASE_OFFICER]
    log = client.get("/api/v1/audit-log?kind=catalogue", headers=officer).json["lines"]
    assert log[0]["changes"]["capacity"][1] == 600


def test_an_unchanged_value_logs_nothing(db_app, client, world):
    name = room_row(db_app, world.kitchen)[0]
    response = client.patch(f"/api/v1/rooms/{world.kitchen}",
                            headers=world.headers(Role.ADMIN), json={"name": name})
    assert response.status_code == 200
    assert audit_entries(db_app) == []


def test_deactivating_a_room_takes_it_out_of_the_search(db_app, client, world):
    search = f"/api/v1/rooms?building_id={world.jar_id}"
    assert world.kitchen in {room["id"] for room in client.get(search).json}
    assert client.patch(f"/api/v1/rooms/{world.kitchen}", headers=world.headers(Role.ADMIN),
                        json={"is_active": False}).status_code == 200
    assert world.kitchen not in {room["id"] for room in client.get(search).json}
    assert audit_entries(db_app)[0].changes == {"is_active": [True, False]}


@pytest.mark.parametrize("body, field", [
    ({"name": "   "}, "name"),
    ({"name": "x" * 121}, "name"),
    ({"name": "Gymsal del B"}, "name"),   # another room in the same building
    ({"name": "gymsal DEL b"}, "name"),   # names differ by case only
    ({"capacity": 0}, "capacity"),
    ({"capacity": 10001}, "capacity"),
    ({"rules": "x" * 5001}, "rules"),
    ({"facilities": ["wifi", "sauna"]}, "facility"),
])
def test_each_refusal_is_clear_and_changes_and_logs_nothing(db_app, client, world, body, field):
    before = room_row(db_app, world.half_a)
    response = client.patch(f"/api/v1/rooms/{world.half_a}",
                            headers=world.headers(Role.CASE_OFFICER), json={**body,
                                                                           "capacity": 99}
                            if "capacity" not in body else body)
    assert response.status_code == 422, response.json
    error = response.json["error"]
    assert error["code"] == "room_change_refused" and error["message"]
    assert field in error["details"]
    assert room_row(db_app, world.half_a) == before  # not even the valid capacity
    assert audit_entries(db_app) == []


def test_bad_types_and_unknown_rooms(db_app, client, world):
    officer = world.headers(Role.CASE_OFFICER)
    assert client.patch(f"/api/v1/rooms/{world.half_a}", headers=officer,
                        json={"capacity": "many"}).status_code == 422
    assert client.patch(f"/api/v1/rooms/{world.half_a}", headers=officer,
                        json={"units": [1]}).status_code == 422
    missing = client.patch("/api/v1/rooms/999999", headers=officer, json={"capacity": 5})
    assert missing.status_code == 404 and missing.json["error"]["code"] == "room_not_found"
    assert audit_entries(db_app) == []


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.CARETAKER])
def test_residents_and_caretakers_cannot_change_rooms(db_app, client, world, role):
    before = room_row(db_app, world.half_a)
    response = client.patch(f"/api/v1/rooms/{world.half_a}", headers=world.headers(role),
                            json={"capacity": 5})
    assert response.status_code == 403
    assert room_row(db_app, world.half_a) == before and audit_entries(db_app) == []
    assert client.patch(f"/api/v1/rooms/{world.half_a}", json={"capacity": 5}).status_code == 401


def test_the_change_is_documented(client, world):
    operation = client.get("/api/v1/openapi.json").json["paths"]["/api/v1/rooms/{room_id}"]
    assert {"get", "patch"} <= set(operation)
    assert operation["patch"]["security"] == [{"bearerAuth": []}]

