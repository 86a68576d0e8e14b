"""Accounts on the site, as a resident uses them: in a real browser with a real SMTP server,
on both backends. Register, confirm the address from the mail, log in, reset the password,
change it (other logins and API tokens end), download my data, delete the account."""

from __future__ import annotations

import json
import re

from fixtures.browser import axe_violations, sideways_overflow
from playwright.sync_api import Page, expect

from booking.accounts.models import LoginSession, User
from booking.core.db import db
from booking.notifications.models import OutgoingMail

PASSWORD = "lang nok passfrase"


def link_in(message, path: str) -> str:
    body = message.get_body(("plain",)).get_content()
    found = re.search(rf"(http://\S+{re.escape(path)}\S*)", body)
    assert found, body
    return found.group(1)


def submit(page: Page, form: str = "main form") -> None:
    page.locator(form).last.locator("button[type=submit]").first.click()


def register(page: Page, live_server: str, email: str, name: str = "Kari Nordmann") -> None:
    page.goto(live_server + "/registrer")
    page.fill("#name", name)
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.check("#accept_privacy")
    submit(page)


def log_in(page: Page, live_server: str, email: str, password: str = PASSWORD) -> None:
    page.goto(live_server + "/logg-inn")
    page.fill("#email", email)
    page.fill("#password", password)
    submit(page)


def user_named(app, email: str) -> User | None:
    with app.app_context():
        return db.session.scalar(db.select(User).where(User.email == email))


def test_register_confirm_reset_change_export_and_delete(page, browser, live_server, db_app,
                                                         world, mailbox):
    # Bad input first: an error next to each field, what was typed kept, nothing written.
    page.goto(live_server + "/registrer")
    assert axe_violations(page) == []
    page.fill("#name", "Kari Nordmann")
    page.fill("#email", "kari@example")
    page.fill("#password", "kort")
    submit(page)
    assert page.locator("#email-error").is_visible() and page.locator("#password-error").is_visible()
    assert page.locator("#accept_privacy-error").is_visible()
    assert page.input_value("#name") == "Kari Nordmann" and page.input_value("#password") == ""
    expect(page.locator("#error-summary")).to_be_focused()
    assert axe_violations(page) == []
    assert user_named(db_app, "kari@example.com") is None

    register(page, live_server, "Kari@Example.com")
    assert "kari@example.com" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    confirm = mailbox.wait_for(1)[0]
    assert confirm["To"] == "kari@example.com"
    # Not confirmed yet: the right password gets a new link, not a login.
    log_in(page, live_server, "kari@example.com")
    assert "/logg-inn" in page.url
    assert len(mailbox.wait_for(2)) == 2

    page.goto(link_in(confirm, "/registrer/bekreft/"))
    page.wait_for_url("**/min-konto")
    assert axe_violations(page) == []
    user = user_named(db_app, "kari@example.com")
    assert user is not None and user.email_confirmed_at is not None

    # Log out, and in again.
    page.locator("header form[action$='/logg-ut'] button").click()
    log_in(page, live_server, "kari@example.com")
    page.wait_for_url("**/mine-bookinger")

    # A second browser, logged in too, and an API token: a new password ends both.
    other = browser.new_context(locale="nb-NO").new_page()
    log_in(other, live_server, "kari@example.com")
    other.wait_for_url("**/mine-bookinger")
    token = page.request.post(live_server + "/api/v1/auth/token", data={
        "email": "kari@example.com", "password": PASSWORD}).json()["access_token"]
    assert page.request.get(live_server + "/api/v1/me",
                            headers={"Authorization": f"Bearer {token}"}).ok

    page.goto(live_server + "/min-konto")
    page.fill("#current_password", "feil passord her")
    page.fill("#password", "et nytt og langt passord")
    page.locator("form[action$='/min-konto/passord'] button").click()
    assert page.locator("#current_password-error").is_visible()
    assert axe_violations(page) == []
    page.fill("#current_password", PASSWORD)
    page.fill("#password", "et nytt og langt passord")
    page.locator("form[action$='/min-konto/passord'] button").click()
    page.wait_for_url("**/min-konto")
    assert page.request.get(live_server + "/api/v1/me",
                            headers={"Authorization": f"Bearer {token}"}).status == 401
    other.goto(live_server + "/mine-bookinger")
    assert "/logg-inn" in other.url  # logged out there
    other.context.close()
    page.goto(live_server + "/mine-bookinger")
    assert "/mine-bookinger" in page.url  # still logged in here

    # Forgotten password: the page says the same for any address; the link works once.
    page.locator("header form[action$='/logg-ut'] button").click()
    before = len(mailbox.messages)
    page.goto(live_server + "/glemt-passord")
    page.fill("#email", "kari@example.com")
    submit(page)
    known_answer = page.locator("main").inner_text().replace("kari@example.com", "X")
    page.goto(live_server + "/glemt-passord")
    page.fill("#email", "ingen@example.com")
    submit(page)
    assert page.locator("main").inner_text().replace("ingen@example.com", "X") == known_answer
    messages = mailbox.wait_for(before + 1)
    assert [m["To"] for m in messages[before:]] == ["kari@example.com"]  # none to the unknown
    reset_link = link_in(messages[before], "/nytt-passord/")
    page.goto(reset_link)
    page.fill("#password", "kort")
    submit(page)
    assert page.locator("#password-error").is_visible()
    page.fill("#password", "det tredje passordet")
    submit(page)
    page.wait_for_url("**/logg-inn")
    page.goto(reset_link)
    assert page.locator("main h1").count() == 1 and "/nytt-passord/" in page.url
    assert page.locator("#password").count() == 0  # the used link shows no form
    log_in(page, live_server, "kari@example.com", "det tredje passordet")
    page.wait_for_url("**/mine-bookinger")

    # My data, as a JSON download.
    page.goto(live_server + "/min-konto")
    with page.expect_download() as download:
        page.locator("a[href$='/min-konto/mine-data.json']").first.click()
    data = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert data["account"]["email"] == "kari@example.com"
    assert {"bookings", "organisations", "mail", "chat_conversations"} <= set(data)
    assert any(m["to"] == "kari@example.com" for m in data["mail"])

    # Delete: the password and a tick are asked for; then nothing tells who it was.
    page.goto(live_server + "/min-konto/slett")
    assert axe_violations(page) == []
    submit(page)
    assert page.locator("#confirm-error").is_visible()
    page.fill("#password", "det tredje passordet")
    page.check("#confirm")
    submit(page)
    page.wait_for_url(live_server + "/")
    assert user_named(db_app, "kari@example.com") is None
    with db_app.app_context():
        deleted = db.session.get(User, user.id)
        assert deleted.is_deleted and deleted.name == "" and deleted.password_hash is None
        assert db.session.scalar(db.select(db.func.count()).select_from(LoginSession)
                                 .where(LoginSession.user_id == user.id)) == 0
        assert db.session.scalar(db.select(db.func.count()).select_from(OutgoingMail).where(
            OutgoingMail.to_address == "kari@example.com")) == 0
    log_in(page, live_server, "kari@example.com", "det tredje passordet")
    assert "/logg-inn" in page.url


