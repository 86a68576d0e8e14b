"""The approval queue on both backends: what a case officer weighs (why, conflicts with a
closure made since, the requester's history with its no-shows), deciding several at once
with each refused one reported, nobody deciding their own, the requesters told by mail in
their language; the pages by keyboard under axe at phone and desktop width."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from fixtures.browser import PHONE, axe_violations, log_in, sideways_overflow
from helpers import FRIDAY, THURSDAY, log_in_client
from playwright.sync_api import expect

from booking.accounts.models import Role, User
from booking.caretaking import checkin
from booking.core.db import db
from booking.core.timeutil import local_to_utc
from booking.reservations.models import Booking

OFFICER = "case_officer@example.com"


def nth_friday(world, n: int = 0):
    """The n-th of five Fridays in a row that can be booked (a Friday is outside the regular
    hours, so a request for one waits for a case officer)."""
    return world.bookable_day(FRIDAY, weeks=5) + timedelta(weeks=n)


def request_on(client, headers, world, day, **extra):
    response = client.post("/api/v1/bookings", headers=headers, json={
        "room_id": world.half_a, "date": day.isoformat(), "start": "18:00", "end": "20:00",
        "purpose": extra.pop("purpose", "Cupkamp"), "attendees": 20, **extra})
    assert response.status_code == 201, response.json
    assert response.json["status"] == "pending_approval"
    return response.json


@pytest.fixture
def club_with_a_no_show(client, world, db_app):
    """Jar IL came to one of two Thursdays; then asks for a Friday."""
    first = world.bookable_day(THURSDAY, weeks=2)
    series = client.post("/api/v1/bookings", headers=world.headers(), json={
        "room_id": world.half_a, "date": first.isoformat(), "start": "18:00", "end": "20:00",
        "repeat_weekly_until": (first + timedelta(weeks=1)).isoformat(), "purpose": "Trening",
        "attendees": 20, "organisation_id": world.club_id}).json
    assert series["status"] == "confirmed", series
    with db_app.app_context():
        officer = db.session.scalar(db.select(User).where(User.email == OFFICER))
        for occurrence, came in zip(series["occurrences"], (True, False), strict=True):
            day = first + timedelta(weeks=0 if came else 1)
            checkin.check_in(officer, occurrence["id"], came=came,
                             now=local_to_utc(day, time(21)))
        db.session.commit()
    return request_on(client, world.headers(), world, nth_friday(world, 1),
                      organisation_id=world.club_id)


def test_the_queue_shows_why_what_collides_and_the_requesters_history(
        client, world, club_with_a_no_show):
    request = club_with_a_no_show
    officer = world.headers(Role.CASE_OFFICER)
    friday = request["occurrences"][0]["starts_at"][:10]
    closed = client.post("/api/v1/closures", headers=officer, json={
        "first_day": friday, "last_day": friday, "kind": "own_use", "reason": "Skolens juleball",
        "cancel_bookings": False})  # kept, so the case officer sees the collision
    assert closed.status_code == 201, closed.json
    private = request_on(client, world.headers("other"), world,
                         nth_friday(world, 2), purpose="Bursdag")

    queue = client.get("/api/v1/approval-queue", headers=officer)
    assert queue.status_code == 200, queue.json
    assert queue.json["total"] == 2
    first, second = queue.json["entries"]
    assert first["booking"]["id"] == request["id"]  # oldest first
    assert first["booking"]["approval_reasons"] == ["outside_regular_hours"]
    assert first["requester"] == {"kind": "organisation", "id": world.club_id, "name": "Jar IL"}
    assert first["history"] == {"bookings": 1, "confirmed": 1, "cancelled": 0, "rejected": 0,
                                "expired": 0, "no_shows": 1, "marked_dates": 2}
    assert [c["reason"] for c in first["conflicts"]] == ["Skolens juleball"]
    assert second["booking"]["id"] == private["id"]
    assert second["requester"]["kind"] == "person"
    assert second["history"]["bookings"] == 0 and second["conflicts"] == []
    one_school = client.get(f"/api/v1/approval-queue?building_id={world.levre_id}", headers=officer)
    assert one_school.json["total"] == 0


def test_deciding_several_at_once_reports_each_and_tells_the_requesters(
        client, world, db_app, mailbox):
    officer = world.headers(Role.CASE_OFFICER)
    english = request_on(client, world.headers("other", lang="en"), world,
                         nth_friday(world, 0))
    norwegian = request_on(client, world.headers(), world, nth_friday(world, 1))
    own = request_on(client, officer, world, nth_friday(world, 2))
    with db_app.app_context():  # the English resident reads English
        db.session.scalar(db.select(User).where(User.email == "other@example.com")).locale = "en"
        db.session.commit()

    unexplained = client.post("/api/v1/approval-queue/decisions", headers=officer, json={
        "booking_ids": [english["id"], norwegian["id"]], "decision": "reject"})
    assert unexplained.status_code == 422
    assert unexplained.json["error"]["code"] == "reason_required"

    decided = client.post("/api/v1/approval-queue/decisions", headers=officer, json={
        "booking_ids": [english["id"], own["id"], norwegian["id"], 999_999],
        "decision": "reject", "note": "Hallen er tatt av skolens cup"})
    assert decided.status_code == 200, decided.json
    by_id = {o["booking_id"]: o for o in decided.json}
    assert by_id[english["id"]]["status"] == by_id[norwegian["id"]]["status"] == "rejected"
    assert by_id[own["id"]]["decided"] is False
    assert by_id[own["id"]]["error"]["code"] == "own_request"
    assert by_id[999_999]["error"]["code"] == "booking_not_found"
    with db_app.app_context():
        assert db.session.get(Booking, own["id"]).status.value == "pending_approval"

    def decision_mails():  # after the "request received" mail each requester got
        bodies = {str(m["To"]): m.get_body(("plain",)).get_content() for m in mailbox.messages}
        return {to: body for to, body in bodies.items() if "Hallen er tatt" in body}

    mailbox.wait_for(5)
    mails = decision_mails()
    assert sorted(mails) == ["other@example.com", "resident@example.com"]
    assert "not approved" in mails["other@example.com"]
    assert "ikke godkjent" in mails["resident@example.com"]
    assert client.get("/api/v1/approval-queue", headers=officer).json["total"] == 1


@pytest.mark.parametrize("who", [Role.RESIDENT, Role.CARETAKER])
def test_only_case_officers_reach_the_queue(client, world, who):
    headers = world.headers(who)
    assert client.get("/api/v1/approval-queue", headers=headers).status_code == 403
    assert client.post("/api/v1/approval-queue/decisions", headers=headers, json={
        "booking_ids": [1], "decision": "approve"}).status_code == 403
    assert client.get("/api/v1/approval-queue").status_code == 401
    log_in_client(client, world.emails[who])
    assert client.get("/saksbehandling/foresporsler").status_code == 403
    assert client.get("/saksbehandling/foresporsler/1").status_code == 403


def test_a_visitor_is_sent_to_log_in(client):
    response = client.get("/saksbehandling/foresporsler")
    assert response.status_code == 302 and "/logg-inn" in response.location


def test_the_queue_by_keyboard_on_a_phone_and_a_request_rejected_on_its_page(
        browser, live_server, world, client, club_with_a_no_show, db_app):
    second = request_on(client, world.headers("other"), world, nth_friday(world, 2),
                        purpose="Bursdag")
    third = request_on(client, world.headers("other"), world, nth_friday(world, 3),
                       purpose="Dansekurs")
    context = browser.new_context(locale="nb-NO", viewport=PHONE, is_mobile=True, bypass_csp=True)
    page = context.new_page()
    try:
        log_in(page, live_server, OFFICER)
        page.goto(live_server + "/saksbehandling/foresporsler")
        expect(page.get_by_role("heading", level=1)).to_have_text("Forespørsler til godkjenning")
        expect(page.get_by_text("Kom ikke til 1 av 2 datoer vaktmesterne merket.")).to_be_visible()
        assert axe_violations(page) == []
        assert sideways_overflow(page) == 0

        # Choose two by keyboard and approve them.
        for request in (club_with_a_no_show, second):
            page.focus(f"#choose-{request['id']}")
            page.keyboard.press("Space")
        page.get_by_role("button", name="Godkjenn de valgte").focus()
        page.keyboard.press("Enter")
        expect(page.get_by_text("2 forespørsler er godkjent.")).to_be_visible()
        assert axe_violations(page) == []

        # The third on its own page: rejecting without a reason is explained, with one it goes.
        page.get_by_role("link", name=f"Forespørsel {third['id']}: Dansekurs").click()
        page.get_by_role("button", name="Avslå").click()
        expect(page.locator("#error-summary")).to_be_focused()
        assert axe_violations(page) == []
        page.fill("#note", "Salen pusses opp den uka")
        page.get_by_role("button", name="Avslå").click()
        expect(page.get_by_text(f"Forespørsel {third['id']} er avslått")).to_be_visible()
        # Its page now says who decided, when and what the requester was told.
        page.goto(f"{live_server}/saksbehandling/foresporsler/{third['id']}")
        expect(page.get_by_text("Avslått av Case_Officer")).to_be_visible()
        expect(page.get_by_text("Melding til den som spør: Salen pusses opp den uka")).to_be_visible()
        assert axe_violations(page) == []
        page.goto(f"{live_server}/saksbehandling/foresporsler")
        expect(page.get_by_text("Ingenting venter på avgjørelse.")).to_be_visible()
    finally:
        context.close()
    with db_app.app_context():
        found = {b.id: b for b in db.session.scalars(db.select(Booking))}
    for approved in (club_with_a_no_show, second):  # a price to pay: by card, once approved
        booking = found[approved["id"]]
        assert booking.status.value == ("pending_payment" if booking.total_ore else "confirmed")
    assert found[third["id"]].status.value == "rejected"
    assert found[third["id"]].decision_note == "Salen pusses opp den uka"


def test_case_officers_get_a_morning_digest_of_what_waits(client, world, db_app, mailbox):
    from booking.core import uow
    from booking.notifications import digest

    with db_app.app_context():
        assert digest.send_approval_digest() == 0  # nothing waits: no mail
    request_on(client, world.headers(), world, nth_friday(world, 0), purpose="Juleavslutning")
    with db_app.app_context():
        assert digest.send_approval_digest() == 1
        uow.commit()
    [mail] = [m for m in mailbox.wait_for(2) if m["To"] == OFFICER]
    assert str(mail["Subject"]) == "1 forespørsel venter på godkjenning"
    body = mail.get_body(("plain",)).get_content()
    assert "Juleavslutning" in body and "1 ny siden i går" in body
    assert "/saksbehandling/foresporsler" in body


def test_the_casework_page_says_what_waits_at_both_widths(browser, live_server, world, client):
    request_on(client, world.headers(), world, nth_friday(world, 0))
    for viewport in (PHONE, {"width": 1280, "height": 900}):
        context = browser.new_context(locale="nb-NO", viewport=viewport, bypass_csp=True)
        page = context.new_page()
        try:
            log_in(page, live_server, OFFICER)
            page.get_by_role("link", name="Saksbehandling").click()
            expect(page.get_by_text("1 forespørsel venter på en avgjørelse.")).to_be_visible()
            assert axe_violations(page) == []
            assert sideways_overflow(page) == 0
            page.get_by_role("link", name="Forespørsler til godkjenning").click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Forespørsler til godkjenning")
        finally:
            context.close()
