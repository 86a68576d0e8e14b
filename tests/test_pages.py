"""Our HTML pages in a real browser: an axe audit (WCAG 2.1 AA) and keyboard use.

Debian's chromium, driven by Playwright; axe-core comes from npm and runs
inside the page, offline.
"""

from __future__ import annotations

import pytest
from fixtures.browser import axe_violations
from playwright.sync_api import Page, expect


@pytest.mark.parametrize("path", ["/", "/finnes-ikke", "/tilgjengelighetserklaering", "/personvern"])
def test_pages_pass_axe(page, live_server, world, path):
    page.goto(live_server + path)
    assert axe_violations(page) == []


def test_front_page_in_norwegian_with_the_schools(page, live_server, world):
    page.goto(live_server + "/")
    assert page.locator("html").get_attribute("lang") == "nb"
    assert page.get_by_role("heading", level=1).inner_text() == "Lei skolelokaler"
    assert page.locator("#schools + ul").get_by_text("Jar skole (Jar)").is_visible()


def test_keyboard_reaches_the_skip_link_and_the_content(page, live_server, world):
    page.goto(live_server + "/")
    page.keyboard.press("Tab")
    skip_link = page.locator("a.ds-skip-link")
    expect(skip_link).to_be_focused()
    assert skip_link.inner_text() == "Hopp til innholdet"
    assert skip_link.is_visible()  # shown when focused
    page.keyboard.press("Enter")
    page.wait_for_url("**/#main")  # the jump lands a moment after the key press
    page.keyboard.press("Tab")
    expect(page.locator("a[href='#search']").first).to_be_focused()


def _log_in_by_keyboard(page: Page, live_server: str, email: str) -> None:
    page.goto(live_server + "/logg-inn")
    page.get_by_label("E-post").focus()
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type("demo-passord")
    page.keyboard.press("Enter")
    page.wait_for_url("**/mine-bookinger")


def test_login_and_my_bookings_by_keyboard(page, live_server, world):
    page.goto(live_server + "/logg-inn")
    assert axe_violations(page) == []
    _log_in_by_keyboard(page, live_server, "resident@example.com")
    assert page.get_by_role("heading", level=1).inner_text() == "Mine bookinger"
    assert page.get_by_text("Du er logget inn.").is_visible()
    assert axe_violations(page) == []


def test_wrong_password_is_said_in_norwegian(page, live_server, world):
    page.goto(live_server + "/logg-inn")
    page.get_by_label("E-post").fill("resident@example.com")
    page.get_by_label("Passord").fill("feil")
    page.get_by_role("button", name="Logg inn").click()
    summary = page.locator("#error-summary")
    assert "Feil e-post eller passord." in summary.inner_text()
    expect(summary).to_be_focused()  # read out first (site.js moves focus after load)
    assert page.get_by_label("E-post").input_value() == "resident@example.com"  # kept
    assert page.get_by_label("Passord").input_value() == ""  # never sent back
    assert axe_violations(page) == []


def test_my_bookings_needs_login(page, live_server, world):
    page.goto(live_server + "/mine-bookinger")
    assert "/logg-inn?next=" in page.url


def test_chat_widget_by_keyboard(page, live_server, world):
    """Open, type, send and close by keyboard. The assistant is not running in this
    suite, so the reply is the honest 'not available' message with the contact."""
    page.goto(live_server + "/")
    toggle = page.get_by_role("button", name="Chat med oss")
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.id") == "chat-input"
    assert axe_violations(page) == []
    page.keyboard.type("Hei")
    page.keyboard.press("Enter")
    log = page.get_by_role("log")
    log.get_by_text("ikke tilgjengelig").wait_for()
    assert "67 50 40 50" in log.inner_text()
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('chat-toggle')")


