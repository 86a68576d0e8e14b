"""One function per event that mails someone, in the recipient's language.

Each renders ``templates/emails/<event>.txt`` under the recipient's locale and
puts the mail in the outbox (``outbox.queue``), in the same transaction as the
change it tells of.
"""

from __future__ import annotations

from typing import Any

from flask import render_template
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from booking import catalogue
from booking.accounts.models import User
from booking.calendars.bookings import booking_ics
from booking.core.templating import day
from booking.notifications import outbox
from booking.organisations.models import Invitation, Organisation
from booking.reservations import cancellations
from booking.reservations.models import Booking, BookingStatus, Occurrence


def booking_made(booking: Booking, event: str = "booking_made") -> None:
    """The booker's receipt (or, for a request, that it was received), with the dates
    as an .ics attachment. A booking awaiting card payment gets its receipt when paid."""
    user = booking.booker
    if user.email is None or booking.is_awaiting_payment:  # no address: OpenID Connect, deleted
        return
    room = catalogue.current().rooms[booking.room_id]
    with force_locale(user.locale):
        first = booking.occurrences[0].starts_at
        where = f"{room.name}, {room.building.name}"
        subject = (_("Request received: %(room)s, %(date)s", room=where, date=day(first))
                   if booking.status is BookingStatus.PENDING_APPROVAL else
                   _("Receipt: %(room)s, %(date)s", room=where, date=day(first))
                   if event == "booking_paid" else
                   _("Booking confirmed: %(room)s, %(date)s", room=where, date=day(first)))
        body = render_template("emails/booking_made.txt", booking=booking, room=room, user=user,
                               policy=cancellations.policy_of(booking))
    outbox.queue(event=event, to_address=user.email, language=user.locale,
                 subject=subject, body=body, booking_id=booking.id,
                 attachment_name=f"booking-{booking.id}.ics",
                 attachment=booking_ics(booking, method="REQUEST"))


def booking_paid(booking: Booking) -> None:
    """The receipt for a card payment: what was paid, the refund policy, the dates."""
    booking_made(booking, event="booking_paid")


def request_decided(booking: Booking) -> None:
    """The case officer's answer to a request: confirmed, to pay by a time (with the link),
    or rejected with the reason."""
    user = booking.booker
    if user.email is None:
        return
    room = catalogue.current().rooms[booking.room_id]
    with force_locale(user.locale):
        where = f"{room.name}, {room.building.name}"
        subject = (_("Request not approved: %(room)s", room=where)
                   if booking.status is BookingStatus.REJECTED else
                   _("Request approved, to pay: %(room)s", room=where)
                   if booking.is_awaiting_payment else
                   _("Request approved: %(room)s", room=where))
        body = render_template("emails/request_decided.txt", booking=booking, room=room, user=user,
                               policy=cancellations.policy_of(booking))
    attach = booking.status is not BookingStatus.REJECTED
    outbox.queue(event="request_decided", to_address=user.email, language=user.locale,
                 subject=subject, body=body, booking_id=booking.id,
                 attachment_name=f"booking-{booking.id}.ics" if attach else None,
                 attachment=booking_ics(booking, method="REQUEST") if attach else None)



def dates_cancelled(booking: Booking, *, cancelled: list[Occurrence], refund_ore: int,
                    reason: str = "") -> None:
    """What was cancelled, why when the municipality did it, and what comes back; the .ics
    marks those dates cancelled."""
    user = booking.booker
    if user.email is None:
        return
    room = catalogue.current().rooms[booking.room_id]
    with force_locale(user.locale):
        subject = _("Cancelled: %(room)s", room=f"{room.name}, {room.building.name}")
        body = render_template("emails/dates_cancelled.txt", booking=booking, room=room, user=user,
                               cancelled=cancelled, refund_ore=refund_ore, reason=reason)
    outbox.queue(event="dates_cancelled", to_address=user.email, language=user.locale,
                 subject=subject, body=body, booking_id=booking.id,
                 attachment_name=f"booking-{booking.id}.ics",
                 attachment=booking_ics(booking, method="REQUEST"))


def reminder(occurrence: Occurrence, *, token: str) -> None:
    """Two days before: are you coming? The link lets the booker release the date."""
    booking = occurrence.booking
    user = booking.booker
    if user.email is None:
        return
    room = catalogue.current().rooms[booking.room_id]
    with force_locale(user.locale):
        subject = _("Coming on %(date)s? %(room)s", date=day(occurrence.starts_at),
                    room=f"{room.name}, {room.building.name}")
        body = render_template("emails/reminder.txt", booking=booking, occurrence=occurrence,
                               room=room, user=user, token=token,
                               refund_ore=cancellations.refunds(booking, [occurrence]).get(
                                   occurrence, 0))
    outbox.queue(event="reminder", to_address=user.email, language=user.locale,
                 subject=str(subject), body=body, booking_id=booking.id)


