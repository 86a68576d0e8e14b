"""The utilisation figures on both backends against bookings made in the test through the
real operations: a half-hall series, a whole-hall hour, a cancelled booking, and a no-show
marked through the caretakers' check-in; who may see them (API and page); bad input."""

from __future__ import annotations

import re
from datetime import time, timedelta

import pytest
import time_machine
from fixtures.browser import DESKTOP, PHONE, axe_violations, log_in, screenshot, sideways_overflow
from helpers import THURSDAY, log_in_client
from playwright.sync_api import expect
from sqlalchemy import select

from booking.accounts.models import Role
from booking.core.db import db
from booking.core.timeutil import local_to_utc
from booking.facilities.models import RentalWindow


def book(client, world, room_id, day, start, end, until=None):
    body = {"room_id": room_id, "date": day.isoformat(), "start": start, "end": end,
            "purpose": "Håndball", "attendees": 12, "organisation_id": world.club_id}
    if until:
        body["repeat_weekly_until"] = until.isoformat()
    booking = client.post("/api/v1/bookings", headers=world.headers(), json=body).json
    assert booking["status"] == "confirmed", booking
    return booking


@pytest.fixture
def evening(client, world):
    """On a Thursday: half A 18-20 weekly for two weeks, the whole hall 20-21, and half B
    17-18 booked and cancelled again."""
    first = world.bookable_day(THURSDAY, weeks=2)
    series = book(client, world, world.half_a, first, "18:00", "20:00", first + timedelta(weeks=1))
    book(client, world, world.whole_hall, first, "20:00", "21:00")
    cancelled = book(client, world, world.half_b, first, "17:00", "18:00")
    assert client.post(f"/api/v1/bookings/{cancelled['id']}/cancel",
                       headers=world.headers()).status_code == 200
    return first, series


def test_the_figures_match_the_bookings_and_the_no_show(client, world, evening):
    first, series = evening
    gym = f"/api/v1/utilisation?building_id={world.jar_id}&room_type=gymsal"
    with time_machine.travel(local_to_utc(first, time(22)), tick=True):
        officer = world.headers(Role.CASE_OFFICER)
        before = client.get(f"{gym}&from={first}&to={first}", headers=officer).json
        assert before["total"]["used_hours"] == 4.0  # both over, nobody marked yet
        marked = client.post(f"/api/v1/occurrences/{series['occurrences'][0]['id']}/check-in",
                             headers=officer, json={"came": False, "note": "Ingen kom"})
        assert marked.json["status"] == "no_show"
        day = client.get(f"{gym}&from={first}&to={first}", headers=officer)
        assert day.status_code == 200, day.json
        two_weeks = client.get(f"{gym}&from={first}&to={first + timedelta(weeks=1)}",
                               headers=officer).json
        csv = client.get(f"{gym}&from={first}&to={first}&format=csv", headers=officer)
    report = day.json
    # Halves A and B, 17:00-21:45: 9.5 unit-hours. Half A 18-20 (2) and the whole hall
    # 20-21 (2 units) are booked; the half-A date was a no-show; the cancelled hour is not.
    assert report["units"] == 2
    assert {k: report["total"][k] for k in ("rentable_hours", "booked_hours", "used_hours",
                                            "outside_hours")} == {
        "rentable_hours": 9.5, "booked_hours": 4.0, "used_hours": 2.0, "outside_hours": 0.0}
    assert (report["total"]["booked_share"], report["total"]["used_share"]) == (
        round(4 / 9.5, 4), round(2 / 9.5, 4))
    hours = {row["hour"]: row for row in report["by_weekday_hour"] if row["weekday"] == THURSDAY}
    assert sorted(hours) == [17, 18, 19, 20, 21]
    assert [hours[h]["booked_hours"] for h in range(17, 22)] == [0, 1, 1, 2, 0]
    assert [hours[h]["used_hours"] for h in range(17, 22)] == [0, 0, 0, 2, 0]
    [school] = report["by_building"]
    assert (school["building"], school["booked_hours"]) == ("Jar skole", 4.0)
    [evening_row] = report["emptiest_evenings"]
    assert (evening_row["date"], evening_row["open_hours"], evening_row["rentable_hours"]) == (
        first.isoformat(), 4.75, 9.5)
    # The second Thursday of the series is booked but not over yet: not used.
    assert (two_weeks["total"]["booked_hours"], two_weeks["total"]["used_hours"]) == (6.0, 2.0)
    assert len(two_weeks["by_week"]) == 2
    # The CSV: a byte order mark, semicolons, decimal commas.
    text = csv.get_data(as_text=True)
    assert csv.mimetype == "text/csv" and text.startswith("\ufeffsection;key;name;")
    assert "total;" in text and ";9,50;4,00;2,00;42,11;21,05;" in text


