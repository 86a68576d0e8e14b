"""The price pages: a list's policy and its rates changed in kroner, a refused change
explained with nothing changed (also the valid half of a form with one bad amount), a new
list from a day; only case officers and admins; in a browser by keyboard under axe at
360 px and desktop width."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from fixtures.browser import DESKTOP, PHONE, axe_violations, log_in, screenshot, sideways_overflow
from helpers import csrf_token, log_in_client, today
from playwright.sync_api import expect
from sqlalchemy import select

from booking.accounts.models import Role
from booking.core.audit import AuditEntry
from booking.core.db import db
from booking.pricing.models import PriceList, PriceRate


def the_list(app) -> tuple[int, int, int]:
    """The list's id, its partial-refund notice and the private gym rate."""
    with app.app_context():
        price_list = db.session.scalars(select(PriceList)).one()
        gym = db.session.scalar(select(PriceRate.hourly_ore).where(
            PriceRate.room_type == "gymsal", PriceRate.category == "private"))
        return price_list.id, price_list.partial_refund_hours, gym


def logged(app) -> int:
    with app.app_context():
        return len(db.session.scalars(select(AuditEntry)).all())


def list_form(client, **changes):
    return {"csrf_token": csrf_token(client), "name": "Prisliste", "valid_from": "2000-01-01",
            "valid_to": "", "vat_percent": "0", "supervisor": "450",
            "full_refund_hours": "168", "partial_refund_hours": "48",
            "partial_refund_percent": "50"} | changes


def rates_form(client, app, list_id, **changes):
    """The rates form as the page fills it, with some fields changed."""
    page = client.get(f"/saksbehandling/priser/{list_id}").get_data(as_text=True)
    values = dict(re.findall(r'name="((?:hourly|cleaning)-[a-z_]+-[a-z_]+)" value="([^"]*)"',
                             page))
    assert len(values) == 48
    return {"csrf_token": csrf_token(client)} | values | changes


@pytest.mark.parametrize("role, status", [
    (Role.RESIDENT, 403), (Role.CARETAKER, 403), (Role.CASE_OFFICER, 200), (Role.ADMIN, 200)])
def test_only_case_officers_and_admins_see_the_price_pages(client, world, db_app, role, status):
    log_in_client(client, world.emails[role])
    list_id = the_list(db_app)[0]
    assert client.get("/saksbehandling/priser").status_code == status
    assert client.get(f"/saksbehandling/priser/{list_id}").status_code == status


def test_visitors_log_in_first(client, world):
    page = client.get("/saksbehandling/priser")
    assert page.status_code == 302 and "/logg-inn" in page.headers["Location"]


def test_the_policy_is_changed_and_a_refused_change_explained(client, world, db_app):
    log_in_client(client, world.emails[Role.CASE_OFFICER])
    list_id, _, _ = the_list(db_app)
    url = f"/saksbehandling/priser/{list_id}"
    refused = client.post(url, data=list_form(client, partial_refund_hours="200"))
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and 'id="error-summary"' in html
    assert 'id="partial_refund_hours" name="partial_refund_hours" value="200"' in html
    assert the_list(db_app)[1] == 48 and logged(db_app) == 0
    not_a_number = client.post(url, data=list_form(client, supervisor="mye"))
    assert not_a_number.status_code == 422 and logged(db_app) == 0
    saved = client.post(url, data=list_form(client, partial_refund_hours="24",
                                            supervisor="475,50"))
    assert saved.status_code == 303 and "lagret=1" in saved.headers["Location"]
    assert the_list(db_app)[1] == 24 and logged(db_app) == 1
    with db_app.app_context():
        assert db.session.get(PriceList, list_id).supervisor_hourly_ore == 47_550
    assert client.get("/saksbehandling/priser/999999").status_code == 404


