"""Caretakers on both backends: the day sheet of their own buildings only (pages and API),
marking who came with a note that the next visit's sheet shows, dates nobody marked taken
as used by the job, and the page on a phone, by keyboard, under axe, on one A4 page."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

import pytest
import time_machine
from fixtures.browser import PHONE, axe_violations, log_in, screenshot, sideways_overflow
from helpers import THURSDAY, log_in_client
from playwright.sync_api import expect

from booking.accounts.models import Role, User
from booking.caretaking import notices, tasks
from booking.core import uow
from booking.core.db import db
from booking.core.timeutil import local_to_utc
from booking.facilities.models import Building, Room
from booking.reservations.models import Occurrence

CARETAKER = "caretaker@example.com"


@pytest.fixture
def jar_caretaker(world, db_app):
    """The caretaker looks after Jar skole (not Levre); the youth club trains there weekly."""
    with db_app.app_context():
        caretaker = db.session.scalar(db.select(User).where(User.email == CARETAKER))
        caretaker.caretaker_of = [db.session.get(Building, world.jar_id)]
        db.session.get(Room, world.half_a).access_instructions = "Nøkkel i nøkkelboks, kode 4321"
        db.session.commit()
    first = world.bookable_day(THURSDAY, weeks=2)
    client = db_app.test_client()
    booking = client.post("/api/v1/bookings", headers=world.headers(), json={
        "room_id": world.half_a, "date": first.isoformat(), "start": "18:00", "end": "20:00",
        "repeat_weekly_until": (first + timedelta(weeks=1)).isoformat(), "purpose": "Håndball",
        "attendees": 24, "organisation_id": world.club_id, "contact_name": "Ola Trener",
        "contact_phone": "912 34 567"}).json
    assert booking["status"] == "confirmed", booking
    return first, booking


def evening_of(day) -> datetime:
    return local_to_utc(day, time(19, 30))


def test_only_the_buildings_caretakers_and_case_officers_see_the_day_sheet(
        client, world, jar_caretaker):
    first, _booking = jar_caretaker
    sheet = f"/api/v1/buildings/{world.jar_id}/day-sheet?date={first}"
    assert client.get(sheet, headers=world.headers()).status_code == 403
    assert client.get(f"/api/v1/buildings/{world.levre_id}/day-sheet?date={first}",
                      headers=world.headers(Role.CARETAKER)).status_code == 403
    assert client.get(sheet).status_code == 401
    [visit] = client.get(sheet, headers=world.headers(Role.CARETAKER)).json
    assert (visit["who"], visit["contact_name"], visit["contact_phone"], visit["attendees"],
            visit["starts_at"][11:16]) == ("Jar IL", "Ola Trener", "912 34 567", 24, "18:00")
    assert client.get(sheet, headers=world.headers(Role.CASE_OFFICER)).status_code == 200
    # The pages: the same rule.
    log_in_client(client, "resident@example.com")
    assert client.get(f"/vaktmester/{world.jar_id}?dato={first}").status_code == 403
    assert client.get("/vaktmester").status_code == 403
    log_in_client(client, CARETAKER)
    page = client.get(f"/vaktmester/{world.jar_id}?dato={first}").get_data(as_text=True)
    assert "Ola Trener" in page and "kode 4321" in page
    assert client.get(f"/vaktmester/{world.levre_id}").status_code == 403


def test_marking_who_came_and_the_note_on_the_next_visit(client, world, jar_caretaker, db_app):
    first, booking = jar_caretaker
    first_date = booking["occurrences"][0]["id"]
    caretaker = world.headers(Role.CARETAKER)
    early = client.post(f"/api/v1/occurrences/{first_date}/check-in", headers=caretaker,
                        json={"came": True})
    assert (early.status_code, early.json["error"]["code"]) == (409, "too_early")
    assert client.post(f"/api/v1/occurrences/{first_date}/check-in", headers=world.headers(),
                       json={"came": False}).status_code == 403
    with time_machine.travel(evening_of(first), tick=True):
        caretaker = world.headers(Role.CARETAKER)
        marked = client.post(f"/api/v1/occurrences/{first_date}/check-in", headers=caretaker,
                             json={"came": False, "note": "Ingen kom, døra sto ulåst"})
        assert marked.json == {"occurrence_id": first_date, "status": "no_show"}
        # A mark made by mistake is turned the other way.
        fixed = client.post(f"/api/v1/occurrences/{first_date}/check-in", headers=caretaker,
                            json={"came": True, "note": "Kom sent, alt i orden"})
        assert fixed.json["status"] == "completed"
    next_week = first + timedelta(weeks=1)
    [visit] = client.get(f"/api/v1/buildings/{world.jar_id}/day-sheet?date={next_week}",
                         headers=world.headers(Role.CARETAKER)).json
    assert [n["text"] for n in visit["earlier_notes"]] == ["Kom sent, alt i orden",
                                                            "Ingen kom, døra sto ulåst"]
    # Case officers see the club's attendance on its page: the corrected mark counts.
    log_in_client(client, "case_officer@example.com")
    page = client.get(f"/organisasjoner/{world.club_id}").get_data(as_text=True)
    assert "Kom ikke: 0 av 1 datoer" in page


def test_dates_nobody_marked_count_as_used_after_the_grace_period(world, jar_caretaker, db_app):
    first, booking = jar_caretaker
    with time_machine.travel(evening_of(first) + timedelta(hours=30), tick=False), \
            db_app.app_context():
        tasks.complete_unmarked_dates.call_local()
    with db_app.app_context():
        statuses = [db.session.get(Occurrence, o["id"]).status.value for o in booking["occurrences"]]
    assert statuses == ["completed", "scheduled"]


def test_the_day_sheet_on_a_phone_by_keyboard_and_on_one_a4_page(browser, live_server, world,
                                                                 jar_caretaker, db_app):
    first, booking = jar_caretaker
    context = browser.new_context(locale="nb-NO", viewport=PHONE, is_mobile=True, has_touch=True,
                                  bypass_csp=True)
    page = context.new_page()
    try:
        with time_machine.travel(evening_of(first), tick=True):
            log_in(page, live_server, CARETAKER)
            page.get_by_role("link", name="Dagslister").click()
            page.get_by_role("link", name="I dag", exact=False).first.click()
            expect(page.get_by_text("Ola Trener")).to_be_visible()
            assert axe_violations(page) == [] and sideways_overflow(page) == 0
            screenshot(page, "day-sheet-phone")
            # By keyboard: the note, then "Kom ikke".
            page.locator(f"#note-{booking['occurrences'][0]['id']}").focus()
            page.keyboard.type("Ingen kom")
            page.keyboard.press("Tab")
            page.keyboard.press("Tab")
            page.keyboard.press("Enter")
            page.wait_for_url(f"**#visit-{booking['occurrences'][0]['id']}")
            expect(page.get_by_role("status")).to_contain_text("kom ikke")
            assert axe_violations(page) == []
            with db_app.app_context():
                occurrence = db.session.get(Occurrence, booking["occurrences"][0]["id"])
                assert occurrence.status.value == "no_show"
            page.emulate_media(media="print")
            pdf = page.pdf(format="A4")
            assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") == 1
            page.emulate_media(media="screen")
            page.get_by_role("link", name="Uka").click()
            expect(page.get_by_role("heading", name=re.compile("(i dag)"))).to_be_visible()
            assert axe_violations(page) == [] and sideways_overflow(page) == 0
    finally:
        context.close()


def test_the_week_marks_a_cancelled_date_and_leaves_out_unconfirmed_ones(
        client, world, jar_caretaker, db_app):
    first, booking = jar_caretaker
    second = booking["occurrences"][1]["id"]
    assert client.post(f"/api/v1/bookings/{booking['id']}/occurrences/{second}/cancel",
                       headers=world.headers()).status_code == 200
    # A private booking still waiting for its payment, then given up: never the caretaker's.
    held = client.post("/api/v1/bookings", headers=world.headers("other"), json={
        "room_id": world.kitchen, "date": first.isoformat(), "start": "18:00", "end": "20:00",
        "purpose": "Matlaging"}).json
    assert held["status"] == "pending_payment"
    client.post(f"/api/v1/bookings/{held['id']}/cancel", headers=world.headers("other"))
    next_week = first + timedelta(weeks=1)
    days = client.get(f"/api/v1/buildings/{world.jar_id}/week?date={next_week}",
                      headers=world.headers(Role.CARETAKER)).json
    monday = next_week - timedelta(days=next_week.weekday())
    assert [d["date"] for d in days] == [(monday + timedelta(days=n)).isoformat() for n in range(7)]
    [visit] = [v for d in days for v in d["visits"]]
    assert (visit["occurrence_id"], visit["status"]) == (second, "cancelled")
    this_week = client.get(f"/api/v1/buildings/{world.jar_id}/week?date={first}",
                           headers=world.headers(Role.CARETAKER)).json
    assert [v["who"] for d in this_week for v in d["visits"]] == ["Jar IL"]  # not the held one
    log_in_client(client, CARETAKER)
    page = client.get(f"/vaktmester/{world.jar_id}/uke?uke={next_week}").get_data(as_text=True)
    assert "<del>" in page and "Avbestilt" in page
    room_only = client.get(f"/vaktmester/{world.jar_id}/uke?uke={next_week}&rom={world.kitchen}")
    assert "Jar IL" not in room_only.get_data(as_text=True)


def test_caretakers_get_the_week_ahead_and_hear_of_a_same_day_cancellation(
        client, world, jar_caretaker, db_app, mailbox):
    first, booking = jar_caretaker
    monday = first - timedelta(days=first.weekday())
    with db_app.app_context():
        assert notices.send_week_ahead(monday) == 1
        uow.commit()
    week = [m for m in mailbox.wait_for(2) if "uka som kommer" in str(m["Subject"]).lower()]
    [mail] = week
    assert mail["To"] == CARETAKER
    assert "Jar IL" in mail.get_body().get_content() and "18:00–20:00" in mail.get_body().get_content()
    # On the day: the club cancels tonight's training; the caretaker is told at once.
    with time_machine.travel(local_to_utc(first, time(12)), tick=True):
        cancelled = client.post(
            f"/api/v1/bookings/{booking['id']}/occurrences/{booking['occurrences'][0]['id']}/cancel",
            headers=world.headers())
        assert cancelled.status_code == 200
        notice = [m for m in mailbox.wait_for(3) if "Avbestilt i dag" in str(m["Subject"])]
    assert [m["To"] for m in notice] == [CARETAKER]
    # A date cancelled days ahead is no news for the caretaker today.
    client.post(f"/api/v1/bookings/{booking['id']}/occurrences/{booking['occurrences'][1]['id']}"
                "/cancel", headers=world.headers())
    assert len([m for m in mailbox.wait_for(5, timeout=1) if "Avbestilt i dag" in str(m["Subject"])]) == 1
