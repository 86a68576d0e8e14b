"""The room editing page: a change saved and logged, a refused one explained on the page
with nothing changed; only case officers and admins; in a browser by keyboard under axe
at 360 px and desktop width."""

from __future__ import annotations

import re
from datetime import time

import pytest
from fixtures.browser import DESKTOP, PHONE, axe_violations, log_in, screenshot, sideways_overflow
from helpers import csrf_token, log_in_client
from playwright.sync_api import expect
from sqlalchemy import select

from booking.accounts.models import Role
from booking.core.audit import AuditEntry
from booking.core.db import db
from booking.facilities.models import Room


def capacity_and_log(app, room_id):
    with app.app_context():
        return (db.session.get(Room, room_id).capacity,
                len(db.session.scalars(select(AuditEntry)).all()))


@pytest.mark.parametrize("role, status", [
    (Role.RESIDENT, 403), (Role.CARETAKER, 403), (Role.CASE_OFFICER, 200), (Role.ADMIN, 200)])
def test_only_case_officers_and_admins_edit_rooms(client, world, role, status):
    log_in_client(client, world.emails[role])
    assert client.get(f"/saksbehandling/rom/{world.half_a}").status_code == status


def test_anonymous_users_log_in_first(client, world):
    page = client.get(f"/saksbehandling/rom/{world.half_a}")
    assert page.status_code == 302 and "/logg-inn" in page.headers["Location"]


def test_a_change_is_saved_and_a_refused_one_explained(db_app, client, world):
    log_in_client(client, world.emails[Role.CASE_OFFICER])
    url = f"/saksbehandling/rom/{world.kitchen}"
    form = {"csrf_token": csrf_token(client), "name": "Skolekjøkken", "capacity": "24",
            "rules": "Vask opp", "facility": ["kitchen"], "is_active": "on"}
    saved = client.post(url, data=form)
    assert saved.status_code == 303 and "lagret=1" in saved.headers["Location"]
    assert capacity_and_log(db_app, world.kitchen) == (24, 1)
    refused = client.post(url, data=form | {"csrf_token": csrf_token(client), "capacity": "0"})
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and 'id="error-summary"' in html
    assert 'aria-invalid="true"' in html
    assert capacity_and_log(db_app, world.kitchen) == (24, 1)
    taken = client.post(url, data=form | {"csrf_token": csrf_token(client),
                                          "name": "Gymsal del A", "capacity": "30"})
    assert taken.status_code == 422 and "Gymsal del A" in taken.get_data(as_text=True)
    assert capacity_and_log(db_app, world.kitchen) == (24, 1)
    assert client.get("/saksbehandling/rom/999999").status_code == 404


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_page_in_a_browser_by_keyboard_under_axe(browser, live_server, db_app, world,
                                                       viewport):
    context = browser.new_context(locale="nb-NO", viewport=viewport, bypass_csp=True)
    page = context.new_page()
    try:
        log_in(page, live_server, world.emails[Role.CASE_OFFICER])
        page.goto(f"{live_server}/saksbehandling/rom/{world.kitchen}")
        assert axe_violations(page) == [] and sideways_overflow(page) == 0
        # A name another room of the school has: refused, explained, nothing changed.
        page.fill("#name", "Gymsal del A")
        page.locator("#name").press("Enter")
        summary = page.locator("#error-summary")
        expect(summary).to_be_visible()
        expect(summary).to_contain_text("Gymsal del A")
        expect(page.locator("#name")).to_have_attribute("aria-invalid", "true")
        assert axe_violations(page) == [] and sideways_overflow(page) == 0
        screenshot(page, f"room-edit-refused-{'phone' if viewport is PHONE else 'desktop'}")
        summary.get_by_role("link").first.focus()
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "name"
        assert capacity_and_log(db_app, world.kitchen)[1] == 0
        # By keyboard: a new capacity, saved with Enter.
        page.fill("#name", "Skolekjøkken")
        page.locator("#capacity").focus()
        page.keyboard.press("Control+A")
        page.keyboard.type("18")
        page.keyboard.press("Enter")
        page.wait_for_url("**lagret=1")
        expect(page.get_by_role("status")).to_be_visible()
        assert axe_violations(page) == []
        assert capacity_and_log(db_app, world.kitchen) == (18, 1)
    finally:
        context.close()


def window_count(app, room_id) -> int:
    from booking.facilities.models import RentalWindow
    with app.app_context():
        return len(db.session.scalars(select(RentalWindow).where(
            RentalWindow.room_id == room_id)).all())


