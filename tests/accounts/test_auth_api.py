from __future__ import annotations

from booking.accounts.models import Role


def test_token_and_me(client, world):
    me = client.get("/api/v1/me", headers=world.headers()).json
    assert me["email"] == "resident@example.com"
    assert me["memberships"][0]["organisation_name"] == "Jar IL"


def test_wrong_password(client, world):
    response = client.post("/api/v1/auth/token", json={"email": "resident@example.com",
                                                       "password": "wrong"},
                           headers={"Accept-Language": "nb"})
    assert response.status_code == 401
    assert response.json["error"] == {"code": "invalid_credentials",
                                      "message": "Feil e-post eller passord.", "details": None}


def test_me_needs_a_token(client, world):
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": "Basic abc"}).status_code == 401


def test_caretaker_sees_bookings_in_their_building(client, world, db_app):
    from booking.accounts.models import User
    from booking.core.db import db
    from booking.facilities.models import Building

    with db_app.app_context():
        caretaker = db.session.query(User).filter_by(role=Role.CARETAKER).one()
        caretaker.caretaker_of = [db.session.get(Building, world.jar_id)]
        db.session.commit()
    from helpers import THURSDAY

    booking = client.post("/api/v1/bookings", headers=world.headers(), json={
        "room_id": world.half_a, "date": world.bookable_day(THURSDAY).isoformat(), "start": "18:00",
        "end": "19:00", "purpose": "Trening"}).json
    shown = client.get(f"/api/v1/bookings/{booking['id']}", headers=world.headers(Role.CARETAKER))
    assert shown.status_code == 200
