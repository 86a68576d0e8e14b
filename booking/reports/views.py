"""The case officers' utilisation page: a GET form (where, which rooms, which period), the
figures as a heatmap and bars drawn in HTML and CSS, the same numbers in tables, and the
CSV. Bad input shows the form again with the errors and nothing else."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import select

from booking.accounts.auth import page_user
from booking.core.db import db, utcnow
from booking.core.errors import AppError
from booking.core.timeutil import local_date_of
from booking.facilities.labels import ROOM_TYPE_LABELS
from booking.facilities.models import Building
from booking.reports import api, export, queries

bp = Blueprint("reports", __name__)


def default_period(today: date) -> tuple[date, date]:
    """The four weeks before this one and this week, Monday to Sunday."""
    monday = today - timedelta(days=today.weekday())
    return monday - timedelta(weeks=4), monday + timedelta(days=6)


@bp.get("/saksbehandling/utnyttelse")
def utilisation() -> ResponseReturnValue:
    officer = page_user(lambda user: user.can_see_utilisation)
    args = request.args
    first, last = default_period(local_date_of(utcnow()))
    form = {"hvor": args.get("hvor", "all"), "romtype": args.get("romtype", ""),
            "fra": args.get("fra", first.isoformat()), "til": args.get("til", last.isoformat())}
    errors: dict[str, str] = {}
    try:
        first = date.fromisoformat(form["fra"])
    except ValueError:
        errors["fra"] = _("Give the first day as a date.")
    try:
        last = date.fromisoformat(form["til"])
    except ValueError:
        errors["til"] = _("Give the last day as a date.")
    building_id = None
    if form["hvor"] != "all":
        try:
            building_id = int(form["hvor"].removeprefix("b"))
        except ValueError:
            errors["hvor"] = _("Choose a school or the whole municipality.")
    scope = queries.Scope(building_id, form["romtype"] or None)
    report = None
    if not errors:
        try:
            report = queries.report(officer, scope, first, last)
        except AppError as refused:
            field = {"period_reversed": "til", "period_too_long": "til",
                     "unknown_room_type": "romtype"}.get(refused.code, "hvor")
            errors[field] = refused.message
    if report is not None and args.get("format") == "csv":
        return api.csv_response(report)
    buildings = db.session.execute(select(Building.id, Building.name).order_by(Building.name)).all()
    return render_template(
        "reports/utilisation.html", form=form, errors=errors, buildings=buildings,
        room_types=ROOM_TYPE_LABELS, report=report,
        data=export.as_dict(report) if report else None,
        csv_url=url_for("reports.utilisation", format="csv", **form),  # type: ignore[arg-type]
    ), 422 if errors else 200