def test_registering_a_registered_address_looks_the_same(client, db_app, world, mailbox):
    """The same page for a new address and a taken one; the owner of the taken one is told
    by mail, and the account is not touched."""

    def register_as(email: str) -> str:
        page = client.get("/registrer").get_data(as_text=True)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        response = client.post("/registrer", data={
            "name": "Ny Person", "email": email, "password": PASSWORD, "locale": "nb",
            "accept_privacy": "on", "csrf_token": csrf})
        assert response.status_code == 200
        main = response.get_data(as_text=True).split("<main", 1)[1].split("</main>")[0]
        return main.replace(email, "X")

    assert register_as("resident@example.com") == register_as("helt.ny@example.com")
    received = {m["To"]: m for m in mailbox.wait_for(2)}
    assert set(received) == {"resident@example.com", "helt.ny@example.com"}
    assert "/registrer/bekreft/" not in received["resident@example.com"].get_body(
        ("plain",)).get_content()
    resident = user_named(db_app, "resident@example.com")
    assert resident is not None and resident.name == "Resident"


def test_logging_out_ends_the_session_on_the_server(client, world):
    page = client.get("/logg-inn").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    client.post("/logg-inn", data={"email": "resident@example.com",
                                   "password": "demo-passord", "csrf_token": csrf})
    assert client.get("/min-konto").status_code == 200
    stolen = client.get_cookie("session").value
    page = client.get("/min-konto").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    client.post("/logg-ut", data={"csrf_token": csrf})
    client.set_cookie("session", stolen)  # the old cookie, replayed
    assert client.get("/min-konto").status_code == 302


def test_registration_and_reset_are_rate_limited_per_address_asked(client, db_app, world):
    db_app.config["ACCOUNT_MAIL_RATE_LIMIT_PER_ACCOUNT"] = "2 per hour"
    try:
        page = client.get("/glemt-passord").get_data(as_text=True)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        statuses = [client.post("/glemt-passord", data={"email": email, "csrf_token": csrf})
                    .status_code for email in ["a@example.com"] * 3 + ["b@example.com"]]
    finally:
        db_app.config["ACCOUNT_MAIL_RATE_LIMIT_PER_ACCOUNT"] = "100000 per minute"
    assert statuses == [200, 200, 429, 200]


def test_account_pages_fit_a_phone(phone, live_server, world):
    log_in(phone, live_server, "resident@example.com", "demo-passord")
    phone.wait_for_url("**/mine-bookinger")
    for path in ("/min-konto", "/min-konto/slett", "/organisasjoner", "/organisasjoner/ny",
                 f"/organisasjoner/{world.club_id}", f"/organisasjoner/{world.club_id}/rediger"):
        phone.goto(live_server + path)
        assert sideways_overflow(phone) == 0, path
        assert axe_violations(phone) == [], path
    phone.locator("header form[action$='/logg-ut'] button").click()
    log_in(phone, live_server, "case_officer@example.com", "demo-passord")
    phone.wait_for_url("**/mine-bookinger")
    phone.goto(live_server + "/saksbehandling/organisasjoner")
    assert sideways_overflow(phone) == 0 and axe_violations(phone) == []
