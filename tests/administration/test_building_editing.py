"""Case officers change a school (API and page, both backends): the change is applied, seen
by the search at once and logged with before and after; a refused change is explained
field by field and changes nothing; only case officers and admins."""

from __future__ import annotations

import pytest
from fixtures.browser import DESKTOP, PHONE, axe_violations, log_in, sideways_overflow
from helpers import csrf_token, log_in_client
from playwright.sync_api import expect
from sqlalchemy import select

from booking.accounts.models import Role
from booking.core.audit import AuditEntry
from booking.core.db import db
from booking.facilities.models import Building


def building_row(app, building_id):
    with app.app_context():
        building = db.session.get(Building, building_id)
        return building.name, building.postcode, building.area, building.contact_email


def audit_entries(app) -> list[AuditEntry]:
    with app.app_context():
        return list(db.session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def test_a_change_is_applied_searched_and_logged(client, world, db_app):
    response = client.patch(f"/api/v1/buildings/{world.levre_id}",
                            headers=world.headers(Role.CASE_OFFICER), json={
                                "name": " Levre ungdomsskole ", "area": "Rykkinn",
                                "contact_email": "levre@example.no"})
    assert response.status_code == 200, response.json
    assert response.json["name"] == "Levre ungdomsskole"
    found = client.get("/api/v1/buildings").json
    assert "Levre ungdomsskole" in {b["name"] for b in found}
    [entry] = audit_entries(db_app)
    assert (entry.action, entry.subject_id) == ("building.updated", world.levre_id)
    assert entry.changes["name"] == ["Levre skole", "Levre ungdomsskole"]
    assert "area" not in entry.changes  # unchanged


@pytest.mark.parametrize("body, field", [
    ({"name": ""}, "name"),
    ({"name": "jar SKOLE"}, "name"),  # another school's name
    ({"postcode": "13A8"}, "postcode"),
    ({"postcode": "12345"}, "postcode"),
    ({"contact_email": "ikke en adresse"}, "contact_email"),
    ({"address": "x" * 201}, "address"),
    ({"area": "  "}, "area"),
])
def test_a_refused_change_explains_itself_and_changes_nothing(client, world, db_app, body,
                                                               field):
    before = building_row(db_app, world.levre_id)
    response = client.patch(f"/api/v1/buildings/{world.levre_id}",
                            headers=world.headers(Role.ADMIN), json=body)
    assert response.status_code == 422, response.json
    assert response.json["error"]["code"] == "building_change_refused"
    assert field in response.json["error"]["details"]
    assert building_row(db_app, world.levre_id) == before
    assert audit_entries(db_app) == []


def test_only_case_officers_and_admins(client, world, db_app):
    for role in (Role.RESIDENT, Role.CARETAKER):
        assert client.patch(f"/api/v1/buildings/{world.levre_id}", headers=world.headers(role),
                            json={"area": "X"}).status_code == 403
        log_in_client(client, world.emails[role])
        assert client.get(f"/saksbehandling/bygg/{world.levre_id}").status_code == 403
    assert client.patch("/api/v1/buildings/999999", headers=world.headers(Role.ADMIN),
                        json={"area": "X"}).status_code == 404
    assert audit_entries(db_app) == []


def test_the_page_saves_and_explains_a_refusal(client, world, db_app):
    log_in_client(client, world.emails[Role.CASE_OFFICER])
    url = f"/saksbehandling/bygg/{world.levre_id}"
    form = {"csrf_token": csrf_token(client), "name": "Levre skole", "address": "Levreveien 10",
            "postcode": "1348", "city": "Rykkinn", "area": "Rykkinn", "description": "",
            "contact_phone": "67 50 00 00", "contact_email": "levre@example.no"}
    refused = client.post(url, data=form | {"postcode": "abcd"})
    assert refused.status_code == 422 and 'id="error-summary"' in refused.get_data(as_text=True)
    assert building_row(db_app, world.levre_id)[1] == "1348"
    saved = client.post(url, data=form | {"csrf_token": csrf_token(client)})
    assert saved.status_code == 303
    assert building_row(db_app, world.levre_id)[3] == "levre@example.no"
    catalogue = client.get("/saksbehandling/katalog").get_data(as_text=True)
    assert url in catalogue


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_page_in_a_browser_by_keyboard_under_axe(browser, live_server, world, db_app,
                                                       viewport):
    context = browser.new_context(locale="nb-NO", viewport=viewport, bypass_csp=True)
    page = context.new_page()
    try:
        log_in(page, live_server, world.emails[Role.CASE_OFFICER])
        page.goto(f"{live_server}/saksbehandling/bygg/{world.levre_id}")
        assert axe_violations(page) == [] and sideways_overflow(page) == 0
        page.locator("#postcode").fill("13")
        page.locator("#postcode").press("Enter")
        expect(page.locator("#error-summary")).to_be_visible()
        expect(page.locator("#postcode")).to_have_attribute("aria-invalid", "true")
        assert axe_violations(page) == [] and sideways_overflow(page) == 0
        page.locator("#postcode").fill("1349")
        page.locator("#postcode").press("Enter")
        page.wait_for_url("**lagret=1")
        expect(page.get_by_role("status")).to_be_visible()
        assert building_row(db_app, world.levre_id)[1] == "1349"
    finally:
        context.close()
