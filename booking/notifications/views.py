"""The outbox page: what mail the platform sent or keeps, for administrators.

In development (no SMTP server) this is where mail is read."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from booking.accounts.auth import session_user
from booking.core.db import db
from booking.notifications import outbox
from booking.notifications.models import MailStatus, OutgoingMail

bp = Blueprint("outbox", __name__)


@bp.app_template_filter("mail_status")
def mail_status(status: MailStatus) -> str:
    labels = {MailStatus.PENDING: _("waiting to be sent"), MailStatus.SENT: _("sent"),
              MailStatus.KEPT: _("kept, not sent"), MailStatus.FAILED: _("could not be sent")}
    return str(labels.get(status, status))


def _administrator():
    user = session_user()
    if user is None:
        return None
    if not user.can_read_outbox:
        abort(403)
    return user


@bp.get("/admin/utboks")
def index() -> ResponseReturnValue:
    if _administrator() is None:
        return redirect(url_for("account.login", next=request.path))
    return render_template("notifications/outbox.html", mails=outbox.recent())


@bp.get("/admin/utboks/<int:mail_id>")
def show(mail_id: int) -> ResponseReturnValue:
    if _administrator() is None:
        return redirect(url_for("account.login", next=request.path))
    mail = db.session.get(OutgoingMail, mail_id) or abort(404)
    return render_template("notifications/mail.html", mail=mail)