def caretaker_week(caretaker: User, buildings: list[tuple[Any, list[tuple[Any, list[Any]]]]]) -> None:
    """Monday morning: the week ahead in each of the caretaker's buildings (``buildings``:
    the building and its days, each with its visits)."""
    with force_locale(caretaker.locale):
        subject = _("The week ahead in your buildings")
    _to_user("caretaker_week", caretaker, subject, "caretaker_week", buildings=buildings)


def same_day_cancellation(caretaker: User, booking: Booking, cancelled: list[Occurrence]) -> None:
    """A booking in the caretaker's building was cancelled (or moved) on its own day."""
    room = catalogue.current().rooms[booking.room_id]
    with force_locale(caretaker.locale):
        subject = _("Cancelled today: %(room)s, %(building)s", room=room.name,
                    building=room.building.name)
    _to_user("same_day_cancellation", caretaker, subject, "same_day_cancellation",
             booking=booking, room=room, cancelled=cancelled)


def approval_digest(officer: User, *, requests: list[Booking], new: list[Booking],
                    claims: list[Organisation]) -> None:
    """The morning's digest of what waits for case officers."""
    with force_locale(officer.locale):
        subject = ngettext("%(num)s request waits for approval",
                           "%(num)s requests wait for approval", len(requests)) if requests \
            else _("Categories to verify")
    _to_user("approval_digest", officer, subject, "approval_digest", requests=requests, new=new,
             claims=claims, oldest=min((b.created_at for b in requests), default=None))


def _to_user(event: str, user: User, subject: str, template: str, *,
             to_address: str | None = None, **context: Any) -> None:
    """A mail to a user (or to another address of theirs), in the user's language."""
    address = to_address or user.email
    if not address:
        return
    with force_locale(user.locale):
        body = render_template(f"emails/{template}.txt", user=user, **context)
        outbox.queue(event=event, to_address=address, language=user.locale,
                     subject=str(subject), body=body)


def confirm_address(user: User, *, token: str) -> None:
    with force_locale(user.locale):
        subject = _("Confirm your e-mail address")
    _to_user("confirm_address", user, subject, "confirm_address", token=token)


def registered_again(user: User) -> None:
    """Someone registered with an address that has an account: tell its owner, who may
    have forgotten, and say nothing to whoever typed it."""
    with force_locale(user.locale):
        subject = _("You already have an account")
    _to_user("registered_again", user, subject, "registered_again")


def password_reset(user: User, *, token: str) -> None:
    with force_locale(user.locale):
        subject = _("Choose a new password")
    _to_user("password_reset", user, subject, "password_reset", token=token)


def password_changed(user: User) -> None:
    with force_locale(user.locale):
        subject = _("Your password was changed")
    _to_user("password_changed", user, subject, "password_changed")


def email_change(user: User, *, new_email: str, token: str) -> None:
    with force_locale(user.locale):
        subject = _("Confirm your new e-mail address")
    _to_user("email_change", user, subject, "email_change", to_address=new_email, token=token)


def email_changed(user: User, *, old_email: str) -> None:
    with force_locale(user.locale):
        subject = _("Your e-mail address was changed")
    _to_user("email_changed", user, subject, "email_changed", to_address=old_email)


def invitation(invitation: Invitation, *, token: str, inviter: User) -> None:
    """In the inviter's language: we know nothing of the invited address's own."""
    organisation = invitation.organisation
    with force_locale(inviter.locale):
        subject = _("Invitation to %(name)s", name=organisation.name)
        body = render_template("emails/invitation.txt", invitation=invitation, token=token,
                               organisation=organisation, inviter=inviter)
    outbox.queue(event="invitation", to_address=invitation.email, language=inviter.locale,
                 subject=str(subject), body=body)


def claim_decided(organisation: Organisation) -> None:
    """To each admin in their language, and to the organisation's own address."""
    admins = [m.user for m in organisation.memberships if m.is_admin]
    addresses: dict[str, str] = {a.email: a.locale for a in admins if a.email}
    if organisation.email and organisation.email not in addresses:
        addresses[organisation.email] = admins[0].locale if admins else "nb"
    for address, locale in addresses.items():
        with force_locale(locale):
            subject = (_("Category verified: %(name)s", name=organisation.name)
                       if organisation.claim_verified else
                       _("Category not verified: %(name)s", name=organisation.name))
            body = render_template("emails/claim_decided.txt", organisation=organisation)
        outbox.queue(event="claim_decided", to_address=address, language=locale,
                     subject=str(subject), body=body)
