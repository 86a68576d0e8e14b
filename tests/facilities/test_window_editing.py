"""Rental windows edited by case officers: the checks on their own (pure, table-driven),
then add, change and remove through the API on both backends, each logged with before
and after, each refusal clear and changing and logging nothing."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import select

from booking.accounts.models import Role
from booking.core.audit import AuditEntry
from booking.core.db import db
from booking.facilities.editing import WindowSpec, window_problems
from booking.facilities.models import RentalWindow

MON, TUE = 0, 1
EVENING = WindowSpec(MON, time(17), time(21, 45))
SPRING = WindowSpec(TUE, time(17), time(20), valid_from=date(2027, 1, 1),
                    valid_to=date(2027, 6, 30))


@pytest.mark.parametrize("spec, field", [
    (WindowSpec(MON, time(14), time(16)), None),
    (WindowSpec(MON, time(16), time(17)), None),               # touching is not overlapping
    (WindowSpec(2, time(18), time(19)), None),                 # another weekday
    (WindowSpec(TUE, time(18), time(19), valid_from=date(2027, 7, 1)), None),  # after spring
    (WindowSpec(TUE, time(18), time(19), valid_to=date(2026, 12, 31)), None),  # before it
    (WindowSpec(MON, time(16, 30), time(17, 30)), "starts"),
    (WindowSpec(MON, time(18), time(19), valid_from=date(2030, 1, 1)), "starts"),  # open end
    (WindowSpec(TUE, time(19), time(21), valid_to=date(2027, 1, 1)), "starts"),    # one day
    (WindowSpec(MON, time(15), time(15)), "ends"),
    (WindowSpec(MON, time(15), time(14)), "ends"),
    (WindowSpec(7, time(14), time(16)), "weekday"),
    (WindowSpec(MON, time(14), time(16), valid_from=date(2027, 2, 1),
                valid_to=date(2027, 1, 1)), "valid_to"),
])
def test_window_checks(spec, field):
    problems = window_problems(spec, [EVENING, SPRING])
    assert list(problems) == ([field] if field else [])
    assert all(problems.values())


def entries(app) -> list[AuditEntry]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def windows(app, room_id) -> list[tuple]:
    with app.app_context():
        return sorted((w.weekday, w.starts, w.ends, w.by_agreement, w.valid_from, w.valid_to)
                      for w in db.session.scalars(select(RentalWindow).where(
                          RentalWindow.room_id == room_id)))


def test_add_change_and_remove_are_logged(db_app, client, world):
    officer = world.headers(Role.CASE_OFFICER)
    added = client.post(f"/api/v1/rooms/{world.kitchen}/rental-windows", headers=officer,
                        json={"weekday": MON, "starts": "14:00", "ends": "16:00",
                              "valid_from": "2027-01-01"})
    assert added.status_code == 201, added.json
    window_id = added.json["id"]
    assert (MON, time(14), time(16), False, date(2027, 1, 1), None) in windows(db_app,
                                                                           world.kitchen)
    changed = client.patch(f"/api/v1/rental-windows/{window_id}", headers=officer,
                           json={"starts": "15:00", "by_agreement": True})
    assert changed.status_code == 200, changed.json
    assert (changed.json["starts"], changed.json["by_agreement"]) == ("15:00", True)
    assert client.delete(f"/api/v1/rental-windows/{window_id}",
                         headers=officer).status_code == 204
    assert all(w[1] != time(15) for w in windows(db_app, world.kitchen))
    created, updated, removed = entries(db_app)
    assert (created.action, created.changes["starts"]) == ("window.created", [None, "14:00:00"])
    assert updated.changes == {"starts": ["14:00:00", "15:00:00"],
                               "by_agreement": [False, True]}
    assert (removed.action, removed.changes["starts"]) == ("window.removed", ["15:00:00", None])
    assert {e.subject_id for e in (created, updated, removed)} == {window_id}


@pytest.mark.parametrize("body, field", [
    ({"weekday": MON, "starts": "16:30", "ends": "17:30"}, "starts"),
    ({"weekday": MON, "starts": "15:00", "ends": "14:00"}, "ends"),
    ({"weekday": 9, "starts": "14:00", "ends": "15:00"}, "weekday"),
    ({"weekday": MON, "starts": "14:00", "ends": "15:00", "valid_from": "2027-02-01",
      "valid_to": "2027-01-01"}, "valid_to"),
])
def test_a_refused_window_is_explained_and_changes_nothing(db_app, client, world, body, field):
    before = windows(db_app, world.kitchen)
    response = client.post(f"/api/v1/rooms/{world.kitchen}/rental-windows",
                           headers=world.headers(Role.CASE_OFFICER), json=body)
    assert response.status_code == 422, response.json
    assert response.json["error"]["code"] == "window_refused"
    assert field in response.json["error"]["details"] and response.json["error"]["message"]
    assert windows(db_app, world.kitchen) == before and entries(db_app) == []


def test_a_change_into_an_overlap_is_refused(db_app, client, world):
    with db_app.app_context():
        monday = db.session.scalars(select(RentalWindow.id).where(
            RentalWindow.room_id == world.kitchen, RentalWindow.weekday == MON,
            RentalWindow.by_agreement.is_(False))).one()
    before = windows(db_app, world.kitchen)
    response = client.patch(f"/api/v1/rental-windows/{monday}",
                            headers=world.headers(Role.ADMIN), json={"ends": "22:30"})
    assert response.status_code == 422 and "21:45" in response.json["error"]["message"]
    assert windows(db_app, world.kitchen) == before and entries(db_app) == []
    assert client.patch("/api/v1/rental-windows/999999", headers=world.headers(Role.ADMIN),
                        json={"ends": "22:30"}).status_code == 404


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.CARETAKER])
def test_residents_and_caretakers_cannot_change_windows(db_app, client, world, role):
    before = windows(db_app, world.kitchen)
    headers = world.headers(role)
    assert client.post(f"/api/v1/rooms/{world.kitchen}/rental-windows", headers=headers,
                       json={"weekday": MON, "starts": "14:00", "ends": "16:00"}
                       ).status_code == 403
    with db_app.app_context():
        any_window = db.session.scalars(select(RentalWindow.id).where(
            RentalWindow.room_id == world.kitchen)).first()
    assert client.delete(f"/api/v1/rental-windows/{any_window}",
                         headers=headers).status_code == 403
    assert windows(db_app, world.kitchen) == before and entries(db_app) == []


def test_the_window_operations_are_documented(client, world):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert "post" in paths["/api/v1/rooms/{room_id}/rental-windows"]
    assert {"patch", "delete"} <= set(paths["/api/v1/rental-windows/{window_id}"])
