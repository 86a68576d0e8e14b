"""Personal data past its retention period is cleared, the statistics stay, and a second
run changes nothing; the clock is set years ahead (time-machine), as a real run meets it."""

from __future__ import annotations

import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine
from fixtures.factories import create_booking
from helpers import csrf_token

from booking.accounts.models import Role, User
from booking.chat.models import ChatConversation
from booking.core.audit import AuditEntry
from booking.core.db import db, utcnow
from booking.facilities.models import Room
from booking.notifications.models import MailStatus, OutgoingMail
from booking.operations import retention, tasks
from booking.reservations.models import Booking

DAY = timedelta(days=1)


@pytest.fixture
def assistant(db_app):
    """A stand-in for the assistant's REST channel: it answers every message with "Hei!"
    and notes what DELETE /webhooks/rest/conversations/<sender> asked it to forget."""
    forgotten: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_DELETE(self):
            forgotten.append(self.path.rsplit("/", 1)[-1])
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b"{}")

        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'[{"text": "Hei!"}]')

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    old_url = db_app.config["RASA_URL"]
    db_app.config["RASA_URL"] = f"http://127.0.0.1:{server.server_port}"
    yield forgotten
    db_app.config["RASA_URL"] = old_url
    server.shutdown()
    thread.join(timeout=5)


def _bookings(world):
    """An old booking (its last date the one that matters) and one ending a week later."""
    resident = db.session.scalar(db.select(User).where(User.email == world.emails[Role.RESIDENT]))
    half_a = db.session.get(Room, world.half_a)
    old = create_booking(resident, half_a, world.bookable_day(1, weeks=2), weeks=2,
                         purpose="Bursdag for Ola, 8 år")
    old.contact_name, old.contact_phone = "Kari Nordmann", "+47 912 34 567"
    recent = create_booking(resident, half_a, world.bookable_day(1, weeks=1, weeks_ahead=5),
                            purpose="Korøvelse")
    recent.contact_name, recent.contact_phone = "Per Hansen", "+47 987 65 432"
    for booking, status in ((old, MailStatus.SENT), (old, MailStatus.FAILED),
                            (recent, MailStatus.SENT)):
        db.session.add(OutgoingMail(event="booking_made", to_address="kari@example.com",
                                    language="nb", subject="Bekreftelse", body="Hei Kari",
                                    booking_id=booking.id, status=status))
    db.session.commit()
    return old, recent, resident


def _last_end(booking: Booking):
    return max(o.ends_at for o in booking.occurrences)


def test_bookings_past_the_period_lose_personal_data_and_keep_their_statistics(world, ctx, db_app):
    old, recent, _ = _bookings(world)
    kept = {column: getattr(old, column) for column in (
        "room_id", "status", "total_ore", "customer_category", "organisation_id", "booker_id",
        "attendees", "needs_supervisor", "created_at")}
    times = [(o.starts_at, o.ends_at, o.status, o.price_ore) for o in old.occurrences]
    changes = len(old.status_changes)
    days = db_app.config["RETENTION_BOOKING_DAYS"]
    assert days == 1095

    # A day before the period is over, nothing happens.
    with time_machine.travel(_last_end(old) + timedelta(days=days) - DAY, tick=False):
        assert retention.apply_retention().bookings_anonymised == 0
    db.session.expire_all()
    assert old.contact_name == "Kari Nordmann"

    with time_machine.travel(_last_end(old) + timedelta(days=days) + DAY, tick=False):
        result = db_app.test_cli_runner().invoke(args=["booking", "retention"])
    assert result.exit_code == 0, result.output
    assert "personal data cleared on 1" in result.output
    db.session.expire_all()
    assert (old.contact_name, old.contact_phone, old.purpose) == ("", "", "")
    assert old.idempotency_key is None and old.request_fingerprint is None
    assert {column: getattr(old, column) for column in kept} == kept
    assert [(o.starts_at, o.ends_at, o.status, o.price_ore) for o in old.occurrences] == times
    assert len(old.status_changes) == changes
    assert db.session.scalar(db.select(db.func.count()).select_from(OutgoingMail)
                             .where(OutgoingMail.booking_id == old.id)) == 0
    # The later booking is still inside its period.
    assert (recent.contact_name, recent.purpose) == ("Per Hansen", "Korøvelse")
    assert db.session.scalar(db.select(db.func.count()).select_from(OutgoingMail)
                             .where(OutgoingMail.booking_id == recent.id)) == 1
    entry = db.session.scalar(db.select(AuditEntry).where(AuditEntry.action == "retention.bookings"))
    assert entry is not None and entry.actor_id is None
    assert entry.changes == {"bookings_anonymised": [None, 1], "mails_deleted": [None, 2]}


