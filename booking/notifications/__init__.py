"""Mail to users: an outbox in the database, delivered by background jobs."""

from __future__ import annotations

from typing import Any

from flask import Flask


def _on_booking_made(booking: Any, **_extra: Any) -> None:
    from booking.notifications import emails

    emails.booking_made(booking)


def _on_booking_paid(booking: Any, **_extra: Any) -> None:
    from booking.notifications import emails

    emails.booking_paid(booking)


def _on_request_decided(booking: Any, **_extra: Any) -> None:
    from booking.notifications import emails

    emails.request_decided(booking)


def _on_dates_cancelled(booking: Any, **extra: Any) -> None:
    from booking.notifications import emails

    emails.dates_cancelled(booking, cancelled=extra["cancelled"], refund_ore=extra["refund_ore"],
                           reason=extra.get("reason", ""))


def _on_account_deleting(user: Any, **_extra: Any) -> None:
    from booking.notifications import outbox

    outbox.forget_address(user.email)


def _export_mail(user: Any, **_extra: Any) -> dict[str, Any]:
    from booking.notifications import outbox

    return {"mail": [{"subject": m.subject, "to": m.to_address, "status": m.status.value,
                      "created_at": m.created_at.isoformat()}
                     for m in outbox.to_address(user.email)]}


def _relay(mail: Any) -> Any:
    """A receiver that hands the signal's sender and arguments to one mail function."""

    def receive(sender: Any, **extra: Any) -> None:
        mail(sender, **extra)

    return receive


def init_app(app: Flask) -> None:
    """Mail the booker when their booking is made or dates of it are cancelled, and users
    about their account.

    The signals are process-wide and connecting a receiver twice is a no-op, so
    several apps in one process (the tests) still send each mail once."""
    from booking.accounts import events as accounts
    from booking.notifications import (
        emails,
        tasks,  # noqa: F401  (registers the jobs)
    )
    from booking.organisations import events as organisations
    from booking.reservations import events

    events.booking_made.connect(_on_booking_made)
    events.dates_cancelled.connect(_on_dates_cancelled)
    events.booking_paid.connect(_on_booking_paid)
    events.request_decided.connect(_on_request_decided)
    accounts.account_deleting.connect(_on_account_deleting)
    accounts.data_export.connect(_export_mail)
    for signal, mail in ((accounts.confirmation_needed, emails.confirm_address),
                         (accounts.registered_again, emails.registered_again),
                         (accounts.password_reset_requested, emails.password_reset),
                         (accounts.password_changed, emails.password_changed),
                         (accounts.email_change_requested, emails.email_change),
                         (accounts.email_changed, emails.email_changed),
                         (organisations.invitation_sent, emails.invitation),
                         (organisations.claim_decided, emails.claim_decided)):
        # Held strongly (weak=False): the relay has no other reference. Once per signal
        # (the id), however many apps are made.
        if not any(getattr(r, "mail", None) is mail for r in signal.receivers.values()):
            relay = _relay(mail)
            relay.mail = mail
            signal.connect(relay, weak=False)
