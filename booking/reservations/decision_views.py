"""The case officers' approval queue: requests with what they weigh, decided one at a
time on a request's own page or several at once from the list."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from booking import catalogue
from booking.accounts.auth import page_user
from booking.accounts.models import User
from booking.core.db import db
from booking.core.errors import AppError
from booking.facilities.models import Building
from booking.organisations import claims
from booking.reservations import bookings, decisions

bp = Blueprint("decisions", __name__)
bp.add_app_template_global(lambda: catalogue.current().rooms, "catalogue_rooms")
# The verification queue (organisations) shows an organisation's history.
bp.add_app_template_global(decisions.organisation_history, "organisation_history")


@bp.get("/saksbehandling")
def casework() -> ResponseReturnValue:
    """The case officers' start page: what waits, and their other pages."""
    officer = page_user(lambda user: user.can_decide_requests)
    return render_template("reservations/casework.html",
                           requests=decisions.approval_queue(officer, page_size=1).total,
                           claims=len(claims.pending()))


@bp.get("/saksbehandling/foresporsler")
def queue() -> ResponseReturnValue:
    return _queue_page(page_user(lambda user: user.can_decide_requests))


def _queue_page(officer: User, errors: dict[str, str] | None = None,
                form: MultiDict | None = None) -> ResponseReturnValue:
    building_id = request.args.get("bygg", type=int)
    found = decisions.approval_queue(officer, page=request.args.get("side", 1, type=int),
                                     building_id=building_id)
    buildings = list(db.session.scalars(select(Building).order_by(Building.name)))
    return render_template("reservations/approval_queue.html", queue=found, buildings=buildings,
                           building_id=building_id, errors=errors or {},
                           form=form or MultiDict()), 422 if errors else 200


@bp.post("/saksbehandling/foresporsler")
def decide_chosen() -> ResponseReturnValue:
    """The same decision on the requests ticked in the list."""
    officer = page_user(lambda user: user.can_decide_requests)
    chosen = [int(i) for i in request.form.getlist("booking_id") if i.isdigit()]
    approve = request.form.get("decision") == "approve"
    try:
        outcomes = decisions.decide_many(officer, chosen, approve=approve,
                                         note=request.form.get("note", ""))
    except AppError as refused:
        field = "note" if refused.code == "reason_required" else "chosen"
        return _queue_page(officer, {field: refused.message}, MultiDict(request.form))
    decided = [o for o in outcomes if o.error is None]
    if decided:
        flash(ngettext("%(num)s request approved.", "%(num)s requests approved.", len(decided))
              if approve else
              ngettext("%(num)s request rejected.", "%(num)s requests rejected.", len(decided)))
    for outcome in outcomes:
        if outcome.error is not None:
            flash(_("Request %(id)s was not decided: %(reason)s", id=outcome.booking_id,
                    reason=outcome.error.message))
    return redirect(request.full_path, code=303)  # the same page of the queue, by GET


@bp.get("/saksbehandling/foresporsler/<int:booking_id>")
def request_page(booking_id: int) -> ResponseReturnValue:
    officer = page_user(lambda user: user.can_decide_requests)
    return _request_page(officer, bookings.get_booking(officer, booking_id))


def _request_page(officer: User, booking, errors: dict[str, str] | None = None,
                  form: MultiDict | None = None) -> ResponseReturnValue:
    entry = decisions.queue_entry(officer, booking)
    decided_by = db.session.get(User, booking.decided_by_id) if booking.decided_by_id else None
    return render_template("reservations/request.html", entry=entry, booking=booking,
                           decided_by=decided_by,
                           errors=errors or {}, form=form or MultiDict()), \
        422 if errors else 200


@bp.post("/saksbehandling/foresporsler/<int:booking_id>")
def decide(booking_id: int) -> ResponseReturnValue:
    officer = page_user(lambda user: user.can_decide_requests)
    booking = bookings.get_booking(officer, booking_id)
    approve = request.form.get("decision") == "approve"
    try:
        decisions.decide_booking(officer, booking, approve=approve,
                                 note=request.form.get("note", ""))
    except AppError as refused:
        return _request_page(officer, booking, {"note": refused.message}, MultiDict(request.form))
    flash(_("Request %(id)s is approved; the requester is told.", id=booking.id) if approve else
          _("Request %(id)s is rejected; the requester is told why.", id=booking.id))
    return redirect(url_for("decisions.queue"), code=303)
