"""Deleting an account deletes its conversations from the assistant's tracker store, through
the real servers: a new resident registers, talks to the assistant, and deletes the account;
the conversation is then gone from Rasa's store, and another conversation is not."""

from __future__ import annotations

import re
import sqlite3

import pytest
from conftest import Browser

pytestmark = pytest.mark.usefixtures("assistant")

PASSWORD = "et langt nok passord"


def events_of(tracker_db, sender: str) -> int:
    with sqlite3.connect(tracker_db) as db:
        return db.execute("SELECT count(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]


def form_token(browser: Browser, path: str) -> str:
    page = browser.http.get(browser.base + path, timeout=10).text
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def test_deleting_an_account_deletes_its_conversations(assistant, web_database, assistant_logs):
    email = "glemmes@example.com"
    resident = Browser(assistant, "nb")
    resident.http.post(assistant + "/registrer", timeout=10, data={
        "name": "Gunn Glemsk", "email": email, "password": PASSWORD, "locale": "nb",
        "accept_privacy": "on", "csrf_token": form_token(resident, "/registrer")})
    with sqlite3.connect(web_database) as db:
        body = db.execute("SELECT body FROM outgoing_mail WHERE to_address = ? ORDER BY id DESC",
                          (email,)).fetchone()[0]
    confirm = re.search(r"http\S+/registrer/bekreft/\S+", body).group(0)
    assert resident.http.get(confirm, timeout=10).url.endswith("/min-konto")
    resident.csrf = resident._csrf("/")
    resident.say("Hei")
    resident.say("Hva koster en gymsal?")

    bystander = Browser(assistant, "nb")  # not logged in: a conversation of its own
    bystander.say("Hei")

    with sqlite3.connect(web_database) as db:
        user_id = db.execute("SELECT id FROM user_account WHERE email = ?", (email,)).fetchone()[0]
        senders = [row[0] for row in db.execute(
            "SELECT sender_id FROM chat_conversation WHERE user_id = ?", (user_id,))]
    assert len(senders) == 1
    tracker_db = assistant_logs / "tracker.sqlite3"
    assert events_of(tracker_db, senders[0]) > 0
    others_before = {row[0] for row in sqlite3.connect(tracker_db).execute(
        "SELECT DISTINCT sender_id FROM events WHERE sender_id != ?", (senders[0],))}

    deleted = resident.http.post(assistant + "/min-konto/slett", timeout=30, data={
        "password": PASSWORD, "confirm": "on",
        "csrf_token": form_token(resident, "/min-konto/slett")})
    assert deleted.status_code == 200 and deleted.url.rstrip("/") == assistant

    assert events_of(tracker_db, senders[0]) == 0
    others_after = {row[0] for row in sqlite3.connect(tracker_db).execute(
        "SELECT DISTINCT sender_id FROM events")}
    assert others_before <= others_after  # nobody else's conversation went with it
    with sqlite3.connect(web_database) as db:
        assert db.execute("SELECT count(*) FROM chat_conversation WHERE sender_id = ?",
                          (senders[0],)).fetchone()[0] == 0
