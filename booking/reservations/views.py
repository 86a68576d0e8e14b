"""The user's own bookings page, and how statuses read on pages."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from booking.accounts.auth import session_user
from booking.reservations.bookings import list_bookings
from booking.reservations.models import status_label

bp = Blueprint("bookings", __name__)  # the API blueprint is "reservations"
bp.add_app_template_filter(status_label, "status_label")


@bp.get("/mine-bookinger")
def my_bookings() -> ResponseReturnValue:
    user = session_user()
    if user is None:
        return redirect(url_for("account.login", next=request.path))
    return render_template("reservations/my_bookings.html", bookings=list_bookings(user))