def test_windows_are_added_refused_with_the_reason_and_removed(db_app, client, world):
    from booking.facilities.models import RentalWindow

    log_in_client(client, world.emails[Role.CASE_OFFICER])
    count = window_count(db_app, world.kitchen)
    add = f"/saksbehandling/rom/{world.kitchen}/vinduer"
    overlap = client.post(add, data={"csrf_token": csrf_token(client), "weekday": "0",
                                     "starts": "16:30", "ends": "17:30"})
    html = overlap.get_data(as_text=True)
    assert overlap.status_code == 422 and 'id="error-summary"' in html and "21:45" in html
    assert window_count(db_app, world.kitchen) == count
    assert capacity_and_log(db_app, world.kitchen)[1] == 0
    bad_time = client.post(add, data={"csrf_token": csrf_token(client), "weekday": "0",
                                      "starts": "kl. 4", "ends": "17:00"})
    assert bad_time.status_code == 422 and window_count(db_app, world.kitchen) == count
    added = client.post(add, data={"csrf_token": csrf_token(client), "weekday": "0",
                                   "starts": "14:00", "ends": "16:00", "by_agreement": "on"})
    assert added.status_code == 303 and window_count(db_app, world.kitchen) == count + 1
    page = client.get(f"/saksbehandling/rom/{world.kitchen}").get_data(as_text=True)
    assert "14:00–16:00" in page
    with db_app.app_context():
        new = db.session.scalars(select(RentalWindow).where(
            RentalWindow.room_id == world.kitchen, RentalWindow.starts == time(14))).one()
        assert new.by_agreement is True
    removed = client.post(f"/saksbehandling/vinduer/{new.id}/fjern",
                          data={"csrf_token": csrf_token(client)})
    assert removed.status_code == 303 and window_count(db_app, world.kitchen) == count
    with db_app.app_context():
        actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions == ["window.created", "window.removed"]
    log_in_client(client, world.emails[Role.RESIDENT])
    assert client.post(add, data={"csrf_token": csrf_token(client), "weekday": "0",
                                  "starts": "14:00", "ends": "16:00"}).status_code == 403


@pytest.mark.parametrize("role, status", [
    (Role.RESIDENT, 403), (Role.CARETAKER, 403), (Role.CASE_OFFICER, 200), (Role.ADMIN, 200)])
def test_the_catalogue_lists_the_rooms_to_edit(client, world, role, status):
    log_in_client(client, world.emails[role])
    response = client.get("/saksbehandling/katalog")
    assert response.status_code == status
    if status == 200:
        assert f'href="/saksbehandling/rom/{world.kitchen}"' in response.get_data(as_text=True)


def test_the_catalogue_and_the_log_under_axe(page, live_server, world):
    log_in(page, live_server, world.emails[Role.CASE_OFFICER])
    page.goto(f"{live_server}/saksbehandling")
    page.get_by_role("link", name="Katalog").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/saksbehandling/katalog")
    assert axe_violations(page) == []
    page.get_by_role("link", name=re.compile(r"Skolekjøkken\W+Jar skole")).click()
    page.wait_for_url(f"**/saksbehandling/rom/{world.kitchen}")
    expect(page.locator("#capacity")).to_be_visible()


def test_a_window_is_changed_on_its_page_and_an_overlap_refused(db_app, client, world):
    from booking.facilities.models import RentalWindow

    log_in_client(client, world.emails[Role.CASE_OFFICER])
    with db_app.app_context():
        monday = db.session.scalars(select(RentalWindow).where(
            RentalWindow.room_id == world.kitchen, RentalWindow.weekday == 0).order_by(
            RentalWindow.starts)).all()
        first, later = monday[0], monday[-1]
        assert first.id != later.id
        first_id, original = first.id, (first.starts, first.ends)
        later_span = (later.starts.strftime("%H:%M"), later.ends.strftime("%H:%M"))
    room_page = client.get(f"/saksbehandling/rom/{world.kitchen}").get_data(as_text=True)
    assert f"/saksbehandling/vinduer/{first_id}\"" in room_page
    url = f"/saksbehandling/vinduer/{first_id}"
    page = client.get(url).get_data(as_text=True)
    assert f'value="{original[0].strftime("%H:%M")}"' in page
    overlap = client.post(url, data={"csrf_token": csrf_token(client), "weekday": "0",
                                     "starts": later_span[0], "ends": later_span[1]})
    html = overlap.get_data(as_text=True)
    assert overlap.status_code == 422 and 'id="error-summary"' in html
    bad = client.post(url, data={"csrf_token": csrf_token(client), "weekday": "0",
                                 "starts": "seks", "ends": "17:00"})
    assert bad.status_code == 422
    with db_app.app_context():
        window = db.session.get(RentalWindow, first_id)
        assert (window.starts, window.ends) == original
    saved = client.post(url, data={"csrf_token": csrf_token(client), "weekday": "0",
                                   "starts": original[0].strftime("%H:%M"),
                                   "ends": original[1].strftime("%H:%M"), "by_agreement": "on"})
    assert saved.status_code == 303 and f"/saksbehandling/rom/{world.kitchen}" in saved.headers[
        "Location"]
    with db_app.app_context():
        assert db.session.get(RentalWindow, first_id).by_agreement is True
        assert db.session.scalars(select(AuditEntry.action)).all() == ["window.updated"]
    log_in_client(client, world.emails[Role.RESIDENT])
    assert client.get(url).status_code == 403
    log_in_client(client, world.emails[Role.ADMIN])
    assert client.get("/saksbehandling/vinduer/999999").status_code == 404


def test_the_window_page_under_axe_on_a_phone(browser, live_server, db_app, world):
    from booking.facilities.models import RentalWindow

    with db_app.app_context():
        window_id = db.session.scalars(select(RentalWindow.id).where(
            RentalWindow.room_id == world.kitchen)).first()
    context = browser.new_context(locale="nb-NO", viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    try:
        log_in(page, live_server, world.emails[Role.CASE_OFFICER])
        page.goto(f"{live_server}/saksbehandling/rom/{world.kitchen}")
        page.locator(f"a[href$='/saksbehandling/vinduer/{window_id}']").focus()
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/saksbehandling/vinduer/{window_id}")
        assert axe_violations(page) == [] and sideways_overflow(page) == 0
        page.locator("#ends").fill("25:00")
        page.locator("#ends").press("Enter")
        expect(page.locator("#error-summary")).to_be_visible()
        assert axe_violations(page) == [] and sideways_overflow(page) == 0
    finally:
        context.close()
