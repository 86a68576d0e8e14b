"""One function per event that mails someone, in the recipient's language.

Each renders ``templates/emails/<event>.txt`` under the recipient's locale and
puts the mail in the outbox (``outbox.queue``), in the same transaction as the
change it tells of.
"""

from __future__ import annotations

from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _

from booking import catalogue
from booking.calendars.bookings import booking_ics
from booking.core.templating import day
from booking.notifications import outbox
from booking.reservations.models import Booking, BookingStatus, Occurrence


def booking_made(booking: Booking) -> None:
    """The booker's receipt (or, for a request, that it was received), with the dates
    as an .ics attachment."""
    user = booking.booker
    if user.email is None:  # an account without an address (OpenID Connect, deleted)
        return
    room = catalogue.current().rooms[booking.room_id]
    with force_locale(user.locale):
        first = booking.occurrences[0].starts_at
        subject = (_("Request received: %(room)s, %(date)s", room=f"{room.name}, {room.building.name}",
                     date=day(first))
                   if booking.status is BookingStatus.PENDING_APPROVAL else
                   _("Booking confirmed: %(room)s, %(date)s", room=f"{room.name}, {room.building.name}",
                     date=day(first)))
        body = render_template("emails/booking_made.txt", booking=booking, room=room, user=user)
    outbox.queue(event="booking_made", to_address=user.email, language=user.locale,
                 subject=subject, body=body, booking_id=booking.id,
                 attachment_name=f"booking-{booking.id}.ics",
                 attachment=booking_ics(booking, method="REQUEST"))


def dates_cancelled(booking: Booking, *, cancelled: list[Occurrence], refund_ore: int) -> None:
    """What was cancelled and what comes back; the .ics marks those dates cancelled."""
    user = booking.booker
    if user.email is None:
        return
    room = catalogue.current().rooms[booking.room_id]
    with force_locale(user.locale):
        subject = _("Cancelled: %(room)s", room=f"{room.name}, {room.building.name}")
        body = render_template("emails/dates_cancelled.txt", booking=booking, room=room, user=user,
                               cancelled=cancelled, refund_ore=refund_ore)
    outbox.queue(event="dates_cancelled", to_address=user.email, language=user.locale,
                 subject=subject, body=body, booking_id=booking.id,
                 attachment_name=f"booking-{booking.id}.ics",
                 attachment=booking_ics(booking, method="REQUEST"))
