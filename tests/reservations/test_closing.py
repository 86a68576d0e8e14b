"""Closures that hit bookings, on both backends: the dates hit shown before saving, then
cancelled in the same step with everything paid refunded (whatever the policy) and each
booker told the reason in their language; kept when asked; a preview gone stale is shown
again rather than acted on; case officers only; the page by keyboard under axe."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from fixtures.browser import PHONE, axe_violations, log_in, sideways_overflow
from fixtures.stripe import pay
from helpers import FRIDAY, THURSDAY, log_in_client
from playwright.sync_api import expect
from sqlalchemy import select

from booking.accounts.models import Role, User
from booking.core.db import db
from booking.core.timeutil import local_to_utc
from booking.facilities.models import Closure, ClosureKind
from booking.payments.models import Refund
from booking.reservations import cancellations, closing
from booking.reservations.models import Booking

OFFICER = "case_officer@example.com"


def book(client, headers, room_id, day, **extra):
    response = client.post("/api/v1/bookings", headers=headers, json={
        "room_id": room_id, "date": day.isoformat(), "start": "18:00", "end": "20:00",
        "purpose": extra.pop("purpose", "Trening"), "attendees": 12, **extra})
    assert response.status_code == 201, response.json
    return response.json


def request_after(client, world, thursday):
    """A Friday request at Jar soon after that Thursday (the next Friday that is not a
    public holiday: some clocks the suite runs on put New Year's Day there)."""
    for weeks in range(4):
        friday = thursday + timedelta(days=1, weeks=weeks)
        response = client.post("/api/v1/bookings", headers=world.headers("other"), json={
            "room_id": world.half_b, "date": friday.isoformat(), "start": "18:00",
            "end": "20:00", "purpose": "Bursdag", "attendees": 12})
        if response.status_code == 201:
            assert response.json["status"] == "pending_approval"
            return response.json
    raise AssertionError(response.json)


@pytest.fixture
def week_at_jar(client, world, db_app, local_stripe):
    """In one week at Jar: a paid Thursday, a Friday request; at Levre, a Thursday."""
    thursday = world.bookable_day(THURSDAY, weeks=1)
    paid = book(client, world.headers(), world.half_a, thursday, purpose="Innebandy")
    pay(client, db_app, local_stripe, paid["id"], "resident@example.com")
    request = request_after(client, world, thursday)
    elsewhere = book(client, world.headers(), world.levre_hall,
                     world.bookable_day(THURSDAY, room_id=world.levre_hall), purpose="Kor",
                     organisation_id=world.club_id)
    return thursday, paid, request, elsewhere


def test_the_dates_hit_are_shown_then_cancelled_in_full_and_the_bookers_told(
        client, world, db_app, week_at_jar, mailbox):
    thursday, paid, request, elsewhere = week_at_jar
    officer = world.headers(Role.CASE_OFFICER)
    span = {"first_day": thursday.isoformat(),
            "last_day": request["occurrences"][0]["starts_at"][:10], "building_id": world.jar_id}
    hits = client.get("/api/v1/closures/hits", query_string=span, headers=officer)
    assert hits.status_code == 200, hits.json
    assert [(h["booking_id"], h["refund_ore"]) for h in hits.json] == [
        (paid["id"], paid["total_ore"]), (request["id"], 0)]
    assert hits.json[0]["booked_by"] == "Resident"

    closed = client.post("/api/v1/closures", headers=officer, json={
        **span, "kind": "own_use", "reason": "Skolens juleforestilling"})
    assert closed.status_code == 201, closed.json
    assert [c["booking_id"] for c in closed.json["cancelled"]] == [paid["id"], request["id"]]
    assert closed.json["refund_ore"] == paid["total_ore"]
    assert closed.json["closure"]["building_id"] == world.jar_id
    with db_app.app_context():
        statuses = {b.id: b.status.value for b in db.session.scalars(select(Booking))}
        refunds = list(db.session.scalars(select(Refund)))
    assert statuses == {paid["id"]: "cancelled", request["id"]: "cancelled",
                        elsewhere["id"]: "confirmed"}
    assert [r.amount_ore for r in refunds] == [paid["total_ore"]]

    told = {str(m["To"]): m.get_body(("plain",)).get_content() for m in mailbox.wait_for(4)
            if "Skolens juleforestilling" in m.get_body(("plain",)).get_content()}
    assert sorted(told) == ["other@example.com", "resident@example.com"]
    assert "stengt lokalet" in told["resident@example.com"]
    # The closed days cannot be booked again.
    again = client.post("/api/v1/bookings", headers=world.headers(), json={
        "room_id": world.half_a, "date": thursday.isoformat(), "start": "18:00", "end": "20:00",
        "purpose": "Trening", "attendees": 12})
    assert again.status_code == 422 and again.json["error"]["code"] == "closed"


def test_a_closure_refunds_everything_even_where_the_policy_would_not(
        client, world, db_app, week_at_jar):
    thursday, paid, _request, _elsewhere = week_at_jar
    an_hour_before = local_to_utc(thursday, time(17))
    with db_app.app_context():
        officer = db.session.scalar(select(User).where(User.email == OFFICER))
        booking = db.session.get(Booking, paid["id"])
        [date] = booking.occurrences
        assert cancellations.refunds(booking, [date], an_hour_before)[date] == 0  # the policy
        done = closing.close(officer, first_day=thursday, last_day=thursday, reason="Vannlekkasje",
                             kind=ClosureKind.MAINTENANCE, scope=closing.Scope(room_id=world.half_a),
                             now=an_hour_before)
        assert done.refund_ore == paid["total_ore"] and done.cancelled == [date]
        db.session.rollback()


def test_kept_when_asked_and_bad_input_changes_nothing(client, world, db_app, week_at_jar):
    thursday, paid, _request, _elsewhere = week_at_jar
    officer = world.headers(Role.CASE_OFFICER)
    day = {"first_day": thursday.isoformat(), "last_day": thursday.isoformat(),
           "building_id": world.jar_id}
    for bad, code in (({**day, "reason": " "}, "reason_required"),
                      ({**day, "last_day": (thursday - timedelta(days=1)).isoformat(),
                        "reason": "X"}, "invalid_span"),
                      ({**day, "room_id": 999_999, "reason": "X"}, "room_not_found")):
        refused = client.post("/api/v1/closures", headers=officer, json=bad)
        assert refused.status_code in (404, 422), refused.json
        assert refused.json["error"]["code"] == code
    past = client.post("/api/v1/closures", headers=officer, json={
        "first_day": "2025-01-06", "last_day": "2025-01-08", "reason": "For sent"})
    assert past.status_code == 422 and past.json["error"]["code"] == "in_the_past"
    kept = client.post("/api/v1/closures", headers=officer, json={
        **day, "reason": "Foreldremøte i aulaen", "cancel_bookings": False})
    again = client.post("/api/v1/closures", headers=officer, json={**day, "reason": "Igjen"})
    assert again.status_code == 409 and again.json["error"]["code"] == "duplicate_closure"
    assert [k["booking_id"] for k in kept.json["kept"]] == [paid["id"]]
    assert kept.json["cancelled"] == []
    with db_app.app_context():
        assert db.session.get(Booking, paid["id"]).status.value == "confirmed"
        assert len(db.session.scalars(select(Closure)).all()) == 1
    # Made by mistake: removed, and the day can be booked again.
    closure_id = kept.json["closure"]["id"]
    assert client.delete(f"/api/v1/closures/{closure_id}",
                         headers=world.headers()).status_code == 403
    assert client.delete(f"/api/v1/closures/{closure_id}", headers=officer).status_code == 204
    assert client.delete(f"/api/v1/closures/{closure_id}", headers=officer).status_code == 404
    assert book(client, world.headers("other"), world.half_b, thursday)["status"] \
        == "pending_payment"
    log = client.get("/api/v1/audit-log?kind=catalogue", headers=officer)
    assert log.status_code == 200, log.json
    actions = [e["action"] for e in log.json["lines"]]
    assert actions[:2] == ["closure.removed", "closure.created"], actions


@pytest.mark.parametrize("who", [Role.RESIDENT, Role.CARETAKER])
def test_only_case_officers_close(client, world, who):
    headers = world.headers(who)
    assert client.get("/api/v1/closures/hits?first_day=2030-01-01&last_day=2030-01-02",
                      headers=headers).status_code == 403
    assert client.post("/api/v1/closures", headers=headers, json={
        "first_day": "2030-01-01", "last_day": "2030-01-02", "reason": "X"}).status_code == 403
    log_in_client(client, world.emails[who])
    assert client.get("/saksbehandling/stengninger").status_code == 403


def test_a_preview_gone_stale_is_shown_again_not_acted_on(client, world, db_app):
    thursday = world.bookable_day(THURSDAY)
    log_in_client(client, OFFICER)
    page = client.get("/saksbehandling/stengninger").get_data(as_text=True)
    token = page.split('name="csrf-token" content="')[1].split('"')[0]
    form = {"csrf_token": token, "where": f"b{world.jar_id}", "first_day": thursday.isoformat(),
            "last_day": thursday.isoformat(), "kind": "exam", "reason": "Eksamen"}
    preview = client.post("/saksbehandling/stengninger", data={**form, "action": "preview"})
    fingerprint = preview.get_data(as_text=True).split('name="fingerprint" value="')[1][:16]
    book(client, world.headers(), world.half_a, thursday)  # someone books meanwhile
    stale = client.post("/saksbehandling/stengninger",
                        data={**form, "action": "cancel", "fingerprint": fingerprint})
    assert stale.status_code == 200
    assert "Bookingene er endret" in stale.get_data(as_text=True)
    with db_app.app_context():
        assert db.session.scalars(select(Closure)).all() == []


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}])
def test_closing_a_school_by_keyboard(browser, live_server, world, client, db_app, viewport):
    friday = world.bookable_day(FRIDAY)
    request = book(client, world.headers("other"), world.half_b, friday, purpose="Bursdag")
    context = browser.new_context(locale="nb-NO", viewport=viewport, bypass_csp=True)
    page = context.new_page()
    try:
        log_in(page, live_server, OFFICER)
        page.goto(live_server + "/saksbehandling/stengninger")
        assert axe_violations(page) == []
        page.select_option("#where", label="Alle rom på Jar skole")
        page.fill("#first_day", friday.isoformat())
        page.fill("#last_day", friday.isoformat())
        page.select_option("#kind", "own_use")
        page.fill("#reason", "Skolens julemarked")
        page.focus("#reason")
        page.keyboard.press("Enter")  # the form's first button: see the bookings it hits
        expect(page.locator("#hits-title")).to_have_text("1 dato blir rammet")
        expect(page.get_by_role("cell", name="Other Resident: Bursdag")).to_be_visible()
        assert axe_violations(page) == []
        assert sideways_overflow(page) == 0
        page.get_by_role("button", name="Steng og avbestill 1 dato").focus()
        page.keyboard.press("Enter")
        expect(page.get_by_text("1 booket dato er avbestilt")).to_be_visible()
        expect(page.get_by_role("cell", name="Skolens julemarked", exact=True)).to_be_visible()
        assert axe_violations(page) == []
    finally:
        context.close()
    with db_app.app_context():
        assert db.session.get(Booking, request["id"]).status.value == "cancelled"
