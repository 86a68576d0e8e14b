"""Log in with OpenID Connect, as with ID-porten: in a real browser against a real provider
on localhost (oidc-provider-mock), on both backends. The login is bound to the provider's
subject: a first login makes an account, a second finds it, an e-mail that matches a
local account links nothing, and linking happens only from the account page after a
local login. The last way into an account cannot be removed."""

from __future__ import annotations

import requests
from fixtures.browser import axe_violations
from playwright.sync_api import Page, expect

from booking.accounts.models import ExternalIdentity, User
from booking.core.db import db


def at_provider(page: Page, subject: str) -> None:
    """The provider's own login page: log in as this subject."""
    page.wait_for_url("**/oauth2/authorize**")
    page.fill("input[name=sub]", subject)
    page.get_by_role("button", name="Authorize").click()


def log_in_with_provider(page: Page, live_server: str, subject: str) -> None:
    page.goto(live_server + "/logg-inn")
    page.get_by_role("link", name="Logg inn med ID-porten").click()
    at_provider(page, subject)


def link_after_local_login(page: Page, live_server: str, email: str) -> None:
    """Log in with the password, then ask to link the external login from My account."""
    page.goto(live_server + "/logg-inn")
    page.fill("#email", email)
    page.fill("#password", "demo-passord")
    page.locator("main form").first.locator("button[type=submit]").click()
    page.wait_for_url("**/mine-bookinger")
    page.goto(live_server + "/min-konto")
    page.get_by_role("button", name="Koble til min ID-porten-innlogging").click()


def log_out(page: Page) -> None:
    page.locator("header form[action$='/logg-ut'] button").click()


def identities(app) -> dict[str, int]:
    with app.app_context():
        return {i.subject: i.user_id for i in db.session.scalars(db.select(ExternalIdentity))}


def users(app) -> int:
    with app.app_context():
        return db.session.scalar(db.select(db.func.count()).select_from(User))


def test_first_login_makes_an_account_and_the_second_finds_it(page, live_server, db_app, world,
                                                              oidc_provider):
    # ID-porten sends a name and no e-mail.
    requests.put(f"{oidc_provider}/users/24079409630",
                 json={"name": "Ola Nordmann"}, timeout=5).raise_for_status()
    before = users(db_app)
    page.goto(live_server + "/logg-inn")
    assert axe_violations(page) == []
    log_in_with_provider(page, live_server, "24079409630")
    page.wait_for_url("**/min-konto")
    expect(page.locator("main")).to_contain_text("Legg til en e-postadresse")
    assert axe_violations(page) == []
    assert users(db_app) == before + 1
    user_id = identities(db_app)["24079409630"]
    with db_app.app_context():
        user = db.session.get(User, user_id)
        assert (user.email, user.name, user.password_hash) == (None, "Ola Nordmann", None)

    log_out(page)
    log_in_with_provider(page, live_server, "24079409630")
    page.wait_for_url("**/min-konto")
    assert users(db_app) == before + 1 and identities(db_app)["24079409630"] == user_id

    # The only way in: it cannot be removed.
    page.get_by_role("button", name="Fjern denne innloggingen").click()
    expect(page.locator("#error-summary")).to_contain_text("eneste måten")
    assert axe_violations(page) == []
    assert identities(db_app)["24079409630"] == user_id


def test_a_matching_email_links_nothing(page, live_server, db_app, world, oidc_provider):
    """A provider that says the person has the resident's address gets a new account, not
    the resident's: the address is not proof."""
    requests.put(f"{oidc_provider}/users/stranger",
                 json={"email": world.emails["resident"], "email_verified": True,
                       "name": "Not The Resident"}, timeout=5).raise_for_status()
    log_in_with_provider(page, live_server, "stranger")
    page.wait_for_url("**/min-konto")
    stranger_id = identities(db_app)["stranger"]
    with db_app.app_context():
        resident = db.session.scalar(db.select(User).where(User.email == world.emails["resident"]))
        assert resident.identities == []
        stranger = db.session.get(User, stranger_id)
        assert stranger.id != resident.id and stranger.email is None


def test_linking_from_the_account_page_after_a_local_login(page, live_server, db_app, world):
    link_after_local_login(page, live_server, world.emails["other"])
    at_provider(page, "01017012345")
    page.wait_for_url("**/min-konto")
    expect(page.locator("main")).to_contain_text("Fjern denne innloggingen")
    with db_app.app_context():
        other = db.session.scalar(db.select(User).where(User.email == world.emails["other"]))
    assert identities(db_app)["01017012345"] == other.id

    # Now either way in leads to the same account.
    log_out(page)
    before = users(db_app)
    log_in_with_provider(page, live_server, "01017012345")
    page.wait_for_url("**/mine-bookinger")
    page.goto(live_server + "/min-konto")
    assert page.input_value("#name") == "Other Resident"
    assert users(db_app) == before

    # With a password as well, the external login may go.
    page.get_by_role("button", name="Fjern denne innloggingen").click()
    page.wait_for_url("**/min-konto")
    assert "01017012345" not in identities(db_app)


def test_a_login_linked_elsewhere_is_not_moved(page, live_server, db_app, world):
    log_in_with_provider(page, live_server, "taken-subject")
    page.wait_for_url("**/min-konto")
    owner = identities(db_app)["taken-subject"]
    log_out(page)

    link_after_local_login(page, live_server, world.emails["resident"])
    at_provider(page, "taken-subject")
    expect(page.locator("#error-summary")).to_contain_text("en annen konto")
    assert axe_violations(page) == []
    assert identities(db_app)["taken-subject"] == owner


def test_cancelling_at_the_provider_says_so_and_logs_no_one_in(page, live_server, db_app, world):
    before = users(db_app)
    page.goto(live_server + "/logg-inn")
    page.get_by_role("link", name="Logg inn med ID-porten").click()
    page.wait_for_url("**/oauth2/authorize**")
    page.get_by_role("button", name="Deny").click()
    expect(page.locator("#error-summary")).to_contain_text("ble avbrutt")
    assert axe_violations(page) == []
    assert users(db_app) == before
    page.goto(live_server + "/min-konto")
    assert "/logg-inn" in page.url


def test_a_forged_answer_is_refused(client, db_app, world):
    """A callback with a code and a state this browser never asked for logs no one in."""
    before = users(db_app)
    response = client.get("/logg-inn/ekstern/svar?code=forged&state=forged")
    assert response.status_code == 400
    assert users(db_app) == before
    assert client.get("/min-konto").status_code == 302
