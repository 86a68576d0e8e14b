"""The payment page in a real browser against the running app and localstripe (its
Stripe.js and its signed webhooks), on both backends: book, pay by keyboard with the test
card, the receipt page and mail, cancel and see the refund; a declined card, then a
3-D Secure card, at phone width with the Content-Security-Policy on; the audit."""

from __future__ import annotations

import re

from fixtures.browser import PHONE, axe_violations, log_in, screenshot, sideways_overflow
from helpers import THURSDAY
from playwright.sync_api import Page, expect

from booking.core.db import db
from booking.payments.models import Payment
from booking.reservations.models import Booking


def book_on_the_page(page: Page, live_server: str, world) -> None:
    day = world.bookable_day(THURSDAY, weeks_ahead=3)
    page.goto(f"{live_server}/bestill?room_id={world.half_a}&date={day}&start=18:00&end=20:00"
              "&attendees=10")
    page.get_by_label("Hva skal rommet brukes til?").fill("Innebandy")
    page.get_by_label("Jeg godtar vilkårene og bruksreglene").check()
    page.get_by_role("button", name="Bekreft og gå til betaling").click()
    page.wait_for_url("**/betal")


def the_booking(app) -> tuple[Booking, Payment | None]:
    with app.app_context():
        booking = db.session.scalars(db.select(Booking)).one()
        payment = db.session.scalar(db.select(Payment).where(Payment.booking_id == booking.id))
        _ = booking.occurrences, payment.refunds if payment else None
        db.session.expunge_all()
        return booking, payment


def card_fields_audit(page: Page) -> list[dict]:
    """Offline the card field is localstripe's plain inputs, not Stripe's own frame:
    everything around it is audited."""
    return [v for v in axe_violations(page)
            if not all("#card-element" in " ".join(node) for node in v["nodes"])]


def test_book_pay_by_keyboard_get_the_receipt_then_cancel_and_see_the_refund(
        page, stripe_webhooks, world, db_app, mailbox):
    live_server = stripe_webhooks
    log_in(page, live_server)
    book_on_the_page(page, live_server, world)
    booking, _ = the_booking(db_app)
    assert booking.status.value == "pending_payment"
    expect(page.get_by_text("Rommet holdes av for deg til")).to_be_visible()
    assert card_fields_audit(page) == []
    screenshot(page, "payment-desktop")
    # By keyboard: Tab into the card number; the fields move on as they fill.
    page.locator("#card-element input").first.focus()
    page.keyboard.type("4242424242424242")
    page.keyboard.type("12")
    page.keyboard.type("30")
    page.keyboard.type("123")
    page.keyboard.type("1358")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "pay-button"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/mine-bookinger/\d+\?betalt=1$"), timeout=20_000)
    expect(page.get_by_role("status")).to_contain_text("betalingen er mottatt")
    assert axe_violations(page) == []
    booking, payment = the_booking(db_app)
    assert booking.status.value == "confirmed" and payment.succeeded
    expect(page.get_by_text("358,00\xa0kr med kort", exact=False)).to_be_visible()
    [receipt] = [m for m in mailbox.wait_for(1) if "Kvittering" in str(m["Subject"])]
    body = receipt.get_body().get_content()
    assert "Betalt: 358,00\xa0kr med kort" in body and "Avbestill minst 7 dager før" in body
    assert [p.get_content_type() for p in receipt.iter_attachments()] == ["text/calendar"]
    # Cancel three weeks ahead: everything back, to the card.
    page.get_by_role("link", name="Avbestill bookingen").click()
    page.get_by_role("button", name=re.compile("Avbestill")).click()
    page.wait_for_url(re.compile(r".*/mine-bookinger/\d+$"))
    expect(page.get_by_text(re.compile(r"358,00\skr:\s+refundert til kortet"))).to_be_visible()
    _, payment = the_booking(db_app)
    assert [(r.amount_ore, r.status.value) for r in payment.refunds] == [(35_800, "made")]


def test_a_declined_card_then_a_3d_secure_card_on_a_phone_under_the_csp(
        browser, stripe_webhooks, world, db_app):
    live_server = stripe_webhooks
    context = browser.new_context(locale="nb-NO", viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        log_in(page, live_server)
        book_on_the_page(page, live_server, world)
        assert sideways_overflow(page) == 0
        # Nothing typed in: told to fill in the card, and nothing is sent.
        page.get_by_role("button", name=re.compile("Betal 358,00")).click()
        expect(page.get_by_role("alert")).to_contain_text("Fyll inn kortet")
        fields = page.locator("#card-element input")
        for index, value in enumerate(["4000000000000341", "12", "30", "123", "1358"]):
            fields.nth(index).fill(value)
        page.get_by_role("button", name=re.compile("Betal 358,00")).click()
        alert = page.get_by_role("alert")
        expect(alert).to_contain_text("Kortet ble avvist")
        assert page.evaluate("document.activeElement.id") == "pay-error"
        booking, payment = the_booking(db_app)
        assert booking.status.value == "pending_payment" and payment.last_error == "card_declined"
        screenshot(page, "payment-declined-phone")
        # Another card, which the bank checks with 3-D Secure first.
        fields.nth(0).fill("4000002500003155")
        page.get_by_role("button", name=re.compile("Betal 358,00")).click()
        # localstripe's stand-in for the bank's 3-D Secure step.
        page.get_by_role("button", name="Complete authentication").click()
        page.wait_for_url(re.compile(r".*\?betalt=1$"), timeout=20_000)
        assert the_booking(db_app)[0].status.value == "confirmed"
        assert not [e for e in errors if "Content Security Policy" in e], errors
    finally:
        context.close()


def test_the_case_officers_payment_pages_pass_axe_at_phone_and_desktop_width(
        browser, live_server, world, db_app, client, local_stripe):
    from fixtures.browser import DESKTOP
    from fixtures.stripe import pay

    from booking.core import uow
    from booking.organisations.models import Organisation

    with db_app.app_context():
        db.session.get(Organisation, world.club_id).pays_by_invoice = True
        uow.commit()
    local_stripe.reset()
    day = world.bookable_day(THURSDAY, weeks_ahead=3)
    paid = client.post("/api/v1/bookings", headers=world.headers(), json={
        "room_id": world.half_a, "date": day.isoformat(), "start": "18:00", "end": "20:00",
        "purpose": "Innebandy"}).json
    pay(client, db_app, local_stripe, paid["id"], "resident@example.com")
    local_stripe.stop()  # a refund waits for Stripe: listed with its error
    try:
        client.post(f"/api/v1/bookings/{paid['id']}/cancel", headers=world.headers())
    finally:
        local_stripe.start()
    month = day.strftime("%Y-%m")
    for name, size in (("desktop", DESKTOP), ("phone", PHONE)):
        context = browser.new_context(locale="nb-NO", viewport=size, bypass_csp=True)
        page = context.new_page()
        try:
            log_in(page, live_server, "case_officer@example.com")
            page.goto(f"{live_server}/saksbehandling/betalinger")
            expect(page.get_by_text("358,00", exact=False).first).to_be_visible()
            assert axe_violations(page) == [] and sideways_overflow(page) == 0
            page.goto(f"{live_server}/saksbehandling/fakturagrunnlag?maaned={month}")
            assert axe_violations(page) == [] and sideways_overflow(page) == 0
            page.goto(f"{live_server}/organisasjoner/{world.club_id}")
            expect(page.get_by_label(re.compile("Betaler mot faktura"))).to_be_checked()
            assert axe_violations(page) == []
            screenshot(page, f"organisation-invoicing-{name}")
        finally:
            context.close()