def test_a_second_run_changes_nothing(world, ctx, db_app):
    old, _recent, _ = _bookings(world)
    later = _last_end(old) + timedelta(days=db_app.config["RETENTION_BOOKING_DAYS"]) + DAY
    with time_machine.travel(later, tick=False):
        first = retention.apply_retention()
        entries = db.session.scalar(db.select(db.func.count()).select_from(AuditEntry))
        second = retention.apply_retention()
    assert (first.bookings_anonymised, first.mails_deleted) == (1, 2)
    assert (second.bookings_anonymised, second.mails_deleted, second.conversations_marked) == (0, 0, 0)
    assert db.session.scalar(db.select(db.func.count()).select_from(AuditEntry)) == entries


def test_the_nightly_job_does_the_same(world, ctx, db_app):
    old, recent, _ = _bookings(world)
    with time_machine.travel(_last_end(recent) + timedelta(days=1096), tick=False):
        tasks.apply_retention()  # the tests run jobs at once, in-process
    db.session.expire_all()
    assert old.contact_name == recent.contact_name == ""
    assert old.purpose == recent.purpose == ""


def test_conversations_unused_past_their_period_are_forgotten(world, ctx, db_app, assistant):
    resident = db.session.scalar(db.select(User).where(User.email == world.emails[Role.RESIDENT]))
    days = db_app.config["RETENTION_CHAT_DAYS"]
    with time_machine.travel(utcnow(), tick=False) as clock:
        db.session.add_all([
            ChatConversation(sender_id="user-old", user_id=resident.id),
            ChatConversation(sender_id="web-anonymous-old", user_id=None)])
        db.session.commit()
        clock.shift(timedelta(days=days - 10))
        db.session.add(ChatConversation(sender_id="web-recent", user_id=None))
        db.session.commit()
        clock.shift(timedelta(days=11))
        result = retention.apply_retention()
        again = retention.apply_retention()
    assert (result.conversations_marked, result.conversations_left) == (2, 0)
    assert sorted(assistant) == ["user-old", "web-anonymous-old"]
    assert list(db.session.scalars(db.select(ChatConversation.sender_id))) == ["web-recent"]
    assert (again.conversations_marked, again.conversations_left) == (0, 0)
    assert db.session.scalar(db.select(db.func.count()).select_from(AuditEntry)
                             .where(AuditEntry.action == "retention.chat")) == 1


def test_a_conversation_the_assistant_cannot_drop_stays_marked_for_the_sweep(world, ctx, db_app):
    db.session.add(ChatConversation(sender_id="web-old", user_id=None))
    db.session.commit()
    # Nothing listens at the tests' RASA_URL: the assistant is down.
    with time_machine.travel(utcnow() + timedelta(days=db_app.config["RETENTION_CHAT_DAYS"] + 1),
                             tick=False):
        result = retention.apply_retention()
    assert (result.conversations_marked, result.conversations_left) == (1, 1)
    conversation = db.session.get(ChatConversation, "web-old")
    assert conversation is not None and conversation.forget


def test_an_anonymous_conversation_is_recorded_so_that_its_period_can_end(world, db_app, assistant):
    client = db_app.test_client()
    for _ in range(2):
        response = client.post("/chat", json={"message": "Hva koster gymsalen?"},
                               headers={"X-CSRFToken": csrf_token(client)})
        assert response.status_code == 200, response.json
        assert response.json["messages"][0]["text"] == "Hei!"
    with db_app.app_context():
        conversations = db.session.scalars(db.select(ChatConversation)).all()
        assert len(conversations) == 1
        assert conversations[0].sender_id.startswith("web-") and conversations[0].user_id is None
