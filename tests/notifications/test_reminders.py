"""Reminders through a real SMTP server: two days before a booked date the booker is
mailed a link; "release" frees the date at once and the slot is bookable again; a date
is reminded once; no reminders for those who turned them off; a bad link changes nothing."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import time_machine
from helpers import THURSDAY, csrf_token, log_in_client

from booking.core.db import db
from booking.notifications import tasks
from booking.reservations.models import Occurrence


def club_booking(client, world, day):
    booking = client.post("/api/v1/bookings", headers=world.headers(), json={
        "room_id": world.half_a, "date": day.isoformat(), "start": "18:00", "end": "20:00",
        "purpose": "Håndball", "organisation_id": world.club_id}).json
    assert booking["status"] == "confirmed", booking
    return booking


def two_days_before(booking) -> datetime:
    return datetime.fromisoformat(booking["occurrences"][0]["starts_at"]) - timedelta(hours=40)


def form_token(page) -> str:
    """The form token of the page the answer is given on."""
    return page.get_data(as_text=True).split('name="csrf-token" content="')[1].split('"')[0]


def reminders_in(mailbox, expected: int) -> list:
    """The reminders that arrived (the booking's receipt came before them)."""
    mailbox.wait_for(1 + expected, timeout=5 if expected else 1)
    return [m for m in mailbox.messages if str(m["Subject"]).startswith("Kommer dere")]


def run_reminders(db_app) -> None:
    with db_app.app_context():
        tasks.send_reminders.call_local()


def test_the_reminder_releases_the_date_and_the_slot_is_free_at_once(client, world, db_app,
                                                                     mailbox):
    day = world.bookable_day(THURSDAY)
    booking = club_booking(client, world, day)
    run_reminders(db_app)
    assert reminders_in(mailbox, 0) == []  # two weeks ahead: not yet
    with time_machine.travel(two_days_before(booking), tick=True):
        run_reminders(db_app)
        [mail] = reminders_in(mailbox, 1)
        body = mail.get_body().get_content()
        link = re.search(r"http://\S+/paminnelse/\S+", body).group(0).removeprefix("http://localhost")
        run_reminders(db_app)  # once per date
        assert len(reminders_in(mailbox, 2)) == 1
        page = client.get(link)
        assert page.status_code == 200 and "Kommer dere?" in page.get_data(as_text=True)
        released = client.post(link, data={"answer": "release", "csrf_token": form_token(page)})
        assert released.status_code == 303
        assert "Rommet er frigitt" in client.get(link).get_data(as_text=True)
        taken = client.post("/api/v1/bookings", headers=world.headers("other"), json={
            "room_id": world.whole_hall, "date": day.isoformat(), "start": "18:00",
            "end": "20:00", "purpose": "Dans"})
        assert taken.status_code == 201  # the released slot is bookable again at once
    with db_app.app_context():
        assert db.session.get(Occurrence, booking["occurrences"][0]["id"]).status.value == "cancelled"


def test_coming_changes_nothing_and_a_bad_link_is_refused(client, world, db_app, mailbox):
    booking = club_booking(client, world, world.bookable_day(THURSDAY))
    with time_machine.travel(two_days_before(booking), tick=True):
        run_reminders(db_app)
        [mail] = reminders_in(mailbox, 1)
        link = re.search(r"/paminnelse/\S+", mail.get_body().get_content()).group(0)
        answered = client.post(link, data={"answer": "coming",
                                           "csrf_token": form_token(client.get(link))})
        assert answered.status_code == 303
        assert "Velkommen" in client.get(link).get_data(as_text=True)
        assert client.get(link[:-3] + "xyz").status_code == 404
        assert client.get("/paminnelse/tull").status_code == 404
    with db_app.app_context():
        assert db.session.get(Occurrence, booking["occurrences"][0]["id"]).status.value == "scheduled"


def test_no_reminders_for_those_who_turned_them_off(client, world, db_app, mailbox):
    log_in_client(client, "resident@example.com")
    page = client.get("/min-konto").get_data(as_text=True)
    assert 'id="wants_reminders" name="wants_reminders" checked' in page
    saved = client.post("/min-konto/opplysninger", data={
        "name": "Resident", "phone": "", "locale": "nb", "csrf_token": csrf_token(client)})
    assert saved.status_code == 303
    assert client.get("/api/v1/me", headers=world.headers()).json["wants_reminders"] is False
    booking = club_booking(client, world, world.bookable_day(THURSDAY))
    with time_machine.travel(two_days_before(booking), tick=True):
        run_reminders(db_app)
    assert reminders_in(mailbox, 0) == []
