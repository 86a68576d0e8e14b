from __future__ import annotations

from booking.accounts.models import Role
from booking.core.limits import limiter


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


def _try_login(client, email: str, address: str = "10.0.0.1"):
    return client.post("/api/v1/auth/token", json={"email": email, "password": "wrong"},
                       headers={"Accept-Language": "nb"}, environ_base={"REMOTE_ADDR": address})


def test_logins_are_limited_per_account_and_per_address(client, world, db_app):
    saved = {key: db_app.config[key] for key in ("LOGIN_RATE_LIMIT_PER_ACCOUNT",
                                                 "LOGIN_RATE_LIMIT_PER_ADDRESS")}
    db_app.config.update(LOGIN_RATE_LIMIT_PER_ACCOUNT="3 per hour",
                         LOGIN_RATE_LIMIT_PER_ADDRESS="5 per hour")
    limiter.reset()  # the counters live in this process's memory, across tests
    try:
        # One account from many addresses: the fourth try is stopped, whichever address.
        answers = [_try_login(client, "Resident@example.com", f"10.0.1.{n}").status_code
                   for n in range(4)]
        assert answers == [401, 401, 401, 429]
        # An account that does not exist is limited the same way: the limit tells nothing.
        answers = [_try_login(client, "nobody@example.com", f"10.0.2.{n}").status_code
                   for n in range(4)]
        assert answers == [401, 401, 401, 429]
        # One address trying many accounts: the sixth try is stopped.
        answers = [_try_login(client, f"guess{n}@example.com", "10.0.3.1").status_code
                   for n in range(6)]
        assert answers == [401] * 5 + [429]
        limited = _try_login(client, "guess9@example.com", "10.0.3.1")
        assert limited.json["error"]["message"] == "For mange forespørsler. Prøv igjen om litt."
    finally:
        db_app.config.update(saved)


def test_only_failed_logins_count_towards_the_limit(client, world, db_app):
    saved = db_app.config["LOGIN_RATE_LIMIT_PER_ACCOUNT"]
    db_app.config["LOGIN_RATE_LIMIT_PER_ACCOUNT"] = "3 per hour"
    limiter.reset()
    try:
        for _ in range(5):
            ok = client.post("/api/v1/auth/token", json={"email": "resident@example.com",
                                                         "password": "demo-passord"})
            assert ok.status_code == 200
    finally:
        db_app.config["LOGIN_RATE_LIMIT_PER_ACCOUNT"] = saved
