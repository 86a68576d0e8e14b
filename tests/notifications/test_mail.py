"""Mail through a real SMTP server: the receipt (after the card payment) with its .ics, in
the booker's language; nothing for a change that rolled back; an unreachable server loses nothing; and a real
worker process delivers what the web app queued."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import icalendar
import pytest
import time_machine
from fixtures.mail import free_port
from fixtures.stripe import pay
from helpers import THURSDAY, log_in_client

from booking.accounts.models import User
from booking.core import jobs, uow
from booking.core.db import db
from booking.notifications import tasks
from booking.notifications.models import MailStatus, OutgoingMail
from booking.reservations.availability import TimeRequest
from booking.reservations.bookings import BookingRequest, create_booking


@pytest.fixture
def book(client, world, db_app, local_stripe):
    """Book gym hall half A for the resident and pay by card: the receipt comes then."""
    local_stripe.reset()

    def book_and_pay(day, **extra):
        response = client.post("/api/v1/bookings", headers=world.headers(), json={
            "room_id": world.half_a, "date": day.isoformat(), "start": "18:00", "end": "20:00",
            "purpose": "Innebandy", **extra})
        assert response.status_code == 201, response.json
        pay(client, db_app, local_stripe, response.json["id"], "resident@example.com")
        return client.get(f"/api/v1/bookings/{response.json['id']}", headers=world.headers()).json

    return book_and_pay


def mails(app) -> list[OutgoingMail]:
    with app.app_context():
        return list(db.session.scalars(db.select(OutgoingMail).order_by(OutgoingMail.id)))


def subject(message) -> str:
    return str(message["Subject"]).strip()  # a long header arrives folded



def ics_of(message) -> icalendar.Calendar:
    [part] = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert part.get_param("method") == "REQUEST"
    return icalendar.Calendar.from_ical(part.get_content())


def test_a_booking_mails_the_booker_a_receipt_with_a_valid_ics(book, world, mailbox, db_app):
    day = world.bookable_day(THURSDAY, weeks=2)
    booking = book(day, repeat_weekly_until=(day + timedelta(days=7)).isoformat())
    [message] = mailbox.wait_for(1)
    assert message["To"] == "resident@example.com"
    assert message["Content-Language"] == "nb"
    assert subject(message).startswith("Kvittering: Gymsal del A, Jar skole")
    body = message.get_body(("plain",)).get_content()
    assert "Innebandy" in body and "716,00" in body and f"/mine-bookinger/{booking['id']}" in body
    assert "Betalt: 716,00\xa0kr med kort" in body
    calendar = ics_of(message)
    events = calendar.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [
        f"occurrence-{o['id']}@utleie.baerum.kommune.no" for o in booking["occurrences"]]
    first = events[0].decoded("DTSTART")
    assert (first.date(), first.hour, str(first.tzinfo)) == (day, 18, "Europe/Oslo")
    assert calendar.walk("VTIMEZONE"), "the time zone travels with the file"
    [mail] = mails(db_app)
    assert (mail.status, mail.attempts) == (MailStatus.SENT, 1)


def test_the_mail_is_in_the_bookers_own_language(book, world, mailbox, db_app):
    with db_app.app_context():
        db.session.scalars(db.select(User).filter_by(email="resident@example.com")).one().locale = "en"
        db.session.commit()
    book(world.bookable_day(THURSDAY))
    [message] = mailbox.wait_for(1)
    assert subject(message).startswith("Receipt: Gymsal del A, Jar skole")
    assert "Your booking is confirmed." in message.get_body(("plain",)).get_content()


def test_cancelling_a_date_mails_the_refund_and_marks_the_date_cancelled(book, client, world,
                                                                      mailbox):
    day = world.bookable_day(THURSDAY, weeks=2, weeks_ahead=3)
    booking = book(day, repeat_weekly_until=(day + timedelta(days=7)).isoformat())
    last = booking["occurrences"][1]["id"]
    response = client.post(f"/api/v1/bookings/{booking['id']}/occurrences/{last}/cancel",
                           headers=world.headers())
    assert response.status_code == 200, response.json
    _receipt, cancelled = mailbox.wait_for(2)
    assert "358,00" in cancelled.get_body(("plain",)).get_content()
    statuses = {str(e["UID"]): str(e["STATUS"]) for e in ics_of(cancelled).walk("VEVENT")}
    assert statuses[f"occurrence-{last}@utleie.baerum.kommune.no"] == "CANCELLED"
    assert list(statuses.values()).count("CONFIRMED") == 1
    assert [int(e["SEQUENCE"]) for e in ics_of(cancelled).walk("VEVENT")] == [0, 1]


def test_no_mail_for_a_booking_that_rolled_back(db_app, world, mailbox):
    day = world.bookable_day(THURSDAY)
    with db_app.test_request_context():
        booker = db.session.scalars(db.select(User).filter_by(email="resident@example.com")).one()
        create_booking(booker, BookingRequest(world.half_a, TimeRequest(  # free: confirmed at once
            day, datetime.min.time().replace(hour=18), datetime.min.time().replace(hour=20)),
            "Rolled back", organisation_id=world.club_id))
        assert db.session.scalars(db.select(OutgoingMail)).all(), "queued in the transaction"
        uow.rollback()
    assert mails(db_app) == []
    assert mailbox.wait_for(1, timeout=1) == []


def test_a_refused_booking_sends_nothing(book, client, world, mailbox, db_app):
    day = world.bookable_day(THURSDAY)
    book(day)
    again = client.post("/api/v1/bookings", headers=world.headers("other"), json={
        "room_id": world.half_a, "date": day.isoformat(), "start": "18:00", "end": "20:00",
        "purpose": "Too late"})
    assert again.status_code == 409
    assert len(mails(db_app)) == 1 and len(mailbox.wait_for(2, timeout=1)) == 1


def test_an_unreachable_mail_server_loses_nothing(book, world, mailbox, db_app, smtp_server):
    db_app.config["MAIL_SMTP_PORT"] = free_port()  # nobody listens there
    book(world.bookable_day(THURSDAY))
    [mail] = mails(db_app)
    assert (mail.status, mail.attempts) == (MailStatus.PENDING, 1) and mail.last_error
    db_app.config["MAIL_SMTP_PORT"] = smtp_server[0].port
    with time_machine.travel(datetime.now(UTC) + timedelta(minutes=5)), \
            db_app.app_context():
        tasks.sweep_outbox()  # the periodic job, run at once (immediate mode)
    [message] = mailbox.wait_for(1)
    assert message["To"] == "resident@example.com"
    [mail] = mails(db_app)
    assert (mail.status, mail.attempts, mail.last_error) == (MailStatus.SENT, 2, "")


def test_without_a_mail_server_mail_is_kept_for_the_admin_to_read(book, client, world, db_app):
    book(world.bookable_day(THURSDAY))
    [mail] = mails(db_app)
    assert mail.status is MailStatus.KEPT
    for email, expected in (("resident@example.com", 403), ("admin@example.com", 200)):
        log_in_client(client, email)
        page = client.get("/admin/utboks")
        assert page.status_code == expected
    assert "Kvittering" in page.get_data(as_text=True)
    assert "Innebandy" in client.get(f"/admin/utboks/{mail.id}").get_data(as_text=True)


@pytest.fixture
def real_queue(db_app, tmp_path):
    """The app queues jobs in a SQLite file that a real worker process reads."""
    saved = {key: db_app.config[key] for key in ("JOBS_URL", "JOBS_IMMEDIATE")}
    db_app.config.update(JOBS_URL=f"sqlite:///{tmp_path / 'jobs.sqlite3'}", JOBS_IMMEDIATE=False)
    jobs.init_app(db_app)
    yield db_app.config["JOBS_URL"]
    db_app.config.update(saved)
    jobs.init_app(db_app)


def test_a_real_worker_delivers_what_the_web_app_queued(book, world, mailbox, db_app,
                                                          real_queue, database_url):
    env = {**os.environ, "BOOKING_ENV": "test", "BOOKING_DATABASE_URL": database_url,
           "BOOKING_JOBS_URL": real_queue, "BOOKING_JOBS_IMMEDIATE": "false",
           "BOOKING_MAIL_SMTP_HOST": "127.0.0.1",
           "BOOKING_MAIL_SMTP_PORT": str(db_app.config["MAIL_SMTP_PORT"])}
    consumer = os.path.join(os.path.dirname(sys.executable), "huey_consumer")
    worker = subprocess.Popen([consumer, "booking.worker.huey", "-w", "1", "-k", "thread"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        book(world.bookable_day(THURSDAY))
        [message] = mailbox.wait_for(1, timeout=30)
        assert message["To"] == "resident@example.com"
        # The worker marks the mail sent just after the server has it: wait for that
        # before stopping it, or the test races the worker's commit.
        deadline = time.monotonic() + 15
        while mails(db_app)[0].status is not MailStatus.SENT and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        worker.terminate()
        _out, errors = worker.communicate(timeout=10)
    [mail] = mails(db_app)
    assert mail.status is MailStatus.SENT, errors.decode()[-2000:]
