"""The assistant's only way to the platform: a small client of its REST API.

Every call has a timeout; every error comes back as ApiError carrying the
API's own code and message (already in the user's language, chosen by
Accept-Language), so the assistant says what the web site would say.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from typing import Any

import requests

DEFAULT_TIMEOUT = float(os.environ.get("BOOKING_API_TIMEOUT", "5"))


@dataclass
class ApiError(Exception):
    status: int
    code: str
    message: str
    details: Any = None

    def __str__(self) -> str:
        return f"{self.status} {self.code}: {self.message}"


class BookingApi:
    def __init__(self, base_url: str | None = None, token: str | None = None,
                 language: str = "nb", timeout: float = DEFAULT_TIMEOUT) -> None:
        self.base_url = (base_url or os.environ.get("BOOKING_API_URL")
                         or "http://127.0.0.1:5000/api/v1").rstrip("/")
        self.token = token
        self.language = language
        self.timeout = timeout
        self.session = requests.Session()

    def _request(self, method: str, path: str, *, params: dict | None = None,
                 json: Any = None, headers: dict | None = None) -> Any:
        all_headers = {"Accept-Language": self.language, **(headers or {})}
        if self.token:
            all_headers["Authorization"] = f"Bearer {self.token}"
        try:
            response = self.session.request(method, self.base_url + path, params=params,
                                            json=json, headers=all_headers, timeout=self.timeout)
        except requests.RequestException as error:
            raise ApiError(0, "unreachable", str(error)) from error
        if response.status_code >= 400:
            try:
                body = response.json()["error"]
            except (ValueError, KeyError, TypeError):
                body = {"code": "http_error", "message": response.text[:200]}
            raise ApiError(response.status_code, body.get("code", "error"),
                           body.get("message", ""), body.get("details"))
        return response.json()

    # -- reading
    def buildings(self, area: str | None = None) -> list[dict]:
        return self._request("GET", "/buildings", params={"area": area} if area else None)

    def rooms(self, **filters: Any) -> list[dict]:
        return self._request("GET", "/rooms", params=_clean(filters))

    def room(self, room_id: int) -> dict:
        return self._request("GET", f"/rooms/{room_id}")

    def prices(self, room_type: str | None = None, category: str | None = None) -> dict:
        return self._request("GET", "/prices",
                             params=_clean({"room_type": room_type, "category": category}))

    def availability(self, **query: Any) -> list[dict]:
        return self._request("GET", "/availability", params=_clean(query))

    def quote(self, **body: Any) -> dict:
        return self._request("POST", "/quotes", json=_clean(body))

    def me(self) -> dict:
        return self._request("GET", "/me")

    def my_bookings(self) -> list[dict]:
        return self._request("GET", "/bookings")

    # -- reading, for staff (the API refuses others)
    def day_sheet(self, building_id: int, day: str) -> list[dict]:
        """Who comes to a building on a date: its caretakers and case officers."""
        return self._request("GET", f"/buildings/{building_id}/day-sheet", params={"date": day})

    def approval_queue(self) -> dict:
        """The first page of requests awaiting a decision, oldest first, each with its
        requester and the dates that fall in a closure (case officers only)."""
        return self._request("GET", "/approval-queue")

    # -- writing
    def create_booking(self, idempotency_key: str | None = None, **body: Any) -> dict:
        key = idempotency_key or str(uuid.uuid4())
        return self._request("POST", "/bookings", json=_clean(body),
                             headers={"Idempotency-Key": key})

    def cancel_booking(self, booking_id: int) -> dict:
        return self._request("POST", f"/bookings/{booking_id}/cancel")

    def cancel_occurrence(self, booking_id: int, occurrence_id: int) -> dict:
        return self._request("POST", f"/bookings/{booking_id}/occurrences/{occurrence_id}/cancel")


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value is not None}


def info(api: BookingApi) -> dict:
    """The municipality's name and contact."""
    return api._request("GET", "/info")
