"""Scale-out proven on one machine: two gunicorn instances (two workers each) and two
job workers on one PostgreSQL and one Redis (see conftest.py). Every request goes to
one instance or the other, so whatever must hold across processes is held by the
database or by Redis, never by a process's memory."""

from __future__ import annotations

import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
import requests

from booking.demo.municipality import DEMO_PASSWORD

BOOKER = "leder@example.com"  # admin of Jar IL, a verified youth club: books free, at once
WEEKDAYS = (1, 3)  # Tuesdays and Thursdays: regular rental hours, nothing of the demo's
# Production answers only https, as behind its TLS proxy: the proxy's header says so.
HTTPS = {"X-Forwarded-Proto": "https"}


@pytest.fixture(scope="module")
def jar(production):
    """The Jar skole gym hall's rooms (the whole hall is halves A + B), the club, a token,
    and a supply of dates on which the whole hall is free all evening."""
    rooms = dict(production.sql(
        "SELECT room.name, room.id FROM room JOIN building ON building.id = room.building_id "
        "WHERE building.name = 'Jar skole'"))
    (club,), = production.sql("SELECT id FROM organisation WHERE name = 'Jar IL'")
    (today,), = production.sql("SELECT (now() AT TIME ZONE 'Europe/Oslo')::date")
    headers = production.token(BOOKER, DEMO_PASSWORD)

    def free_evenings():
        day = today + timedelta(days=21)
        for _ in range(80):
            day += timedelta(days=1)
            if day.weekday() not in WEEKDAYS:
                continue
            quote = requests.post(f"{production.urls[0]}/api/v1/quotes", headers=headers, timeout=30,
                                  json={"room_id": rooms["Gymsal (hel)"], "date": day.isoformat(),
                                        "start": "17:00", "end": "21:00", "attendees": 20,
                                        "organisation_id": club, "on_conflict": "refuse"})
            if quote.status_code == 200:
                yield day

    class Jar:
        whole, half_a, half_b = rooms["Gymsal (hel)"], rooms["Gymsal del A"], rooms["Gymsal del B"]
        organisation_id = club
        evenings = free_evenings()

        @staticmethod
        def body(room_id: int, day: date, start: str, end: str, purpose: str) -> dict:
            return {"room_id": room_id, "date": day.isoformat(), "start": start, "end": end,
                    "attendees": 20, "organisation_id": club, "purpose": purpose,
                    "contact_name": "Lars Leder", "contact_phone": "+47 900 00 000"}

    Jar.headers = headers
    return Jar


def _together(calls, threads: int):
    """Run the calls on ``threads`` threads that all start at the same moment (the rest
    follow as threads come free); their results in order."""
    start = threading.Event()

    def run(call):
        start.wait(timeout=30)
        return call()

    with ThreadPoolExecutor(max_workers=threads) as pool:
        results = [pool.submit(run, call) for call in calls]
        time.sleep(0.2)  # every thread is waiting
        start.set()
        return [result.result() for result in results]


def _post_booking(url: str, headers: dict, body: dict, key: str | None = None):
    extra = {"Idempotency-Key": key} if key else {}
    return requests.post(f"{url}/api/v1/bookings", json=body, headers={**headers, **extra},
                         timeout=60)


def test_both_instances_are_ready_in_production_mode(production):
    for url in production.urls:
        # Probes come over plain HTTP and are answered; pages are sent to https.
        health = requests.get(f"{url}/healthz", timeout=10)
        assert health.status_code == 200, health.text
        assert health.json()["parts"] == {"database": "up", "ratelimit_storage": "up", "jobs": "up"}
        assert health.json()["assistant"] == "down"  # reported, not fatal
        assert requests.get(f"{url}/livez", timeout=10).status_code == 200
        page = requests.get(f"{url}/", timeout=10, allow_redirects=False)
        assert page.status_code in (301, 302) and page.headers["Location"].startswith("https://")
        assert requests.get(f"{url}/", headers=HTTPS, timeout=10).status_code == 200


def test_concurrent_bookings_through_both_instances_never_double_book(production, jar):
    """Whole hall, halves, overlapping and adjacent times, each asked for several times
    at once through both instances, on three evenings."""
    tag = f"scale-out {uuid.uuid4().hex[:8]}"
    slots = [(jar.whole, "18:00", "20:00"), (jar.half_a, "18:00", "20:00"),
             (jar.half_b, "19:00", "21:00"), (jar.half_a, "19:00", "19:30"),
             (jar.whole, "20:00", "21:00"), (jar.half_b, "17:00", "18:00"),
             (jar.half_a, "17:00", "18:00")]
    days = [next(jar.evenings) for _ in range(3)]
    calls = []
    for day in days:
        for copy in range(4):
            for n, (room, start, end) in enumerate(slots):
                url = production.urls[(copy + n) % 2]
                body = jar.body(room, day, start, end, tag)
                calls.append(lambda url=url, body=body: _post_booking(url, jar.headers, body))
    started = time.monotonic()
    responses = _together(calls, threads=16)
    elapsed = time.monotonic() - started
    statuses = Counter(r.status_code for r in responses)
    assert set(statuses) <= {201, 409}, {r.status_code: r.text for r in responses
                                         if r.status_code not in (201, 409)}
    made = {r.json()["id"] for r in responses if r.status_code == 201}
    (in_database,), = production.sql("SELECT count(*) FROM booking WHERE purpose = %s", tag)
    assert in_database == len(made) == statuses[201]
    # Someone won each evening.
    assert len(production.sql("SELECT DISTINCT occurrence.starts_at::date FROM occurrence "
                              "JOIN booking ON booking.id = occurrence.booking_id "
                              "WHERE booking.purpose = %s", tag)) == len(days)
    overlaps = production.sql(
        "SELECT a.id, b.id, a.unit_id FROM occupancy a JOIN occupancy b "
        "ON a.unit_id = b.unit_id AND a.id < b.id "
        "AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at "
        "WHERE (a.expires_at IS NULL OR a.expires_at > now()) "
        "AND (b.expires_at IS NULL OR b.expires_at > now())")
    assert overlaps == []
    print(f"\n{len(calls)} attempts through 2 instances in {elapsed:.2f} s: {dict(statuses)}")