def test_chat_widget_on_a_phone(phone, live_server, world):
    """The open panel stays on a 360 px screen; each message says who spoke; addresses in
    replies are links; the conversation shown follows the user to the next page, and
    logging out forgets it."""
    phone.goto(live_server + "/")
    phone.get_by_role("button", name="Chat med oss").click()
    box = phone.locator("#chat-panel").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    phone.fill("#chat-input", "Hei")
    phone.keyboard.press("Enter")
    log = phone.get_by_role("log")
    log.get_by_text("ikke tilgjengelig").wait_for()
    lines = log.locator("p").all_text_contents()
    assert lines[0] == "Du: Hei" and lines[1].startswith("Assistenten: ")
    assert axe_violations(phone) == []

    # A reply with an address (as the assistant's "log in here" has), then another page.
    phone.evaluate("""url => {
        const kept = JSON.parse(sessionStorage.getItem('chat-log'));
        kept.push({who: 'bot', text: 'Logg inn her: ' + url + '/logg-inn.'});
        sessionStorage.setItem('chat-log', JSON.stringify(kept));
    }""", live_server)
    phone.goto(live_server + "/personvern")
    assert phone.locator("#chat-panel").is_visible()
    assert log.locator("p").count() == 3
    link = log.get_by_role("link", name=live_server + "/logg-inn")
    assert link.get_attribute("href") == live_server + "/logg-inn"
    assert axe_violations(phone) == []

    phone.goto(live_server + "/logg-inn")
    phone.fill("#email", "resident@example.com")
    phone.fill("#password", "demo-passord")
    phone.locator("main form").first.locator("button[type=submit]").click()
    phone.wait_for_url("**/mine-bookinger")
    assert log.locator("p").count() == 3  # logging in keeps the conversation
    phone.get_by_role("button", name="Logg ut").click()
    phone.wait_for_url(live_server + "/")
    assert log.locator("p").count() == 0


def test_the_chat_greets_a_logged_in_user_on_opening(page, live_server, world):
    """Opening an empty chat when logged in asks the assistant for its greeting (which
    asks about a booked date in the next two days; tested with the real assistant in
    assistant/tests/test_reminders.py) without showing a message from the user."""
    _log_in_by_keyboard(page, live_server, "resident@example.com")
    with page.expect_request(lambda r: r.url.endswith("/chat")) as sent:
        page.get_by_role("button", name="Chat med oss").click()
    assert sent.value.post_data_json == {"message": "/greet"}
    log = page.get_by_role("log")
    log.get_by_text("ikke tilgjengelig").wait_for()  # no assistant runs in this suite
    lines = log.locator("p").all_text_contents()
    assert len(lines) == 1 and lines[0].startswith("Assistenten: ")
    expect(page.locator("#chat-input")).to_be_focused()
    assert axe_violations(page) == []


def test_the_pages_work_under_their_content_security_policy(strict_page, live_server, world):
    """No CSP violation on the pages, the chat's script runs, and the API docs (Swagger UI,
    inline code) have their own, wider policy."""
    violations: list[str] = []
    strict_page.on("console", lambda message: violations.append(message.text)
                   if "Content Security Policy" in message.text else None)
    response = strict_page.goto(live_server + "/")
    assert response is not None
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response.headers["x-frame-options"] == "DENY"
    strict_page.get_by_role("button", name="Chat med oss").click()
    assert strict_page.locator("#chat-input").is_visible()
    strict_page.goto(live_server + "/sok?date=2030-01-01&start=18:00&end=17:00")
    docs = strict_page.goto(live_server + "/api/v1/docs")
    assert docs is not None and "unsafe-inline" in docs.headers["content-security-policy"]
    strict_page.locator(".swagger-ui").wait_for()
    assert violations == []


def test_a_form_post_without_its_csrf_token_is_refused(client, world):
    response = client.post("/logg-inn", data={"email": "resident@example.com",
                                              "password": "demo-passord"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert '<html lang="nb">' in page and 'class="ds-heading"' in page  # our page, not Flask's
    assert client.get("/mine-bookinger").status_code == 302  # and not logged in
