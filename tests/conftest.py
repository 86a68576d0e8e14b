"""Test fixtures: every database test runs on SQLite and on a real PostgreSQL.

The PostgreSQL server is started by the session itself in a temporary
directory on a free port (as the ``postgres`` user when run as root, since
initdb refuses root), and stopped at the end. Set BOOKING_TEST_BACKENDS=sqlite
to run only SQLite for a quick local loop.

BOOKING_TEST_TODAY=YYYY-MM-DD runs the whole session with the clock set to
that day (time-machine, ticking from 10:00 Oslo time), to prove the suite
does not depend on the calendar: `make test` runs it on a few awkward days.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from datetime import date, time

import pytest
from fixtures import calendar
from fixtures.browser import browser, page, phone, strict_page  # noqa: F401  (fixtures for the page tests)
from fixtures.mail import mailbox, smtp_server  # noqa: F401  (a real SMTP server)
from fixtures.stripe import local_stripe, stripe_webhooks  # noqa: F401  (a real Stripe-compatible server)
from pgserver import PostgresServer
from werkzeug.serving import make_server

BACKENDS = [b for b in os.environ.get("BOOKING_TEST_BACKENDS", "sqlite,postgresql").split(",") if b]


def pytest_configure(config) -> None:
    frozen_day = os.environ.get("BOOKING_TEST_TODAY")
    if frozen_day:
        import time_machine

        from booking.core.timeutil import local_to_utc

        instant = local_to_utc(date.fromisoformat(frozen_day), time(10))
        config._booking_clock = time_machine.travel(instant, tick=True)
        config._booking_clock.start()


def pytest_report_header(config) -> str | None:
    frozen_day = os.environ.get("BOOKING_TEST_TODAY")
    return f"clock set to {frozen_day} 10:00 Europe/Oslo" if frozen_day else None


def pytest_unconfigure(config) -> None:
    clock = getattr(config, "_booking_clock", None)
    if clock is not None:
        clock.stop()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    server = PostgresServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request, tmp_path_factory) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'test.sqlite3'}"
    return request.getfixturevalue("postgres").create_database("booking_test")


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[str]:
    """A real OpenID Connect provider on localhost (oidc-provider-mock), standing in for
    ID-porten: its login page asks for the subject to log in as. Yields its issuer URL."""
    from oidc_provider_mock import run_server_in_thread

    with run_server_in_thread() as server:
        yield f"http://localhost:{server.server_port}"


@pytest.fixture(scope="session")
def app(database_url, oidc_provider, request):
    """One app per backend, its schema made by the real migrations; its Stripe is the
    local server (no keys)."""
    stripe_url = request.getfixturevalue("local_stripe").url
    from flask_migrate import upgrade

    from booking import create_app

    # Nothing listens on port 9: /chat's "assistant unavailable" path is what these tests see.
    application = create_app({"DATABASE_URL": database_url, "RASA_URL": "http://127.0.0.1:9",
                              "OIDC_ISSUER": oidc_provider, "OIDC_CLIENT_ID": "booking-tests",
                              "OIDC_CLIENT_SECRET": "test-only-not-secret",
                              "STRIPE_LOCAL_URL": stripe_url},
                             env="test")
    with application.app_context():
        upgrade()
    return application


def _empty_all_tables(app) -> None:
    from booking.catalogue import bump_version
    from booking.core.db import db

    with app.app_context():
        tables = [t.name for t in reversed(db.metadata.sorted_tables)
                  if t.name != "catalogue_version"]
        if db.engine.dialect.name == "postgresql":
            db.session.execute(db.text(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                db.session.execute(db.text(f"DELETE FROM {table}"))
        bump_version(db.session)  # raw SQL changed the catalogue behind the ORM's back
        db.session.commit()
        db.session.remove()


@pytest.fixture
def db_app(app) -> Iterator:
    """The app with an empty database, emptied again afterwards."""
    _empty_all_tables(app)
    yield app
    _empty_all_tables(app)


@pytest.fixture
def client(db_app):
    return db_app.test_client()


@pytest.fixture
def ctx(db_app) -> Iterator:
    with db_app.app_context():
        yield


@pytest.fixture
def world(db_app):
    """A small municipality made with the demo's own builders: two schools, a price
    list and one user per role. Returns a namespace of ids, ``headers(role)`` for
    API calls and ``bookable_day(weekday, weeks=...)`` for dates the rules allow."""
    from booking.accounts.models import Role
    from booking.accounts.operations import create_user
    from booking.core.db import db
    from booking.demo.municipality import DEMO_PASSWORD, add_price_list, add_school
    from booking.organisations.models import (
        ClaimStatus,
        MemberRole,
        Membership,
        Organisation,
        OrganisationCategory,
    )

    class World:
        pass

    w = World()
    with db_app.app_context():
        jar = add_school("Jar skole", "Jar", "Ringstabekkveien 40", "1358", "Jar", "split", index=1)
        levre = add_school("Levre skole", "Rykkinn", "Levreveien 10", "1348", "Rykkinn", "whole",
                           index=2)
        # From long ago, so the tests do not depend on the day they run.
        add_price_list(valid_from=date(2000, 1, 1))
        users = {role: create_user(f"{role.value}@example.com", role.value.title(), DEMO_PASSWORD,
                                   role) for role in Role}
        other = create_user("other@example.com", "Other Resident", DEMO_PASSWORD)
        club = Organisation(name="Jar IL", org_number="974760673", home_municipality="Bærum",
                            category=OrganisationCategory.CHILDREN_YOUTH_NONPROFIT,
                            claim_status=ClaimStatus.VERIFIED)
        club.memberships = [Membership(user=users[Role.RESIDENT], role=MemberRole.ADMIN)]
        visitors = Organisation(name="Asker Dans AS", org_number="935478715",
                                home_municipality="Asker", category=OrganisationCategory.COMMERCIAL)
        visitors.memberships = [Membership(user=other, role=MemberRole.ADMIN)]
        db.session.add_all([club, visitors])
        db.session.flush()
        rooms = {f"{b.name}/{r.name}": r.id for b in (jar, levre) for r in b.rooms}
        w.rooms = rooms
        w.whole_hall = rooms["Jar skole/Gymsal (hel)"]
        w.half_a = rooms["Jar skole/Gymsal del A"]
        w.half_b = rooms["Jar skole/Gymsal del B"]
        w.kitchen = rooms["Jar skole/Skolekjøkken"]
        w.levre_hall = rooms["Levre skole/Gymsal"]
        w.jar_id, w.levre_id = jar.id, levre.id
        w.club_id, w.visitors_id = club.id, visitors.id
        w.emails = {role: f"{role.value}@example.com" for role in Role} | {"other": "other@example.com"}
        db.session.commit()
    client = db_app.test_client()

    def headers(who=Role.RESIDENT, lang="en"):
        response = client.post("/api/v1/auth/token",
                               json={"email": w.emails[who], "password": DEMO_PASSWORD})
        assert response.status_code == 200, response.json
        return {"Authorization": f"Bearer {response.json['access_token']}", "Accept-Language": lang}

    w.headers = headers

    def bookable_day(weekday, *, room_id=None, **options):
        """See fixtures.calendar.bookable_day; the room defaults to gym hall half A."""
        return calendar.bookable_day(db_app, weekday, room_id=room_id or w.half_a, **options)

    w.bookable_day = bookable_day
    return w


@pytest.fixture
def live_server(db_app) -> Iterator[str]:
    """The app served over real HTTP by a threaded server, for concurrency tests."""
    server = make_server("127.0.0.1", 0, db_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=5)