def test_rates_are_saved_in_kroner_and_a_bad_amount_changes_none_of_them(
        client, world, db_app):
    log_in_client(client, world.emails[Role.CASE_OFFICER])
    list_id, _, gym = the_list(db_app)
    assert gym == 17_900
    url = f"/saksbehandling/priser/{list_id}/satser"
    bad = client.post(url, data=rates_form(client, db_app, list_id, **{
        "hourly-gymsal-private": "200", "hourly-aula-private": "tre hundre"}))
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422 and 'id="error-summary"' in html
    assert 'value="tre hundre"' in html
    assert the_list(db_app)[2] == 17_900 and logged(db_app) == 0
    saved = client.post(url, data=rates_form(client, db_app, list_id, **{
        "hourly-gymsal-private": "199,50", "hourly-musikkrom-commercial": ""}))
    assert saved.status_code == 303
    assert the_list(db_app)[2] == 19_950
    with db_app.app_context():
        assert db.session.scalar(select(PriceRate.id).where(
            PriceRate.room_type == "musikkrom", PriceRate.category == "commercial")) is None
        assert sorted(db.session.scalars(select(AuditEntry.action))) == [
            "price_rate.removed", "price_rate.updated"]


def test_a_new_list_from_a_day_opens_for_editing(client, world, db_app):
    log_in_client(client, world.emails[Role.ADMIN])
    starts = today() + timedelta(days=30)
    created = client.post("/saksbehandling/priser", data={
        "csrf_token": csrf_token(client), "name": "Prisliste 2028",
        "valid_from": starts.isoformat()})
    assert created.status_code == 303
    page = client.get(created.headers["Location"]).get_data(as_text=True)
    assert "Prisliste 2028" in page and 'name="hourly-gymsal-private" value="179"' in page
    listing = client.get("/saksbehandling/priser").get_data(as_text=True)
    assert listing.index("Prisliste 2028") < listing.index(">Prisliste<")
    twice = client.post("/saksbehandling/priser", data={
        "csrf_token": csrf_token(client), "name": "Igjen", "valid_from": starts.isoformat()})
    assert twice.status_code == 422 and "Prisliste 2028" in twice.get_data(as_text=True)
    no_day = client.post("/saksbehandling/priser", data={
        "csrf_token": csrf_token(client), "name": "Uten dag", "valid_from": "snart"})
    assert no_day.status_code == 422
    with db_app.app_context():
        assert len(db.session.scalars(select(PriceList)).all()) == 2


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_price_pages_in_a_browser_by_keyboard_under_axe(browser, live_server, db_app,
                                                              world, viewport):
    context = browser.new_context(locale="nb-NO", viewport=viewport, bypass_csp=True)
    page = context.new_page()
    size = "phone" if viewport is PHONE else "desktop"
    try:
        log_in(page, live_server, world.emails[Role.CASE_OFFICER])
        page.goto(f"{live_server}/saksbehandling/priser")
        assert axe_violations(page) == [] and sideways_overflow(page) == 0
        page.get_by_role("link", name="Prisliste", exact=True).click()
        assert axe_violations(page) == [] and sideways_overflow(page) == 0
        # A partial-refund notice longer than the full one: refused and explained.
        page.locator("#partial_refund_hours").fill("200")
        page.locator("#partial_refund_hours").press("Enter")
        summary = page.locator("#error-summary")
        expect(summary).to_be_visible()
        expect(page.locator("#partial_refund_hours")).to_have_attribute("aria-invalid", "true")
        assert axe_violations(page) == [] and sideways_overflow(page) == 0
        screenshot(page, f"price-list-refused-{size}")
        summary.get_by_role("link").first.focus()
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "partial_refund_hours"
        page.keyboard.press("Control+A")
        page.keyboard.type("24")
        page.keyboard.press("Enter")
        page.wait_for_url("**lagret=1")
        expect(page.get_by_role("status")).to_be_visible()
        # A rate typed by keyboard and saved with Enter.
        page.locator("#hourly-gymsal-private").focus()
        page.keyboard.press("Control+A")
        page.keyboard.type("205")
        page.keyboard.press("Enter")
        page.wait_for_url("**lagret=1**")
        expect(page.locator("#hourly-gymsal-private")).to_have_value("205")
        assert axe_violations(page) == [] and sideways_overflow(page) == 0
        assert the_list(db_app)[1:] == (24, 20_500)
    finally:
        context.close()
