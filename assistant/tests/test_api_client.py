"""The API client against the real web app."""

from __future__ import annotations

import pytest
from actions.api_client import ApiError, BookingApi
from conftest import token_for

THURSDAY = 3


def test_reads_buildings_rooms_and_prices(api_url):
    api = BookingApi(api_url)
    assert "Jar skole" in {b["name"] for b in api.buildings()}
    pianos = api.rooms(facility="piano", capacity=30)
    assert pianos and all("piano" in r["facilities"] and r["capacity"] >= 30 for r in pianos)
    prices = api.prices(room_type="gymsal")
    assert {r["category"]: r["hourly_ore"] for r in prices["rates"]}["private"] == 17_900


def test_finds_books_lists_and_cancels(api_url, upcoming):
    api = BookingApi(api_url, token=token_for(api_url, "innbygger@example.com"))
    day = upcoming(THURSDAY).isoformat()
    offers = api.availability(date=day, start="18:00", end="20:00", room_type="skolekjokken",
                              area="Haslum")
    assert [o["room"]["building"]["name"] for o in offers] == ["Haslum skole"]
    room_id = offers[0]["room"]["id"]
    booking = api.create_booking(room_id=room_id, date=day, start="18:00", end="20:00",
                                 purpose="Matkurs", attendees=12)
    assert booking["status"] == "pending_payment"  # held while the booker pays on the site
    assert booking["payment_url"].endswith(f"/mine-bookinger/{booking['id']}/betal")
    assert booking["id"] in {b["id"] for b in api.my_bookings()}
    with pytest.raises(ApiError) as taken:
        api.create_booking(room_id=room_id, date=day, start="19:00", end="21:00", purpose="Igjen")
    assert (taken.value.status, taken.value.code) == (409, "slot_taken")
    cancelled = api.cancel_booking(booking["id"])
    assert cancelled["booking"]["status"] == "cancelled"
    assert cancelled["refund_ore"] == 0  # nothing was paid


def test_the_same_idempotency_key_books_once(api_url, upcoming):
    api = BookingApi(api_url, token=token_for(api_url, "leder@example.com"))
    day = upcoming(THURSDAY, weeks_ahead=4).isoformat()
    body = {"room_id": 1, "date": day, "start": "20:00", "end": "21:00", "purpose": "Møte"}
    first = api.create_booking(idempotency_key="chat-turn-1", **body)
    again = api.create_booking(idempotency_key="chat-turn-1", **body)
    assert first["id"] == again["id"]


def test_errors_carry_the_api_code_and_language(api_url):
    with pytest.raises(ApiError) as anonymous:
        BookingApi(api_url, language="en").create_booking(room_id=1, date="2030-01-01",
                                                         start="18:00", end="20:00", purpose="x")
    assert anonymous.value.status == 401
    assert anonymous.value.message == "You must log in."
    with pytest.raises(ApiError) as norwegian:
        BookingApi(api_url, language="nb").room(999_999)
    assert norwegian.value.message == "Rommet 999999 finnes ikke."


def test_unreachable_api_fails_fast():
    api = BookingApi("http://127.0.0.1:9/api/v1", timeout=1)
    with pytest.raises(ApiError) as error:
        api.buildings()
    assert error.value.code == "unreachable"
