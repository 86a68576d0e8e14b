"""Putting mail in the outbox, and delivering it over SMTP."""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid
from typing import cast

from flask import current_app
from sqlalchemy import CursorResult, delete, or_, select, update

from booking.core import uow
from booking.core.db import db, utcnow
from booking.notifications.models import MailStatus, OutgoingMail

log = logging.getLogger(__name__)

# A pending mail this old has missed its job (the queue was down, the process died).
SWEEP_AFTER = timedelta(minutes=2)
# How long one delivery may hold a mail (the SMTP timeout is 20 s).
CLAIM = timedelta(minutes=5)
ICS_TYPE = ("text", "calendar")


def queue(*, event: str, to_address: str, language: str, subject: str, body: str,
          booking_id: int | None = None, attachment_name: str | None = None,
          attachment: bytes | None = None) -> OutgoingMail:
    """Write the mail in the current transaction and deliver it after the commit."""
    from booking.notifications import tasks  # the tasks import this module

    mail = OutgoingMail(event=event, to_address=to_address, language=language, subject=subject,
                        body=body, booking_id=booking_id, attachment_name=attachment_name,
                        attachment=attachment)
    db.session.add(mail)
    db.session.flush()
    mail_id = mail.id
    uow.after_commit(lambda: tasks.deliver_mail(mail_id))
    return mail


def message(mail: OutgoingMail) -> EmailMessage:
    config = current_app.config
    email = EmailMessage()
    email["From"] = config["MAIL_FROM"]
    email["To"] = mail.to_address
    email["Subject"] = mail.subject
    email["Message-ID"] = make_msgid(domain=config["CALENDAR_UID_DOMAIN"], idstring=f"mail-{mail.id}")
    email.set_content(mail.body)
    if mail.attachment is not None and mail.attachment_name:
        # method=REQUEST: calendar programs offer to add the dates.
        email.add_attachment(mail.attachment, maintype=ICS_TYPE[0], subtype=ICS_TYPE[1],
                             filename=mail.attachment_name, params={"method": "REQUEST"})
    email["Content-Language"] = mail.language  # after the content: set_content drops Content-*
    return email


def deliver(mail_id: int, now: datetime | None = None) -> MailStatus | None:
    """Send one pending mail; kept unsent when no SMTP server is configured. On an error
    it stays pending, retried later and later, until the attempts run out.

    Three short transactions, none open while the SMTP server talks (on SQLite an
    open write transaction would hold up every booking): the claim, which a repeated
    job or the sweep beside it finds taken and so sends nothing; reading the mail;
    and recording the outcome.
    """
    config = current_app.config
    now = now or utcnow()
    claim = db.session.execute(
        update(OutgoingMail)
        .where(OutgoingMail.id == mail_id, OutgoingMail.status == MailStatus.PENDING,
               or_(OutgoingMail.claimed_until.is_(None), OutgoingMail.claimed_until < now))
        .values(claimed_until=now + CLAIM, attempts=OutgoingMail.attempts + 1))
    claimed = cast(CursorResult, claim).rowcount
    uow.commit()
    if not claimed:
        return None
    mail = db.session.get(OutgoingMail, mail_id)
    assert mail is not None
    if not config["MAIL_SMTP_HOST"]:
        mail.status, mail.claimed_until = MailStatus.KEPT, None
        return mail.status
    email, attempts = message(mail), mail.attempts
    uow.commit()
    error = ""
    try:
        with smtplib.SMTP(config["MAIL_SMTP_HOST"], config["MAIL_SMTP_PORT"], timeout=20) as smtp:
            if config["MAIL_SMTP_STARTTLS"]:
                smtp.starttls()
            if config["MAIL_SMTP_USERNAME"]:
                smtp.login(config["MAIL_SMTP_USERNAME"], config["MAIL_SMTP_PASSWORD"])
            smtp.send_message(email)
    except Exception as failed:
        error = f"{type(failed).__name__}: {failed}"[:2000]
        log.warning("mail %s not delivered (attempt %s): %s", mail_id, attempts, failed)
    mail = db.session.get(OutgoingMail, mail_id)
    assert mail is not None
    if not error:
        mail.status, mail.sent_at, mail.last_error, mail.claimed_until = (
            MailStatus.SENT, utcnow(), "", None)
    elif attempts >= config["MAIL_MAX_ATTEMPTS"]:
        mail.status, mail.last_error, mail.claimed_until = MailStatus.FAILED, error, None
    else:
        # Not before then: 2, 4, 8 ... minutes, at most two hours, so that a mail server
        # that is down for a while does not use up the attempts.
        mail.last_error = error
        mail.claimed_until = utcnow() + min(timedelta(minutes=2 ** attempts), timedelta(hours=2))
    return mail.status


def overdue(now: datetime | None = None) -> list[int]:
    """Pending mail whose job should have run by now."""
    cutoff = (now or utcnow()) - SWEEP_AFTER
    return list(db.session.scalars(select(OutgoingMail.id).where(
        OutgoingMail.status == MailStatus.PENDING, OutgoingMail.created_at < cutoff,
        or_(OutgoingMail.claimed_until.is_(None), OutgoingMail.claimed_until < (now or utcnow())))
        .order_by(OutgoingMail.id).limit(200)))


def recent(limit: int = 200) -> list[OutgoingMail]:
    return list(db.session.scalars(select(OutgoingMail).order_by(OutgoingMail.id.desc())
                                   .limit(limit)))


def to_address(address: str | None) -> list[OutgoingMail]:
    if not address:
        return []
    return list(db.session.scalars(select(OutgoingMail).where(OutgoingMail.to_address == address)
                                   .order_by(OutgoingMail.id)))


def forget_address(address: str | None) -> None:
    """Delete the copies of mail to a deleted account (mail still on its way is sent)."""
    if address:
        db.session.execute(delete(OutgoingMail).where(OutgoingMail.to_address == address,
                                                      OutgoingMail.status != MailStatus.PENDING))
