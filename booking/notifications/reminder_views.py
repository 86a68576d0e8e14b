"""The page a reminder's link opens: the date, and "we are coming" or "release the room".

No login: the signed link is the key, for that date and its booker only. Releasing is
the same cancellation as on the booking's page, the API and the assistant (the policy's
refund; the slot is free for others at once)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from booking import catalogue
from booking.core.db import utcnow
from booking.core.templating import nok
from booking.notifications import reminders
from booking.reservations import cancellations

bp = Blueprint("reminders", __name__)


@bp.route("/paminnelse/<token>", methods=["GET", "POST"])
def reminder(token: str) -> ResponseReturnValue:
    occurrence = reminders.occurrence_of(token)
    if occurrence is None:
        return render_template("accounts/bad_link.html"), 404
    booking = occurrence.booking
    now = utcnow()
    open_to_answer = occurrence.is_scheduled and occurrence.starts_at > now and booking.is_confirmed
    if request.method == "POST" and open_to_answer:
        if request.form.get("answer") == "release":
            result = cancellations.cancel_occurrence(booking.booker, booking, occurrence.id, now)
            flash(_("The room is released. Thank you for telling us.") + (
                " " + _("You get %(amount)s back.", amount=nok(result.refund_ore))
                if result.refund_ore else ""))
        else:
            flash(_("Thank you. See you then!"))
        return redirect(url_for("reminders.reminder", token=token), code=303)
    return render_template("notifications/reminder.html", occurrence=occurrence, booking=booking,
                           room=catalogue.current().rooms[booking.room_id], token=token,
                           open_to_answer=open_to_answer,
                           refund_ore=cancellations.refunds(booking, [occurrence], now).get(
                               occurrence, 0))