def test_the_whole_municipality_and_by_agreement_hours(client, world):
    first = world.bookable_day(THURSDAY)
    book(client, world, world.levre_hall, first, "20:00", "21:00")
    officer = world.headers(Role.CASE_OFFICER)
    report = client.get(f"/api/v1/utilisation?from={first}&to={first}", headers=officer).json
    assert report["scope"]["building_id"] is None
    assert {row["building"] for row in report["by_building"]} == {"Jar skole", "Levre skole"}
    assert report["total"]["booked_hours"] == 1.0
    # A new booking is counted at once (the report is not served stale from its cache).
    book(client, world, world.kitchen, first, "18:00", "19:00")
    again = client.get(f"/api/v1/utilisation?from={first}&to={first}", headers=officer).json
    assert again["total"]["booked_hours"] == 2.0
    assert report["unbooked_evenings"] == 1  # Jar: nothing booked that evening


def test_rooms_of_one_school_with_other_windows_count_each_by_their_own(db_app, client, world):
    # The database adds up the units of a school booked over the same span; the kitchen's
    # late Thursday evening made regular (not by agreement) makes Jar's units of two kinds.
    with db_app.app_context():
        late = db.session.scalar(select(RentalWindow.id).where(
            RentalWindow.room_id == world.kitchen, RentalWindow.weekday == THURSDAY,
            RentalWindow.by_agreement.is_(True)))
    officer = world.headers(Role.CASE_OFFICER)
    changed = client.patch(f"/api/v1/rental-windows/{late}", headers=officer,
                           json={"by_agreement": False})
    assert changed.status_code == 200, changed.json
    first = world.bookable_day(THURSDAY, room_id=world.kitchen)
    late_half = client.post("/api/v1/bookings", headers=world.headers(), json={
        "room_id": world.half_a, "date": first.isoformat(), "start": "21:00", "end": "22:30",
        "purpose": "Håndball", "attendees": 12, "organisation_id": world.club_id}).json
    assert late_half["status"] == "pending_approval"  # after 21:45 by agreement
    approved = client.post(f"/api/v1/bookings/{late_half['id']}/approve", json={}, headers=officer)
    assert approved.json["status"] == "pending_payment", approved.json  # held: it counts
    book(client, world, world.kitchen, first, "21:00", "22:30")
    report = client.get(f"/api/v1/utilisation?building_id={world.jar_id}&from={first}&to={first}",
                        headers=officer).json
    # Half A: 21:00-21:45 regular, the rest by agreement; the kitchen: all of it regular.
    assert (report["total"]["booked_hours"], report["total"]["outside_hours"]) == (2.25, 0.75)
    hours = {row["hour"]: row for row in report["by_weekday_hour"] if row["weekday"] == THURSDAY}
    assert (hours[21]["booked_hours"], hours[22]["booked_hours"]) == (1.75, 0.5)


def test_a_room_taken_out_of_use_is_not_counted(client, world):
    first = world.bookable_day(THURSDAY, room_id=world.kitchen)
    # The kitchen and half A over the same hour: the database adds up such units of a
    # school, and must leave the kitchen out once it is out of use.
    book(client, world, world.kitchen, first, "18:00", "19:00")
    book(client, world, world.half_a, first, "18:00", "19:00")
    book(client, world, world.levre_hall, first, "18:00", "20:00")
    officer = world.headers(Role.CASE_OFFICER)
    before = client.get(f"/api/v1/utilisation?from={first}&to={first}", headers=officer).json
    assert before["total"]["booked_hours"] == 4.0
    changed = client.patch(f"/api/v1/rooms/{world.kitchen}", headers=officer,
                           json={"is_active": False})
    assert changed.status_code == 200, changed.json
    after = client.get(f"/api/v1/utilisation?from={first}&to={first}", headers=officer).json
    assert (after["units"], after["total"]["booked_hours"]) == (before["units"] - 1, 3.0)
    assert after["total"]["outside_hours"] == 0.0


@pytest.mark.parametrize("query, status, code", [
    ("from=2026-03-02&to=2026-03-01", 422, "period_reversed"),
    ("from=2026-01-01&to=2027-01-02", 422, "period_too_long"),
    ("from=2026-01-01&to=2026-01-31&building_id=999999", 404, "building_not_found"),
    ("from=2026-01-01&to=2026-01-31&room_type=sauna", 422, None),
    ("to=2026-01-31", 422, None),
])
def test_bad_input_gets_a_clear_error(client, world, query, status, code):
    response = client.get(f"/api/v1/utilisation?{query}", headers=world.headers(Role.CASE_OFFICER))
    assert response.status_code == status, response.json
    assert response.json["error"]["message"]
    if code:
        assert response.json["error"]["code"] == code


