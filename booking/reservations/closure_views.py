"""The case officers' closures page: choose where and when, see the booked dates it hits,
then close and cancel them in one step (or keep them, when the school makes room)."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from marshmallow import Schema, ValidationError, fields, validate, validates_schema
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.datastructures import MultiDict

from booking.accounts.auth import page_user
from booking.core.db import db, utcnow
from booking.core.errors import AppError
from booking.core.forms import read_form
from booking.core.timeutil import local_date_of, local_day_span
from booking.facilities import operations as facilities
from booking.facilities.models import Building, ClosureKind
from booking.reservations import closing

bp = Blueprint("closures", __name__)


def closure_kind_label(code: str) -> str:
    labels = {ClosureKind.SCHOOL_HOLIDAY: _("school holiday"), ClosureKind.EXAM: _("exams"),
              ClosureKind.OWN_USE: _("the school's own use"),
              ClosureKind.MAINTENANCE: _("maintenance"), ClosureKind.OTHER: _("other")}
    return str(labels.get(code, code))  # type: ignore[call-overload]


bp.add_app_template_filter(closure_kind_label, "closure_kind")


class ClosureFormSchema(Schema):
    """The page's form: where is one field ("all", "b<id>" or "r<id>")."""

    where = fields.String(required=True, validate=validate.Regexp(r"^(all|[br][0-9]{1,9})$"))
    first_day = fields.Date(required=True)
    last_day = fields.Date(required=True)
    kind = fields.String(required=True, validate=validate.OneOf([k.value for k in ClosureKind]))
    # Not needed to look; closing asks for it, with its own message.
    reason = fields.String(load_default="", validate=validate.Length(max=200))

    @validates_schema
    def _in_order(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data["last_day"] < data["first_day"]:
            raise ValidationError(_("The last day must not be before the first day."), "last_day")


def _scope(where: str) -> closing.Scope:
    if where.startswith("b"):
        return closing.Scope(building_id=int(where[1:]))
    if where.startswith("r"):
        return closing.Scope(room_id=int(where[1:]))
    return closing.Scope()


def _fingerprint(hits) -> str:
    """What the officer saw: saving checks that the same dates are hit."""
    return hashlib.sha256(",".join(str(o.id) for o in hits).encode()).hexdigest()[:16]


def _page(form: MultiDict, *, errors: dict[str, str] | None = None, hits=None,
          notice: str | None = None) -> ResponseReturnValue:
    today = local_date_of(utcnow())
    starts_at, ends_at = local_day_span(today, today + timedelta(days=closing.MAX_CLOSURE_DAYS))
    buildings = list(db.session.scalars(select(Building).options(selectinload(Building.rooms))
                                        .order_by(Building.name)))
    return render_template(
        "reservations/closures.html", form=form, errors=errors or {}, hits=hits, notice=notice,
        fingerprint=_fingerprint(hits) if hits is not None else "", buildings=buildings,
        kinds=list(ClosureKind), coming=facilities.list_closures(starts_at, ends_at),
        last_day_of=lambda closure: local_date_of(closure.ends_at) - timedelta(days=1),
        names={**{f"b{b.id}": b.name for b in buildings},
               **{f"r{r.id}": f"{r.name}, {b.name}" for b in buildings for r in b.rooms}},
    ), 422 if errors else 200


@bp.get("/saksbehandling/stengninger")
def closures() -> ResponseReturnValue:
    page_user(lambda user: user.can_manage_closures)
    return _page(MultiDict({"where": "all", "kind": ClosureKind.SCHOOL_HOLIDAY.value}))


@bp.post("/saksbehandling/stengninger")
def preview_or_close() -> ResponseReturnValue:
    officer = page_user(lambda user: user.can_manage_closures)
    form = MultiDict(request.form)
    result = read_form(ClosureFormSchema(), form)
    if result.values is None:
        return _page(form, errors=result.errors)
    values = result.values
    scope = _scope(values["where"])
    try:
        hits = closing.dates_hit(values["first_day"], values["last_day"], scope)
    except AppError as refused:
        return _page(form, errors={"where": refused.message})
    action = request.form.get("action")
    if action not in ("cancel", "keep"):
        return _page(form, hits=hits)
    if request.form.get("fingerprint") != _fingerprint(hits):
        return _page(form, hits=hits, notice=_(
            "The bookings changed since you looked: check the dates hit again before closing."))
    try:
        done = closing.close(officer, first_day=values["first_day"], last_day=values["last_day"],
                             reason=values["reason"], kind=ClosureKind(values["kind"]),
                             scope=scope, cancel_bookings=action == "cancel")
    except AppError as refused:
        return _page(form, errors={"reason": refused.message}, hits=hits)
    flash(_("The closure is saved.") + " " + (
        ngettext("%(num)s booked date is cancelled and its booker told, with everything paid "
                 "for it refunded.",
                 "%(num)s booked dates are cancelled and their bookers told, with everything "
                 "paid for them refunded.", len(done.cancelled)) if done.cancelled else
        ngettext("%(num)s booked date is kept.", "%(num)s booked dates are kept.", len(done.kept))
        if done.kept else _("It hit no bookings.")))
    return redirect(url_for("closures.closures"), code=303)


@bp.post("/saksbehandling/stengninger/<int:closure_id>/fjern")
def remove(closure_id: int) -> ResponseReturnValue:
    officer = page_user(lambda user: user.can_manage_closures)
    try:
        closing.remove(officer, closure_id)
    except AppError as refused:
        flash(refused.message)
    else:
        flash(_("The closure is removed: its days can be booked again. Dates it cancelled stay "
                "cancelled."))
    return redirect(url_for("closures.closures"), code=303)
