"""The audit log on both backends: catalogue entries and booking state changes made
through the real operations, merged newest first, filtered by kind and period, paged;
who may read it (API and page); bad input; the page in a browser by keyboard under axe."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fixtures.browser import DESKTOP, PHONE, axe_violations, log_in, screenshot, sideways_overflow
from helpers import THURSDAY, log_in_client
from playwright.sync_api import expect
from sqlalchemy import select

from booking.accounts.models import Role, User
from booking.core import audit, uow
from booking.core.db import db

LOG = "/api/v1/audit-log"


def officer_id(app, world) -> int:
    with app.app_context():
        return db.session.scalar(select(User.id).where(
            User.email == world.emails[Role.CASE_OFFICER]))


def record(app, world, *, at: datetime, name: str = "Gymsal A") -> None:
    with app.app_context():
        audit.record(officer_id(app, world), "room.updated", "room", world.half_a,
                     f"{name}: capacity changed", {"capacity": (30, 40)}, now=at)
        uow.commit()


@pytest.fixture
def history(db_app, client, world):
    """A booking made and cancelled by the resident (its status changes), and a catalogue
    change by the case officer a minute later."""
    day = world.bookable_day(THURSDAY)
    booking = client.post("/api/v1/bookings", headers=world.headers(), json={
        "room_id": world.half_a, "date": day.isoformat(), "start": "18:00", "end": "19:00",
        "purpose": "Håndball", "attendees": 12, "organisation_id": world.club_id}).json
    assert booking["status"] == "confirmed", booking
    assert client.post(f"/api/v1/bookings/{booking['id']}/cancel",
                       headers=world.headers()).status_code == 200
    record(db_app, world, at=datetime.now(UTC) + timedelta(minutes=1))
    return booking


def test_the_log_merges_catalogue_and_booking_changes_newest_first(client, world, history):
    body = client.get(LOG, headers=world.headers(Role.CASE_OFFICER)).json
    lines = body["lines"]
    assert [line["at"] for line in lines] == sorted((line["at"] for line in lines), reverse=True)
    newest = lines[0]
    assert (newest["kind"], newest["action"], newest["actor_name"]) == (
        "catalogue", "room.updated", "Case_Officer")
    assert newest["changes"] == {"capacity": [30, 40]} and newest["room_id"] == world.half_a
    bookings = [line for line in lines if line["kind"] == "bookings"]
    assert {line["booking_id"] for line in bookings} == {history["id"]}
    statuses = {(line["changes"]["status"][0], line["changes"]["status"][1]) for line in bookings}
    assert (None, "confirmed") in statuses and ("confirmed", "cancelled") in statuses
    assert all(line["actor_name"] == "Resident" for line in bookings)
    assert body["page"] == 1 and body["has_next"] is False


def test_filter_by_kind(client, world, history):
    officer = world.headers(Role.CASE_OFFICER)
    catalogue = client.get(f"{LOG}?kind=catalogue", headers=officer).json["lines"]
    assert [line["kind"] for line in catalogue] == ["catalogue"]
    booking_lines = client.get(f"{LOG}?kind=bookings", headers=officer).json["lines"]
    assert booking_lines and {line["kind"] for line in booking_lines} == {"bookings"}


def test_filter_by_period_in_oslo_days_and_paging(db_app, client, world):
    # 23:30 UTC on 5 January is 00:30 on the 6th in Oslo.
    for at in (datetime(2026, 1, 5, 12, tzinfo=UTC), datetime(2026, 1, 5, 23, 30, tzinfo=UTC),
               datetime(2026, 1, 7, 12, tzinfo=UTC)):
        record(db_app, world, at=at)
    officer = world.headers(Role.CASE_OFFICER)
    sixth = client.get(f"{LOG}?from=2026-01-06&to=2026-01-06", headers=officer).json["lines"]
    assert [line["at"] for line in sixth] == ["2026-01-05T23:30:00+00:00"]
    first = client.get(f"{LOG}?kind=catalogue&page_size=2", headers=officer).json
    second = client.get(f"{LOG}?kind=catalogue&page_size=2&page=2", headers=officer).json
    assert [line["at"][:10] for line in first["lines"]] == ["2026-01-07", "2026-01-05"]
    assert first["has_next"] is True
    assert [line["at"] for line in second["lines"]] == ["2026-01-05T12:00:00+00:00"]
    assert second["has_next"] is False


@pytest.mark.parametrize("query", ["kind=rooms", "from=2026-01-07&to=2026-01-06",
                                   "page_size=101", "page=0", "page=201", "from=igår"])
def test_bad_input_gets_a_clear_error(client, world, query):
    response = client.get(f"{LOG}?{query}", headers=world.headers(Role.CASE_OFFICER))
    assert response.status_code == 422, response.json
    assert response.json["error"]["message"]


@pytest.mark.parametrize("role, status", [
    (Role.RESIDENT, 403), (Role.CARETAKER, 403), (Role.CASE_OFFICER, 200), (Role.ADMIN, 200)])
def test_only_case_officers_and_admins_read_the_log(client, world, role, status):
    assert client.get(LOG, headers=world.headers(role)).status_code == status
    log_in_client(client, world.emails[role])
    assert client.get("/saksbehandling/logg").status_code == status


def test_anonymous_users_log_in_first(client, world):
    assert client.get(LOG).status_code == 401
    page = client.get("/saksbehandling/logg")
    assert page.status_code == 302 and "/logg-inn" in page.headers["Location"]


def test_the_page_links_the_booking_and_the_room_and_refuses_a_bad_period(client, world,
                                                                          history):
    log_in_client(client, world.emails[Role.CASE_OFFICER])
    html = client.get("/saksbehandling/logg").get_data(as_text=True)
    assert 'class="ds-table"' in html
    assert f'href="/saksbehandling/foresporsler/{history["id"]}"' in html
    assert f'href="/rom/{world.half_a}"' in html and "30 → 40" in html
    bad = client.get("/saksbehandling/logg?from=2026-01-07&to=2026-01-06")
    assert bad.status_code == 422 and 'id="error-summary"' in bad.get_data(as_text=True)
    assert client.get("/saksbehandling/logg?from=igår").status_code == 422
    assert client.get("/saksbehandling/logg?kind=rooms").status_code == 422


def test_the_api_is_documented(client, world):
    operation = client.get("/api/v1/openapi.json").json["paths"]["/api/v1/audit-log"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"kind", "from", "to", "page",
                                                             "page_size"}
    assert operation["security"] == [{"bearerAuth": []}]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_page_in_a_browser_by_keyboard_under_axe(browser, live_server, world, history,
                                                       viewport):
    context = browser.new_context(locale="nb-NO", viewport=viewport, bypass_csp=True)
    page = context.new_page()
    try:
        log_in(page, live_server, world.emails[Role.CASE_OFFICER])
        page.goto(f"{live_server}/saksbehandling/logg")
        expect(page.locator("table.ds-table tbody tr").first).to_be_visible()
        assert axe_violations(page) == [] and sideways_overflow(page) == 0
        # By keyboard: only the catalogue changes, submitted with Enter.
        page.locator("#kind").focus()
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "from"
        page.locator("#to").press("Enter")
        page.wait_for_url("**/saksbehandling/logg?*")
        assert "kind=catalogue" in page.url
        expect(page.locator("tbody tr")).to_have_count(1)
        expect(page.locator("tbody tr[data-kind=catalogue]")).to_contain_text("30 → 40")
        assert axe_violations(page) == [] and sideways_overflow(page) == 0
        screenshot(page, f"audit-log-{'phone' if viewport is PHONE else 'desktop'}")
        # A period the wrong way round: the error summary, and its link to the field.
        page.fill("#from", "2026-01-07")
        page.fill("#to", "2026-01-06")
        page.locator("#to").press("Enter")
        expect(page.locator("#error-summary")).to_be_visible()
        expect(page.locator("#to")).to_have_attribute("aria-invalid", "true")
        assert axe_violations(page) == []
    finally:
        context.close()