@pytest.mark.parametrize("role, status", [
    (Role.RESIDENT, 403), (Role.CARETAKER, 403), (Role.CASE_OFFICER, 200), (Role.ADMIN, 200)])
def test_only_case_officers_and_admins_see_utilisation(client, world, role, status):
    api = "/api/v1/utilisation?from=2026-01-05&to=2026-01-11"
    assert client.get(api, headers=world.headers(role)).status_code == status
    log_in_client(client, world.emails[role])
    assert client.get("/saksbehandling/utnyttelse").status_code == status
    assert client.get("/saksbehandling/utnyttelse?fra=2026-01-05&til=2026-01-11&format=csv"
                      ).status_code == status


def test_anonymous_users_log_in_first(client, world):
    assert client.get("/api/v1/utilisation?from=2026-01-05&to=2026-01-11").status_code == 401
    page = client.get("/saksbehandling/utnyttelse")
    assert page.status_code == 302 and "/logg-inn" in page.headers["Location"]


def test_the_page_shows_the_figures_and_refuses_a_bad_period(client, world, evening):
    first, _series = evening
    log_in_client(client, world.emails[Role.CASE_OFFICER])
    page = client.get(f"/saksbehandling/utnyttelse?hvor=b{world.jar_id}&romtype=gymsal"
                      f"&fra={first}&til={first}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<caption>" in html and 'scope="row"' in html and "42 %" in html
    assert 'href="/saksbehandling/utnyttelse?' in html and "format=csv" in html
    csv = client.get(f"/saksbehandling/utnyttelse?hvor=b{world.jar_id}&romtype=gymsal"
                     f"&fra={first}&til={first}&format=csv")
    assert csv.get_data(as_text=True).startswith("\ufeffsection;")
    bad = client.get(f"/saksbehandling/utnyttelse?fra={first}&til={first - timedelta(days=1)}")
    assert bad.status_code == 422 and 'id="error-summary"' in bad.get_data(as_text=True)
    assert client.get("/saksbehandling/utnyttelse?fra=igår").status_code == 422


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_page_in_a_browser_by_keyboard_under_axe(browser, live_server, world, evening,
                                                       viewport):
    first, _series = evening
    context = browser.new_context(locale="nb-NO", viewport=viewport, bypass_csp=True)
    page = context.new_page()
    try:
        log_in(page, live_server, world.emails[Role.CASE_OFFICER])
        page.goto(f"{live_server}/saksbehandling/utnyttelse")
        assert axe_violations(page) == [] and sideways_overflow(page) == 0
        # By keyboard: the school, then the period, submitted with Enter.
        page.locator("#hvor").focus()
        page.keyboard.press("ArrowDown")  # the first school: Jar skole
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "romtype"
        page.keyboard.press("ArrowDown")  # the first room type: gym halls
        page.fill("#fra", first.isoformat())
        page.fill("#til", first.isoformat())
        page.locator("#til").press("Enter")
        page.wait_for_url("**/saksbehandling/utnyttelse?*")
        assert f"hvor=b{world.jar_id}" in page.url and "romtype=gymsal" in page.url
        heatmap = page.locator("table.heatmap")
        expect(heatmap.locator("caption")).to_be_visible()
        # Half A 18-20 (one of two units) and the whole hall 20-21 (both).
        expect(page.get_by_role("heading", name=re.compile("Jar skole"))).to_be_visible()
        expect(heatmap.locator("td.heat-5").first).to_contain_text("50 %")
        expect(heatmap.locator("td.heat-10")).to_contain_text("100 %")
        assert axe_violations(page) == [] and sideways_overflow(page) == 0
        screenshot(page, f"utilisation-{'phone' if viewport is PHONE else 'desktop'}")
        # A period the wrong way round: the error summary, by keyboard to the field.
        page.fill("#til", (first - timedelta(days=1)).isoformat())
        page.locator("#til").press("Enter")
        expect(page.locator("#error-summary")).to_be_visible()
        assert axe_violations(page) == []
    finally:
        context.close()


def test_the_api_is_documented(client, world):
    spec = client.get("/api/v1/openapi.json").json
    operation = spec["paths"]["/api/v1/utilisation"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"from", "to", "building_id",
                                                             "room_type", "format"}
    assert operation["security"] == [{"bearerAuth": []}]
