"""A booking's dates as an .ics file to download (phones and calendar programs)."""

from __future__ import annotations

from flask import Blueprint, Response, redirect, request, url_for
from flask.typing import ResponseReturnValue

from booking.accounts.auth import session_user
from booking.calendars.bookings import booking_ics
from booking.reservations.bookings import get_booking

bp = Blueprint("calendars", __name__)


@bp.get("/mine-bookinger/<int:booking_id>.ics")
def booking_file(booking_id: int) -> ResponseReturnValue:
    user = session_user()
    if user is None:
        return redirect(url_for("account.login", next=request.path))
    booking = get_booking(user, booking_id)  # the same access rule as the booking's page
    return Response(booking_ics(booking), mimetype="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="booking-{booking.id}.ics"'})
