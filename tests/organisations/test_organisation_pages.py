"""Organisations on the site, in a real browser with a real SMTP server, on both backends:
register one (a wrong check digit refused), invite a member who accepts, book for it at the
private rate while its youth category waits, then free once a case officer verifies it."""

from __future__ import annotations

import re

from fixtures.browser import axe_violations, log_in
from helpers import THURSDAY
from playwright.sync_api import Page

from booking.core.db import db
from booking.organisations.models import ClaimStatus, Organisation

NEW_CLUB = {"#name": "Haslum Håndball Barn", "#home_municipality": "Bærum",
            "#claim_note": "Håndball for barn 6–12 år, 40 medlemmer."}



def log_out(page: Page) -> None:
    page.locator("header form[action$='/logg-ut'] button").click()


def organisation(app, name: str) -> Organisation | None:
    with app.app_context():
        found = db.session.scalar(db.select(Organisation).where(Organisation.name == name))
        if found is not None:
            db.session.expunge(found)
        return found


def price_shown(page: Page, live_server: str, world, organisation_id: int) -> str:
    day = world.bookable_day(THURSDAY)
    page.goto(f"{live_server}/bestill?room_id={world.half_a}&date={day}&start=18:00&end=20:00"
              f"&attendees=12&organisation_id={organisation_id}")
    return page.locator("#summary-title + dl").inner_text()


def test_register_invite_and_verify_a_youth_club(page, live_server, world, db_app, mailbox):
    log_in(page, live_server, "other@example.com")
    page.goto(live_server + "/organisasjoner/ny")
    assert axe_violations(page) == []
    for selector, value in NEW_CLUB.items():
        page.fill(selector, value)
    page.fill("#org_number", "923 609 017")  # the check digit is wrong
    page.check("#category-children_youth_nonprofit")
    page.locator("main form button[type=submit]").click()
    assert page.locator("#org_number-error").is_visible()
    assert "923 609 017" in page.locator("#org_number-error").inner_text()  # as typed
    assert page.input_value("#name") == NEW_CLUB["#name"]
    assert page.is_checked("#category-children_youth_nonprofit")
    assert axe_violations(page) == []
    assert organisation(db_app, NEW_CLUB["#name"]) is None

    page.fill("#org_number", "923 609 016")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/organisasjoner/*")
    club = organisation(db_app, NEW_CLUB["#name"])
    assert club is not None and club.claim_status is ClaimStatus.PENDING
    assert club.org_number == "923609016"
    assert page.locator(".ds-alert[data-color=warning]").is_visible()  # why the price is private
    assert axe_violations(page) == []

    # Invite the resident; the mail carries the link, the page no name.
    page.fill("#email", "resident@example.com")
    page.locator("form[action$='/inviter'] button").click()
    page.wait_for_url(f"**/organisasjoner/{club.id}")
    waiting = page.locator("#invite-title ~ ul").inner_text()
    assert "resident@example.com" in waiting and "Resident" not in waiting  # no name
    assert page.locator("main table tbody tr").count() == 1  # only the inviter
    [invitation] = [m for m in mailbox.wait_for(1) if m["To"] == "resident@example.com"]
    link = re.search(r"(http://\S+/invitasjon/\S+)",
                     invitation.get_body(("plain",)).get_content()).group(1)
    log_out(page)

    # The invited person opens the link, logs in, and accepts.
    page.goto(link)
    assert axe_violations(page) == []
    page.locator("main a[href*='/logg-inn']").click()
    page.fill("#email", "resident@example.com")
    page.fill("#password", "demo-passord")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/invitasjon/*")
    page.locator("button[name=answer][value=accept]").click()
    page.wait_for_url(f"**/organisasjoner/{club.id}")
    assert page.locator("main table tbody tr").count() == 2

    # A member books for it: the private rate while the category waits, and it says why.
    private = price_shown(page, live_server, world, club.id)
    assert "Gratis" not in private and "kr" in private
    assert page.locator(".ds-alert[data-color=warning]").is_visible()
    assert axe_violations(page) == []
    log_out(page)

    # The case officer verifies it from the list of claims; the club is told.
    log_in(page, live_server, "case_officer@example.com")
    page.goto(live_server + "/saksbehandling/organisasjoner")
    assert axe_violations(page) == []
    card = page.locator(f"form[action$='/saksbehandling/organisasjoner/{club.id}']")
    card.locator("button[value=refuse]").click()  # refusing needs a reason
    assert page.locator(f"#reason-{club.id}-error").is_visible()
    assert axe_violations(page) == []
    page.locator(f"form[action$='/saksbehandling/organisasjoner/{club.id}'] button[value=verify]").click()
    page.wait_for_url("**/saksbehandling/organisasjoner")
    assert organisation(db_app, NEW_CLUB["#name"]).claim_status is ClaimStatus.VERIFIED
    assert any(m["To"] == "other@example.com" and "Haslum" in m["Subject"]
               for m in mailbox.wait_for(2))
    log_out(page)

    log_in(page, live_server, "resident@example.com")
    assert "Gratis" in price_shown(page, live_server, world, club.id)
    assert page.locator(".ds-alert[data-color=warning]").count() == 0


def test_changing_the_category_makes_it_a_claim_again(client, world, db_app):
    """An admin of a verified club who edits what the claim rests on waits again."""
    headers = world.headers()  # the resident, admin of the verified youth club Jar IL
    club = client.get(f"/api/v1/organisations/{world.club_id}").json
    assert club["claim_status"] == "verified"
    changed = client.put(f"/api/v1/organisations/{world.club_id}", headers=headers, json={
        **{k: club[k] for k in ("name", "org_number", "category")},
        "home_municipality": "Asker"})
    assert changed.status_code == 200, changed.json
    assert changed.json["claim_status"] == "none"  # from elsewhere: the private rate, no claim
    back = client.put(f"/api/v1/organisations/{world.club_id}", headers=headers, json={
        **{k: club[k] for k in ("name", "org_number", "category")},
        "home_municipality": "Bærum"})
    assert back.json["claim_status"] == "pending"


def test_nobody_verifies_their_own_organisation(client, world):
    officer = world.headers("case_officer")
    created = client.post("/api/v1/organisations", headers=officer, json={
        "name": "Saksbehandlernes Barnekor", "org_number": "923609016",
        "home_municipality": "Bærum", "category": "children_youth_nonprofit"})
    assert created.json["claim_status"] == "pending"
    decided = client.post(f"/api/v1/organisations/{created.json['id']}/claim-decision",
                          headers=officer, json={"verified": True})
    assert decided.status_code == 403 and decided.json["error"]["code"] == "own_organisation"
    resident = client.post(f"/api/v1/organisations/{created.json['id']}/claim-decision",
                           headers=world.headers(), json={"verified": True})
    assert resident.status_code == 403
    assert [c["name"] for c in client.get("/api/v1/organisation-claims",
                                          headers=officer).json] == ["Saksbehandlernes Barnekor"]
