"""The booking pages in a real browser, on both backends: search, book (for myself, for
the club, a weekly series with a skipped date, a request that needs approval), the
receipt, cancelling one date with the refund shown first; bad input in each form;
an axe audit and no sideways scrolling at phone and desktop width."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import icalendar
import pytest
from fixtures.browser import DESKTOP, PHONE, axe_violations, log_in, screenshot, sideways_overflow
from fixtures.stripe import pay
from helpers import FRIDAY, THURSDAY
from playwright.sync_api import Page, expect

from booking.core.db import db
from booking.reservations.models import Booking


def booking_url(live_server: str, room_id: int, day: date, **extra) -> str:
    query = "&".join(f"{k}={v}" for k, v in {"room_id": room_id, "date": day.isoformat(),
                                             "start": "18:00", "end": "20:00", **extra}.items())
    return f"{live_server}/bestill?{query}"


def bookings_of(app, email: str) -> list[Booking]:
    with app.app_context():
        rows = db.session.scalars(db.select(Booking).join(Booking.booker).where(
            Booking.booker.has(email=email)).order_by(Booking.id)).all()
        for booking in rows:  # load what the assertions read before the session ends
            _ = [(o.status, o.refund_ore) for o in booking.occurrences], booking.skipped_dates
        return list(rows)


def test_search_and_book_for_myself_by_keyboard_alone(page, live_server, world, db_app,
                                                      mailbox, client, local_stripe):
    day = world.bookable_day(THURSDAY)
    log_in(page, live_server)
    page.goto(f"{live_server}/sok?date={day}&start=18:00&end=20:00&attendees=10"
              f"&building_id={world.jar_id}&room_type=gymsal")
    assert axe_violations(page) == []
    book = page.get_by_role("link", name="Bestill Gymsal del A, Jar skole")
    book.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/bestill?*")
    assert axe_violations(page) == []
    assert "358,00" in page.locator("#summary-title + dl").inner_text()  # 2 h at 179 kr
    page.get_by_label("Hva skal rommet brukes til?").focus()
    page.keyboard.type("Innebandy")
    # Tab on through number of people, who for, the price button and the contact person.
    for _ in range(4):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "contact_name"
    page.keyboard.press("Control+A")
    page.keyboard.type("Kari Nordmann")
    page.keyboard.press("Tab")
    page.keyboard.type("912 34 567")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "accept_rules"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/betal")  # it costs money: on to the card payment (tests/payments)
    [booking] = bookings_of(db_app, "resident@example.com")
    assert (booking.room_id, booking.purpose, booking.contact_name, booking.contact_phone,
            booking.total_ore) == (world.half_a, "Innebandy", "Kari Nordmann", "912 34 567", 35_800)
    assert booking.status.value == "pending_payment"
    local_stripe.reset()
    pay(client, db_app, local_stripe, booking.id, "resident@example.com")
    page.goto(f"{live_server}/mine-bookinger/{booking.id}")
    assert axe_violations(page) == []
    assert page.get_by_text("Kari Nordmann, 912 34 567").is_visible()
    # The receipt by e-mail, with the date as a calendar file.
    [message] = mailbox.wait_for(1)
    assert message["To"] == "resident@example.com"
    [ics] = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    [event] = icalendar.Calendar.from_ical(ics.get_content()).walk("VEVENT")
    assert event.decoded("DTSTART").date() == day and event.decoded("DTSTART").hour == 18
    # The same file from the booking's page.
    with page.expect_download() as download:
        page.get_by_role("link", name="Legg i kalenderen min (.ics)").click()
    downloaded = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
    assert [str(e["UID"]) for e in downloaded.walk("VEVENT")] == [str(event["UID"])]


def test_a_weekly_series_with_a_taken_date_skips_it_and_one_date_is_cancelled(
        page, live_server, world, client, db_app, local_stripe):
    first = world.bookable_day(THURSDAY, weeks=3)
    taken = first.fromordinal(first.toordinal() + 7)
    last = first.fromordinal(first.toordinal() + 14)
    other = client.post("/api/v1/bookings", headers=world.headers("other"), json={
        "room_id": world.half_a, "date": taken.isoformat(), "start": "18:00", "end": "20:00",
        "purpose": "Først"})
    assert other.status_code == 201, other.json
    log_in(page, live_server)
    page.goto(booking_url(live_server, world.half_a, first, weekly="on",
                          repeat_weekly_until=last, attendees=8))
    warning = page.locator(".ds-alert[data-color=warning]")
    assert "1 dato" in warning.inner_text() and "allerede booket" in warning.inner_text()
    page.get_by_label("Hva skal rommet brukes til?").fill("Korps")
    page.locator("#accept_rules").check()
    page.get_by_role("button", name="Bekreft og gå til betaling").click()
    # Not told to skip: refused next to the box, and nothing written.
    expect(page.locator("#skip_unbookable-error")).to_be_visible()
    assert page.locator("#skip_unbookable").get_attribute("aria-describedby") == "skip_unbookable-error"
    assert page.get_by_label("Hva skal rommet brukes til?").input_value() == "Korps"
    assert axe_violations(page) == []
    assert bookings_of(db_app, "resident@example.com") == []
    page.locator("#skip_unbookable").check()
    page.get_by_role("button", name="Bekreft og gå til betaling").click()
    page.wait_for_url("**/betal")
    [booking] = bookings_of(db_app, "resident@example.com")
    assert len(booking.occurrences) == 2 and [s.day for s in booking.skipped_dates] == [taken]
    assert "716,00" in page.locator("main dl").inner_text()  # the two dates booked
    local_stripe.reset()
    pay(client, db_app, local_stripe, booking.id, "resident@example.com")
    page.goto(f"{live_server}/mine-bookinger/{booking.id}")
    # Cancel the last date: the refund is shown before confirming (three weeks ahead and
    # more: the whole price back).
    last_date = page.locator("tbody tr").nth(1).locator("td").first.inner_text()
    page.get_by_role("link", name=f"Avbestill {last_date}").click()
    page.wait_for_url("**/avbestill?date=*")
    assert axe_violations(page) == []
    assert "358,00" in page.locator("table").inner_text()
    page.get_by_role("button", name="Avbestill denne datoen").click()
    page.wait_for_url("**/mine-bookinger/*")
    assert "358,00" in page.get_by_role("status").inner_text()
    [booking] = bookings_of(db_app, "resident@example.com")
    statuses = [(o.status.value, o.refund_ore) for o in booking.occurrences]
    assert statuses == [("scheduled", 0), ("cancelled", 35_800)]
    assert booking.status.value == "confirmed"


def test_the_youth_club_books_free_after_seeing_the_new_price(page, live_server, world, db_app):
    day = world.bookable_day(THURSDAY)
    log_in(page, live_server)
    page.goto(booking_url(live_server, world.half_a, day, attendees=15))
    page.get_by_label("Hva skal rommet brukes til?").fill("Barnetrening")
    page.get_by_label("Booket for").select_option(label="Jar IL")
    page.locator("#accept_rules").check()
    # Confirming with a price the page did not show is refused: the new price first.
    page.get_by_role("button", name="Bekreft og gå til betaling").click()
    expect(page.locator("#error-summary")).to_be_visible()
    assert bookings_of(db_app, "resident@example.com") == []
    page.get_by_role("button", name="Oppdater prisen").click()
    assert "Gratis" in page.locator("#summary-title + dl").inner_text()
    page.locator("#accept_rules").check()
    page.get_by_role("button", name="Bekreft bookingen").click()
    page.wait_for_url("**/mine-bookinger/*")
    [booking] = bookings_of(db_app, "resident@example.com")
    assert (booking.organisation_id, booking.total_ore, booking.purpose) == (
        world.club_id, 0, "Barnetrening")


def test_a_friday_is_a_request_with_a_supervisor(page, live_server, world, db_app):
    day = world.bookable_day(FRIDAY)
    log_in(page, live_server)
    page.goto(booking_url(live_server, world.half_a, day, attendees=10))
    assert page.locator(".ds-alert[data-color=info]").count() == 2  # approval, supervisor
    page.get_by_label("Hva skal rommet brukes til?").fill("Kampdag")
    page.locator("#accept_rules").check()
    page.get_by_role("button", name="Send forespørselen").click()
    page.wait_for_url("**/mine-bookinger/*")
    [booking] = bookings_of(db_app, "resident@example.com")
    assert booking.status.value == "pending_approval" and booking.needs_supervisor


def test_bad_search_input_is_told_next_to_the_field_and_kept(page, live_server, world):
    day = world.bookable_day(THURSDAY)
    page.goto(f"{live_server}/sok?date={day}&start=20:00&end=18:00&attendees=4")
    end = page.locator("#end")
    assert end.get_attribute("aria-invalid") == "true"
    expect(page.locator("#end-error")).to_be_visible()
    assert end.input_value() == "18:00" and page.locator("#attendees").input_value() == "4"
    assert page.evaluate("document.activeElement.id") == "error-summary"  # focus moved there
    assert axe_violations(page) == []
    page.goto(f"{live_server}/sok?date=i-morgen&start=18:00&end=20:00&attendees=mange")
    assert page.locator("#date").get_attribute("aria-invalid") == "true"
    assert page.locator("#attendees").get_attribute("aria-invalid") == "true"
    assert axe_violations(page) == []


def test_booking_without_purpose_or_accepted_rules_writes_nothing(page, live_server, world, db_app):
    log_in(page, live_server)
    page.goto(booking_url(live_server, world.half_a, world.bookable_day(THURSDAY)))
    page.get_by_role("button", name="Bekreft og gå til betaling").click()
    expect(page.locator("#purpose-error")).to_be_visible()
    expect(page.locator("#accept_rules-error")).to_be_visible()
    assert axe_violations(page) == []
    assert bookings_of(db_app, "resident@example.com") == []


def test_a_visitor_is_sent_to_log_in_and_back_to_the_booking(page, live_server, world):
    url = booking_url(live_server, world.half_a, world.bookable_day(THURSDAY))
    page.goto(url)
    assert "/logg-inn?next=" in page.url
    page.get_by_label("E-post").fill("resident@example.com")
    page.get_by_label("Passord").fill("demo-passord")
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url("**/bestill?*")
    assert page.locator("#summary-title").is_visible()


def test_the_language_switch_is_remembered(page, live_server, world):
    page.goto(live_server + "/")
    page.get_by_role("button", name="English").click()
    page.wait_for_url(live_server + "/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Rent a school room"
    page.goto(live_server + "/finnes-ikke")  # the browser still asks for Norwegian
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"
    page.get_by_role("button", name="Nynorsk").click()
    assert page.locator("html").get_attribute("lang") == "nn"
    assert axe_violations(page) == []


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_page_fits_the_screen_and_passes_axe(browser, live_server, world, size, request,
                                                   client):
    context = browser.new_context(locale="nb-NO", viewport=size, bypass_csp=True)
    page = context.new_page()
    day = world.bookable_day(THURSDAY)
    found = f"/sok?date={day}&start=18:00&end=20:00&attendees=10"
    pages = {"front": "/", "results": found, "no-results": found + "&attendees=5000",
             "search-errors": f"/sok?date={day}&start=20:00&end=18:00", "not-found": "/finnes-ikke",
             "login": "/logg-inn"}
    pages |= {"school": f"/skoler/{world.jar_id}", "room-week": f"/rom/{world.half_a}?uke={day}"}
    booked = client.post("/api/v1/bookings", headers=world.headers(), json={
        "room_id": world.half_a, "date": day.isoformat(), "start": "18:00", "end": "20:00",
        "repeat_weekly_until": day.fromordinal(day.toordinal() + 14).isoformat(),
        "purpose": "Et langt formål som ikke får presse siden ut til siden på en telefon"}).json
    log_in_first = {"booking": booking_url(live_server, world.half_a, day).removeprefix(live_server),
                    "receipt": f"/mine-bookinger/{booked['id']}",
                    "my-bookings": "/mine-bookinger", "pay": f"/mine-bookinger/{booked['id']}/betal",
                    "calendars": "/kalender"}
    try:
        for name, path in pages.items():
            page.goto(live_server + path)
            _check(page, f"{name}-{request.node.callspec.id}")
        log_in(page, live_server)
        for name, path in log_in_first.items():
            page.goto(live_server + path)
            _check(page, f"{name}-{request.node.callspec.id}")
    finally:
        context.close()


def _check(page: Page, name: str) -> None:
    screenshot(page, name)
    assert sideways_overflow(page) <= 0, name
    assert axe_violations(page) == [], name
    # Scrolled to the bottom, the chat button leaves the footer's contact details readable.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    contact = page.locator(".site-footer p").first.bounding_box()
    chat = page.locator(".chat-toggle").bounding_box()
    assert contact and chat
    assert (chat["y"] >= contact["y"] + contact["height"]
            or chat["x"] >= contact["x"] + contact["width"]), name


def test_a_booking_page_of_someone_else_is_refused(page, live_server, world, client):
    response = client.post("/api/v1/bookings", headers=world.headers("other"), json={
        "room_id": world.half_a, "date": world.bookable_day(THURSDAY).isoformat(),
        "start": "18:00", "end": "20:00", "purpose": "Privat"})
    log_in(page, live_server)
    answer = page.goto(f"{live_server}/mine-bookinger/{response.json['id']}")
    assert answer is not None and answer.status in (403, 404)
    assert page.locator("html").get_attribute("lang") == "nb"




def test_the_rooms_week_pages_and_books_from_a_free_time(page, live_server, world):
    day = world.bookable_day(THURSDAY, weeks_ahead=3)
    log_in(page, live_server)
    page.goto(f"{live_server}/rom/{world.half_a}?uke={day.fromordinal(day.toordinal() - 7)}")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Neste uke").click()
    assert f"uke={day.fromordinal(day.toordinal() - day.weekday())}" in page.url
    thursday = page.locator("ol.week > li").nth(THURSDAY)
    thursday.get_by_role("link").first.click()
    page.wait_for_url("**/bestill?*")
    assert page.locator("#date").input_value() == day.isoformat()
    assert page.locator("#start").input_value() == "17:00"  # the free time from its start
    page.locator("#end").fill("19:00")
    page.get_by_role("button", name="Oppdater prisen").click()
    assert "358,00" in page.locator("#summary-title + dl").inner_text()
    assert axe_violations(page) == []


def test_a_booking_is_moved_on_its_page(page, live_server, world, client, db_app, local_stripe):
    day = world.bookable_day(THURSDAY, weeks_ahead=3)
    old = client.post("/api/v1/bookings", headers=world.headers(), json={
        "room_id": world.half_a, "date": day.isoformat(), "start": "18:00", "end": "20:00",
        "purpose": "Kor"}).json
    local_stripe.reset()
    pay(client, db_app, local_stripe, old["id"], "resident@example.com")
    log_in(page, live_server)
    page.goto(f"{live_server}/mine-bookinger/{old['id']}")
    page.get_by_role("link", name="Flytt til en annen tid eller et annet rom").click()
    page.get_by_label("Fra").fill("19:00")
    page.get_by_label("Til").fill("21:00")
    page.get_by_role("button", name="Sjekk den nye tiden").click()
    expect(page.locator("#new-title")).to_be_visible()
    assert axe_violations(page) == []
    page.locator("#new-time").get_by_role("button", name="Flytt bookingen").click()
    # The new time is paid anew; the old one is refunded in full (tests/payments).
    page.wait_for_url("**/betal")
    new_id = int(page.url.rsplit("/", 2)[1])
    assert new_id != old["id"]
    [first, second] = bookings_of(db_app, "resident@example.com")
    assert (first.status.value, second.status.value, second.replaces_id) == (
        "cancelled", "pending_payment", old["id"])
    assert [o.starts_at.astimezone().hour for o in second.occurrences] == [
        o.starts_at.astimezone().hour + 1 for o in first.occurrences]


def test_bad_input_when_moving_or_cancelling_changes_nothing(page, live_server, world, client,
                                                             db_app):
    day = world.bookable_day(THURSDAY, weeks_ahead=3)
    booking = client.post("/api/v1/bookings", headers=world.headers(), json={
        "room_id": world.half_a, "date": day.isoformat(), "start": "18:00", "end": "20:00",
        "purpose": "Kor"}).json
    log_in(page, live_server)
    page.goto(f"{live_server}/mine-bookinger/{booking['id']}/flytt?date={day}"
              "&start=21:00&end=19:00")
    assert page.locator("#end").get_attribute("aria-invalid") == "true"
    assert page.locator("#new-title").count() == 0  # nothing to confirm
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert axe_violations(page) == []
    answer = page.goto(f"{live_server}/mine-bookinger/{booking['id']}/avbestill?date=tull")
    assert answer is not None and answer.status == 404
    [still] = bookings_of(db_app, "resident@example.com")
    assert still.status.value == "pending_payment"  # as it was: held, not paid yet
    assert still.occurrences[0].status.value == "scheduled"


def test_search_results_come_a_page_at_a_time(client, world, monkeypatch):
    from booking.reservations import views

    monkeypatch.setattr(views, "RESULTS_PER_PAGE", 2)
    day = world.bookable_day(THURSDAY)
    search = f"/sok?date={day}&start=18:00&end=20:00&facility=step_free_access"
    first = client.get(search).get_data(as_text=True)
    found = int(first.split('id="results-title" tabindex="-1">')[1].split()[0])
    assert found > 2 and first.count('class="ds-card"') == 2
    last_page = -(-found // 2)
    last = client.get(f"{search}&side={last_page}").get_data(as_text=True)
    assert last.count('class="ds-card"') == found - 2 * (last_page - 1)
    assert "facility=step_free_access" in last.split("Forrige side")[0].rsplit("href=", 1)[1]
    assert client.get(f"{search}&side=999").get_data(as_text=True).count('class="ds-card"') == \
        found - 2 * (last_page - 1)  # past the end: the last page


def test_the_room_page_survives_any_week_and_keeps_door_codes_for_confirmed_bookers(
        client, world, db_app, local_stripe):
    from booking.facilities.models import Room

    with db_app.app_context():
        db.session.get(Room, world.half_a).access_instructions = "Kode 1234 på bakdøra"
        db.session.commit()
    for week in ("9999-12-31", "0001-01-01", "tull"):
        assert client.get(f"/rom/{world.half_a}?uke={week}").status_code == 200
    assert "Kode 1234" not in client.get(f"/rom/{world.half_a}").get_data(as_text=True)
    # A request (Friday: needs approval) or an unpaid hold is not enough; a confirmed
    # (paid) booking is.
    headers = world.headers()
    local_stripe.reset()
    for weekday in (FRIDAY, THURSDAY):
        made = client.post("/api/v1/bookings", headers=headers, json={
            "room_id": world.half_a, "date": world.bookable_day(weekday).isoformat(),
            "start": "18:00", "end": "20:00", "purpose": "Trening"})
        assert made.status_code == 201
        assert "Kode 1234" not in _logged_in_page(client, f"/rom/{world.half_a}")
    pay(client, db_app, local_stripe, made.json["id"], "resident@example.com")
    assert "Kode 1234" in _logged_in_page(client, f"/rom/{world.half_a}")


def _logged_in_page(client, path: str) -> str:
    page = client.get("/logg-inn").get_data(as_text=True)
    csrf = page.split('name="csrf-token" content="')[1].split('"')[0]
    client.post("/logg-inn", data={"email": "resident@example.com", "password": "demo-passord",
                                   "csrf_token": csrf})
    return client.get(path).get_data(as_text=True)


def _booking_form(client, path: str) -> tuple[str, dict[str, str]]:
    """The booking page and the values its form would post as shown."""
    page = client.get(path).get_data(as_text=True)
    fields = dict(re.findall(r'<input[^>]*name="([a-z_]+)"[^>]*value="([^"]*)"', page))
    fields |= dict(re.findall(r'<input[^>]*id="([a-z_]+)" name="\1" value="([^"]*)"', page))
    return page, fields


def test_the_booking_form_asks_instead_of_assuming(client, world, db_app):
    """Found by a new user: an emptied 'number of people' was booked as 1, and 5000 people
    in a 120-person hall was first offered as a request."""
    _logged_in_page(client, "/")
    day = world.bookable_day(THURSDAY)
    path = f"/bestill?room_id={world.half_a}&date={day}&start=18:00&end=20:00"
    _page, fields = _booking_form(client, path)
    assert fields["attendees"] == "1" and fields["quoted"]
    base = {**fields, "purpose": "Trening", "accept_rules": "on"}
    empty = client.post("/bestill", data={**base, "attendees": ""}).get_data(as_text=True)
    assert 'id="attendees-error"' in empty and "Dette feltet må fylles ut." in empty
    crowd = client.post("/bestill", data={**base, "attendees": "5000"}).get_data(as_text=True)
    assert 'id="attendees-error"' in crowd and "har plass til høyst" in crowd
    assert "Send forespørselen" not in crowd
    series = client.get(path + "&weekly=on&repeat_weekly_until=").get_data(as_text=True)
    assert 'id="repeat_weekly_until-error"' in series
    assert bookings_of(db_app, "resident@example.com") == []


def test_a_holiday_week_shows_each_closed_day_once_and_no_past_free_time(client, world, db_app):
    from booking.core.db import utcnow
    from booking.core.timeutil import local_date_of, local_day_span
    from booking.facilities.models import Closure, ClosureKind

    monday = world.bookable_day(THURSDAY, weeks_ahead=4)
    monday = monday.fromordinal(monday.toordinal() - monday.weekday())
    with db_app.app_context():
        starts_at, ends_at = local_day_span(monday, monday.fromordinal(monday.toordinal() + 6))
        db.session.add(Closure(kind=ClosureKind.SCHOOL_HOLIDAY, reason="Testferie",
                               starts_at=starts_at, ends_at=ends_at))
        db.session.commit()
    page = " ".join(client.get(f"/rom/{world.half_a}?uke={monday}").get_data(as_text=True).split())
    assert page.count("Hele dagen: stengt (Testferie") == 7 and "00:00–00:00" not in page
    today = local_date_of(utcnow())
    this_week = client.get(f"/rom/{world.half_a}").get_data(as_text=True)
    days = this_week.split("<h3>")[1:]
    for offset, text in enumerate(days):
        day = today.fromordinal(today.toordinal() - today.weekday() + offset)
        if day < today:
            assert "slot--free" not in text, day


def test_cancel_one_date_by_keyboard_and_the_admin_reads_the_mail(page, live_server, world,
                                                                  client):
    day = world.bookable_day(THURSDAY, weeks=2, weeks_ahead=3)
    booking = client.post("/api/v1/bookings", headers=world.headers(), json={
        "room_id": world.half_a, "date": day.isoformat(), "start": "18:00", "end": "20:00",
        "repeat_weekly_until": day.fromordinal(day.toordinal() + 7).isoformat(),
        "purpose": "Kor"}).json
    log_in(page, live_server)
    page.goto(f"{live_server}/mine-bookinger/{booking['id']}")
    first = page.locator("tbody tr").first.locator("td").first.inner_text()
    page.get_by_role("link", name=f"Avbestill {first}").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/avbestill?date=*")
    page.get_by_role("button", name="Avbestill denne datoen").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/mine-bookinger/{booking['id']}")
    assert "1 dato er avbestilt." in page.get_by_role("status").inner_text()
    # The mails are in the outbox (no mail server in the tests), for the admin to read.
    page.get_by_role("button", name="Logg ut").click()
    log_in(page, live_server, "admin@example.com")
    page.goto(f"{live_server}/admin/utboks")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Avbestilt: Gymsal del A, Jar skole").click()
    assert "1 dato i bookingen din er avbestilt" in page.locator(".mail-body").inner_text()
    assert axe_violations(page) == []
