"""Calendar feeds on both backends, parsed with icalendar and expanded with
recurring-ical-events: a year of a weekly 18:00 stays 18:00 across both clock changes;
a cancelled date is STATUS:CANCELLED with the same UID and a higher SEQUENCE; 304 for an
unchanged feed, a change makes a new one; revoked and renewed addresses; who may
subscribe to what; a feed is built once per change, not per poll."""

from __future__ import annotations

from datetime import datetime, timedelta

import icalendar
import pytest
import recurring_ical_events
from helpers import TUESDAY

from booking.accounts.models import Role, User
from booking.calendars import feeds
from booking.core.db import db
from booking.facilities.models import Building


@pytest.fixture
def season(client, world, db_app):
    """Jar IL trains every Tuesday at 18:00 for a year, in Jar skole's gym hall half A."""
    with db_app.app_context():
        caretaker = db.session.scalar(db.select(User).where(User.email == "caretaker@example.com"))
        caretaker.caretaker_of = [db.session.get(Building, world.jar_id)]
        db.session.commit()
    first = world.bookable_day(TUESDAY)
    booking = client.post("/api/v1/bookings", headers=world.headers(), json={
        "room_id": world.half_a, "date": first.isoformat(), "start": "18:00", "end": "20:00",
        "repeat_weekly_until": (first + timedelta(weeks=52)).isoformat(), "on_conflict": "skip",
        "purpose": "Håndball", "organisation_id": world.club_id}).json
    assert booking["status"] == "confirmed", booking
    return booking


def subscribe(client, headers, scope, target_id):
    return client.post("/api/v1/calendar-feeds", headers=headers,
                       json={"scope": scope, "target_id": target_id})


def path_of(url: str) -> str:
    return url.removeprefix("http://localhost")


def test_a_year_of_a_weekly_slot_stays_at_18_and_a_cancelled_date_updates(client, world, season):
    made = subscribe(client, world.headers(Role.CARETAKER), "building", world.jar_id)
    assert made.status_code == 201, made.json
    feed = client.get(path_of(made.json["url"]))
    assert feed.status_code == 200 and feed.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(feed.data)
    assert calendar.walk("VTIMEZONE")
    first, last = (datetime.fromisoformat(season["occurrences"][i]["starts_at"]) for i in (0, -1))
    expanded = recurring_ical_events.of(calendar).between(first - timedelta(days=1),
                                                          last + timedelta(days=1))
    starts = [e.decoded("DTSTART") for e in expanded]
    assert len(starts) == len(season["occurrences"]) > 40
    assert {(s.hour, s.minute) for s in starts} == {(18, 0)}
    assert {s.utcoffset() for s in starts} == {timedelta(hours=1), timedelta(hours=2)}
    assert "Jar IL" in str(expanded[0]["SUMMARY"])
    uids = [str(e["UID"]) for e in expanded]
    # Cancel the third date: the same event, cancelled, with a higher sequence.
    third = season["occurrences"][2]["id"]
    client.post(f"/api/v1/bookings/{season['id']}/occurrences/{third}/cancel",
                headers=world.headers())
    again = icalendar.Calendar.from_ical(client.get(path_of(made.json["url"])).data)
    events = {str(e["UID"]): e for e in again.walk("VEVENT")}
    assert list(events) == uids
    changed = events[f"occurrence-{third}@utleie.baerum.kommune.no"]
    assert (str(changed["STATUS"]), int(changed["SEQUENCE"])) == ("CANCELLED", 1)
    assert [str(e["STATUS"]) for e in events.values()].count("CANCELLED") == 1


def test_an_unchanged_feed_answers_304_and_a_change_a_new_one_built_once(
        client, world, season, monkeypatch):
    url = path_of(subscribe(client, world.headers(Role.CARETAKER), "room", world.half_a).json["url"])
    builds = []
    real_build = feeds.build
    monkeypatch.setattr(feeds, "build", lambda *a, **k: builds.append(a) or real_build(*a, **k))
    first = client.get(url)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": modified}).status_code == 304
    assert client.get(url).data == first.data
    assert len(builds) == 1  # polled three times, built once
    second = season["occurrences"][1]["id"]
    client.post(f"/api/v1/bookings/{season['id']}/occurrences/{second}/cancel",
                headers=world.headers())
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["ETag"] != etag
    assert changed.data != first.data and len(builds) == 2


def test_revoked_and_renewed_addresses(client, world, season):
    headers = world.headers()
    made = subscribe(client, headers, "user", _id_of(client, headers)).json
    url = path_of(made["url"])
    assert client.get(url).status_code == 200
    renewed = client.post(f"/api/v1/calendar-feeds/{made['id']}/renew", headers=headers).json
    assert client.get(url).status_code == 404
    new_url = path_of(renewed["url"])
    assert client.get(new_url).status_code == 200
    assert [f["id"] for f in client.get("/api/v1/calendar-feeds", headers=headers).json] == \
        [renewed["id"]]
    assert client.delete(f"/api/v1/calendar-feeds/{renewed['id']}",
                         headers=headers).status_code == 204
    assert client.get(new_url).status_code == 404
    assert client.get("/kalender/not-a-token.ics").status_code == 404


def _id_of(client, headers) -> int:
    return client.get("/api/v1/me", headers=headers).json["id"]


def test_who_may_subscribe_to_what(client, world, season, db_app):
    resident, other = world.headers(), world.headers("other")
    assert subscribe(client, resident, "building", world.jar_id).status_code == 403
    assert subscribe(client, resident, "room", world.half_a).status_code == 403
    assert subscribe(client, world.headers(Role.CARETAKER), "building",
                     world.levre_id).status_code == 403
    assert subscribe(client, other, "organisation", world.club_id).status_code == 403
    assert subscribe(client, other, "user", _id_of(client, resident)).status_code == 403
    club = subscribe(client, resident, "organisation", world.club_id)
    assert club.status_code == 201
    assert len(icalendar.Calendar.from_ical(client.get(path_of(club.json["url"])).data)
               .walk("VEVENT")) == len(season["occurrences"])
    # A caretaker moved to another school loses the old school's feed.
    url = path_of(subscribe(client, world.headers(Role.CARETAKER), "building",
                            world.jar_id).json["url"])
    with db_app.app_context():
        caretaker = db.session.scalar(db.select(User).where(User.email == "caretaker@example.com"))
        caretaker.caretaker_of = [db.session.get(Building, world.levre_id)]
        db.session.commit()
    assert client.get(url).status_code == 404


def test_the_calendar_page_makes_renews_and_stops_an_address(client, world, season):
    from helpers import log_in_client

    log_in_client(client, "resident@example.com")
    page = client.get("/kalender").get_data(as_text=True)
    assert "Jar IL" in page and "Mine bookinger" in page
    token = page.split('name="csrf-token" content="')[1].split('"')[0]
    made = client.post("/kalender", data={"target": f"organisation:{world.club_id}",
                                          "csrf_token": token})
    assert made.status_code == 303
    shown = client.get("/kalender").get_data(as_text=True)
    url = shown.split('id="new-address" type="text" readonly value="')[1].split('"')[0]
    assert client.get(path_of(url)).status_code == 200
    assert 'id="new-address"' not in client.get("/kalender").get_data(as_text=True)  # once
    refused = client.post("/kalender", data={"target": f"building:{world.jar_id}",
                                             "csrf_token": token})
    assert refused.status_code == 303 and client.get(path_of(url)).status_code == 200