def test_one_idempotency_key_sent_to_both_instances_makes_one_booking(production, jar):
    day = next(jar.evenings)
    body = jar.body(jar.half_b, day, "18:00", "19:00", f"idempotent {uuid.uuid4().hex[:8]}")
    key = uuid.uuid4().hex
    calls = [lambda url=url: _post_booking(url, jar.headers, body, key)
             for url in production.urls * 4]
    responses = _together(calls, threads=8)
    statuses = Counter(r.status_code for r in responses)
    # One made it; the others got it back (200) or were told the key is being processed
    # (409), which a client retries.
    assert statuses[201] == 1 and set(statuses) <= {200, 201, 409}, \
        [(r.status_code, r.text) for r in responses]
    (booking_id,) = {r.json()["id"] for r in responses if r.status_code in (200, 201)}
    assert production.sql("SELECT id FROM booking WHERE booker_id = "
                          "(SELECT id FROM user_account WHERE email = %s) AND idempotency_key = %s",
                          BOOKER, key) == [(booking_id,)]
    for url in production.urls:  # the retry, on either instance
        again = _post_booking(url, jar.headers, body, key)
        assert again.status_code == 200 and again.json()["id"] == booking_id
    print(f"\nthe same key 8 times at once: {dict(statuses)}; 409 codes: "
          f"{[r.json()['error']['code'] for r in responses if r.status_code == 409]}")


def test_failed_logins_through_one_instance_count_on_the_other(production):
    """The login limit per account (10 a minute) is kept in Redis, not per process."""
    account = f"nobody-{uuid.uuid4().hex[:8]}@example.com"
    attempt = {"email": account, "password": "wrong password"}
    first, second = production.urls
    for _ in range(10):  # spread over instance A's two workers
        response = requests.post(f"{first}/api/v1/auth/token", json=attempt, headers=HTTPS, timeout=30)
        assert response.status_code == 401, response.text
    for url in (second, first):
        response = requests.post(f"{url}/api/v1/auth/token", json=attempt, headers=HTTPS, timeout=30)
        assert response.status_code == 429, response.text
    # Another account is not held back by this one's limit.
    other = {"email": f"nobody-{uuid.uuid4().hex[:8]}@example.com", "password": "wrong password"}
    assert requests.post(f"{second}/api/v1/auth/token", json=other, headers=HTTPS,
                         timeout=30).status_code == 401


def _executions(production, task: str) -> int:
    return sum(production.log(name).count(f"Executing {task}:") for name in ("worker-a", "worker-b"))


def test_a_job_enqueued_by_one_instance_runs_once(production, jar):
    """A booking made through instance B queues its confirmation mail on Redis: one of
    the two workers sends it, once."""
    day = next(jar.evenings)
    tag = f"mail {uuid.uuid4().hex[:8]}"
    response = _post_booking(production.urls[1], jar.headers,
                             jar.body(jar.half_a, day, "20:00", "21:00", tag))
    assert response.status_code == 201, response.text
    booking_id = response.json()["id"]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        rows = production.sql("SELECT status, attempts FROM outgoing_mail WHERE booking_id = %s",
                              booking_id)
        if rows and all(status == "sent" for status, _ in rows):
            break
        time.sleep(0.2)
    assert rows == [("sent", 1)]
    # Every mail the instances wrote was enqueued once, after its commit: once none is
    # pending, each was executed by exactly one of the workers.
    deliver = "booking.notifications.tasks.deliver_mail"
    queued = ("SELECT count(*), count(*) FILTER (WHERE status = 'pending') FROM outgoing_mail "
              "WHERE id > %s")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        (mails, pending), = production.sql(queued, production.last_seeded_mail)
        if not pending and _executions(production, deliver) >= mails:
            break
        time.sleep(0.2)
    time.sleep(1)  # a second execution, if there were one, would show by now
    (mails, pending), = production.sql(queued, production.last_seeded_mail)
    assert pending == 0 and _executions(production, deliver) == mails
    arrived = [m for m in list(production.inbox.messages)
               if any(part.get_filename() == f"booking-{booking_id}.ics"
                      for part in m.iter_attachments())]
    assert len(arrived) == 1
