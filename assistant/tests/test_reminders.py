"""Confirm or release: a logged-in user who opens the chat with a booked date in the next
two days is asked first whether they are coming; "nei" releases that date through the API,
"ja" keeps it, and the question comes once. Through the real servers, checked in the API."""

from __future__ import annotations

from datetime import datetime

import pytest
import requests
from conftest import Browser, move_to_soon, text_of, token_for

THURSDAY = 3


def test_the_date_to_confirm_is_the_soonest_within_two_days():
    from actions.reminders import date_to_confirm

    def booking(number, status, *starts):
        return {"id": number, "status": status, "occurrences": [
            {"id": number * 10 + i, "status": "scheduled", "starts_at": s}
            for i, s in enumerate(starts)]}

    now = datetime(2026, 12, 3, 12, 0)
    bookings = [booking(1, "confirmed", "2026-12-05T10:00:00+01:00"),
                booking(2, "confirmed", "2026-12-03T11:00:00+01:00",  # already begun
                        "2026-12-04T18:00:00+01:00"),
                booking(3, "pending_approval", "2026-12-03T18:00:00+01:00"),
                booking(4, "confirmed", "2026-12-06T18:00:00+01:00")]  # too far ahead
    assert date_to_confirm(bookings, now, set())[1]["id"] == 21
    assert date_to_confirm(bookings, now, {"21"})[1]["id"] == 10
    assert date_to_confirm(bookings, now, {"21", "10"}) is None


@pytest.fixture
def booked_tomorrow(assistant, web_database, upcoming):
    """A booking of one date some minutes from now (conftest.move_to_soon)."""
    made = []

    def book(email: str) -> tuple[requests.Session, dict]:
        api = requests.Session()
        api.headers["Authorization"] = "Bearer " + token_for(assistant + "/api/v1", email)
        day = upcoming(THURSDAY, weeks_ahead=12)
        # For the user's youth club: free, so confirmed at once (a private booking would
        # wait for its card payment on the site).
        club = next(m["organisation_id"] for m in
                    api.get(assistant + "/api/v1/me", timeout=30).json()["memberships"]
                    if api.get(f"{assistant}/api/v1/organisations/{m['organisation_id']}",
                               timeout=30).json()["category"] == "children_youth_nonprofit")
        for room_id in range(1, 40):
            response = api.post(assistant + "/api/v1/bookings", timeout=30, json={
                "room_id": room_id, "date": day.isoformat(), "start": "21:00", "end": "21:45",
                "purpose": "Styremøte", "attendees": 5, "organisation_id": club})
            if response.status_code == 201 and response.json()["status"] == "confirmed":
                break
        else:
            raise AssertionError("no room to book")
        booking = response.json()
        move_to_soon(web_database, booking["id"])
        made.append((api, booking["id"]))
        return api, booking

    yield book
    for api, number in made:
        api.post(f"{assistant}/api/v1/bookings/{number}/cancel", timeout=30)


def occurrence_status(api, assistant, number) -> str:
    booking = api.get(f"{assistant}/api/v1/bookings/{number}", timeout=10).json()
    return booking["occurrences"][0]["status"]


def test_not_coming_releases_the_date(assistant, booked_tomorrow):
    api, booking = booked_tomorrow("medlem@example.com")
    chat = Browser(assistant, "nb")
    chat.log_in("medlem@example.com")
    opened = chat.say("/greet")  # what the widget sends when a logged-in user opens it
    text = text_of(opened)
    assert "Hei, Mona!" in text and "Kommer dere?" in text, text
    assert booking["room"]["name"] in text
    titles = [b["title"] for m in opened for b in m["buttons"]]
    assert titles == ["Ja, vi kommer", "Nei, frigi rommet"]
    question = text.splitlines()[-1]

    # A wrong answer in the middle releases nothing, and the question still answers.
    assert text_of(chat.say("kanskje")).strip()
    assert occurrence_status(api, assistant, booking["id"]) == "scheduled"
    chat.say("/greet")  # a greeting in between leaves the question open
    released = text_of(chat.say("nei, vi kommer ikke"))
    assert "Frigitt:" in released and f"nr. {booking['id']}" in released, released
    assert occurrence_status(api, assistant, booking["id"]) == "cancelled"
    assert question not in text_of(chat.say("/greet"))  # asked once (the demo's may follow)


def test_coming_keeps_the_date_and_the_answer_is_in_nynorsk(assistant, booked_tomorrow):
    api, booking = booked_tomorrow("leder@example.com")
    chat = Browser(assistant, "nb")
    chat.log_in("leder@example.com")
    text = text_of(chat.say("/greet"))
    assert "Kommer dere?" in text and booking["room"]["name"] in text, text
    question = text.splitlines()[-1]
    kept = text_of(chat.say("ja, vi kjem"))
    assert "Flott, då står bookinga." in kept, kept
    assert occurrence_status(api, assistant, booking["id"]) == "scheduled"
    assert question not in text_of(chat.say("/greet"))
