"""The unit of work: one commit per request, effects only after it succeeded."""

from __future__ import annotations

import pytest
from fixtures.factories import create_user
from sqlalchemy import func, select

from booking import create_app
from booking.accounts.models import User
from booking.core import uow
from booking.core.db import db
from booking.core.errors import InvalidInput


def _users() -> int:
    return db.session.scalar(select(func.count(User.id)))


def test_an_effect_runs_after_the_commit(ctx):
    ran = []
    create_user(email="kari@example.com")
    uow.after_commit(lambda: ran.append(_users()))
    assert ran == []  # not before: the change could still roll back
    uow.commit()
    assert ran == [1]  # and by then the change is in the database


def test_an_effect_never_runs_for_a_rolled_back_change(ctx):
    ran = []
    create_user(email="kari@example.com")
    uow.after_commit(lambda: ran.append("mail"))
    uow.rollback()
    assert _users() == 0
    uow.commit()  # a later commit does not bring the dropped effect back
    assert ran == []


def test_a_failing_effect_does_not_undo_the_commit_or_stop_the_others(ctx):
    ran = []
    create_user(email="kari@example.com")
    uow.after_commit(lambda: 1 / 0)
    uow.after_commit(lambda: ran.append("second"))
    uow.commit()
    assert ran == ["second"]
    assert _users() == 1


@pytest.fixture
def effects_app(db_app, database_url):
    """A second app on the test database with views that write a user and queue an effect,
    then succeed, refuse, raise, or fail at the commit itself."""
    app = create_app({"DATABASE_URL": database_url}, env="test")
    app.ran = []

    def write(email="kari@example.com"):
        create_user(email=email)
        uow.after_commit(lambda: app.ran.append(email))

    @app.post("/api/test/ok")
    def ok():
        write()
        return {"done": True}

    @app.post("/api/test/refused")
    def refused():
        write()
        return {"error": "refused"}, 422

    @app.post("/api/test/raises")
    def raises():
        write()
        raise InvalidInput("no", code="no")

    @app.post("/api/test/commit-fails")
    def commit_fails():
        write("same@example.com")
        db.session.add(User(email="same@example.com", name="Twin", password_hash="x"))
        return {"done": True}  # the unique email is only checked at the commit

    return app


@pytest.mark.parametrize(("path", "status", "written"), [
    ("/api/test/ok", 200, 1),
    ("/api/test/refused", 422, 0),
    ("/api/test/raises", 422, 0),
    ("/api/test/commit-fails", 500, 0),
])
def test_a_request_commits_once_on_success_and_rolls_back_otherwise(effects_app, path, status,
                                                                    written):
    response = effects_app.test_client().post(path)
    assert response.status_code == status
    with effects_app.app_context():
        assert _users() == written
    assert len(effects_app.ran) == written
