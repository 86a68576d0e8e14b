"""The staff pages that cut across domains: the audit log."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from booking.accounts.auth import session_user
from booking.accounts.models import User
from booking.administration import log

bp = Blueprint("administration", __name__)


def _officer() -> User:
    user = session_user()
    if user is None:
        abort(redirect(url_for("account.login", next=request.full_path)))
    if not user.can_read_audit_log:
        abort(403)
    return user


@bp.get("/saksbehandling/logg")
def audit_log() -> ResponseReturnValue:
    officer = _officer()
    args = request.args
    form = {"kind": args.get("kind", ""), "from": args.get("from", ""), "to": args.get("to", "")}
    errors: dict[str, str] = {}
    first = last = None
    try:
        first = date.fromisoformat(form["from"]) if form["from"] else None
    except ValueError:
        errors["from"] = _("Give the first day as a date.")
    try:
        last = date.fromisoformat(form["to"]) if form["to"] else None
    except ValueError:
        errors["to"] = _("Give the last day as a date.")
    page_number = args.get("page", "1")
    page_number_int = int(page_number) if page_number.isdigit() else 0
    errors.update({name: message for name, message in log.check_query(
        form["kind"], first, last, page_number_int, log.DEFAULT_PAGE_SIZE).items()
        if name not in errors})
    page = None
    if not errors:
        page = log.read_log(officer, kind=form["kind"] or None, first=first, last=last,
                            page=page_number_int)
    return render_template("administration/audit_log.html", form=form, errors=errors,
                           page=page, kinds={"catalogue": _("Catalogue changes"),
                                             "bookings": _("Booking changes")},
                           ), 422 if errors else 200
