"""The staff pages that cut across domains: the audit log and catalogue editing."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from babel.dates import get_day_names
from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import select

from booking.accounts.auth import page_user
from booking.administration import log, units
from booking.core.db import db
from booking.core.errors import AppError
from booking.core.templating import format_locale
from booking.facilities import editing
from booking.facilities.labels import facility_label
from booking.facilities.models import Building, Facility, RentalWindow, Room

bp = Blueprint("administration", __name__)


@bp.get("/saksbehandling/logg")
def audit_log() -> ResponseReturnValue:
    officer = page_user(lambda user: user.can_read_audit_log)
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


@bp.route("/saksbehandling/rom/<int:room_id>", methods=["GET", "POST"])
def edit_room(room_id: int) -> ResponseReturnValue:
    """A room's editable fields; a refused change shows the form again with the reasons."""
    officer = page_user(lambda user: user.can_edit_catalogue)
    room = db.session.get(Room, room_id)
    if room is None:
        abort(404)
    errors: dict[str, str] = {}
    values = editing.room_values(room)
    if request.method == "POST":
        changes, errors = _room_changes(request.form)
        values = values | changes
        if not errors:
            try:
                editing.update_room(officer, room_id, changes)
            except AppError as refused:
                errors = dict(refused.details or {}) or {"room": refused.message}
            else:
                return redirect(url_for("administration.edit_room", room_id=room_id, lagret=1),
                                code=303)
    return _room_page(room, values, errors)


def _room_page(room: Room, values: dict[str, Any], errors: dict[str, str],
               window_form: dict[str, str] | None = None) -> ResponseReturnValue:
    form = {"name": values["name"], "capacity": values["capacity"]} | (window_form or {})
    return render_template("administration/room.html", room=room, values=values, errors=errors,
                           halves=units.halves_of(room),
                           shares_space=len(units.rooms_sharing(room.units)) > 1,
                           saved=request.args.get("lagret") == "1" and not errors,
                           facilities=[(f.value, facility_label(f.value)) for f in Facility],
                           weekdays=_weekdays(),
                           form=form), 422 if errors else 200


@bp.post("/saksbehandling/rom/<int:room_id>/vinduer")
def add_window(room_id: int) -> ResponseReturnValue:
    """Add a rental window; a refused one shows the room's page with the reason."""
    officer = page_user(lambda user: user.can_edit_catalogue)
    room = db.session.get(Room, room_id) or abort(404)
    window_form, parsed, errors = _window_form(request.form)
    if not errors:
        try:
            editing.add_window(officer, room_id, editing.WindowSpec(**parsed))
        except AppError as refused:
            errors = dict(refused.details or {}) or {"starts": refused.message}
        else:
            return redirect(url_for("administration.edit_room", room_id=room_id, lagret=1),
                            code=303)
    return _room_page(room, editing.room_values(room), errors, window_form)


@bp.route("/saksbehandling/vinduer/<int:window_id>", methods=["GET", "POST"])
def edit_window(window_id: int) -> ResponseReturnValue:
    """Change a rental window with the checks of adding one; bookings already made stay."""
    officer = page_user(lambda user: user.can_edit_catalogue)
    window = db.session.get(RentalWindow, window_id) or abort(404)
    errors: dict[str, str] = {}
    window_form = {"weekday": str(window.weekday), "starts": window.starts.strftime("%H:%M"),
                   "ends": window.ends.strftime("%H:%M"),
                   "valid_from": window.valid_from.isoformat() if window.valid_from else "",
                   "valid_to": window.valid_to.isoformat() if window.valid_to else "",
                   "by_agreement": "on" if window.by_agreement else ""}
    if request.method == "POST":
        window_form, parsed, errors = _window_form(request.form)
        if not errors:
            try:
                editing.change_window(officer, window_id, parsed)
            except AppError as refused:
                errors = dict(refused.details or {}) or {"starts": refused.message}
            else:
                return redirect(url_for("administration.edit_room", room_id=window.room_id,
                                        lagret=1), code=303)
    return render_template("administration/window.html", window=window, form=window_form,
                           errors=errors, weekdays=_weekdays()), 422 if errors else 200


def _window_form(form) -> tuple[dict[str, str], dict[str, Any], dict[str, str]]:
    """A window's form as typed, as the operation's values, and what could not be read."""
    fields = ("weekday", "starts", "ends", "valid_from", "valid_to")
    typed = {name: form.get(name, "").strip() for name in fields}
    typed["by_agreement"] = "on" if form.get("by_agreement") == "on" else ""
    errors: dict[str, str] = {}
    parsed: dict[str, Any] = {"by_agreement": typed["by_agreement"] == "on",
                              "weekday": int(typed["weekday"]) if typed["weekday"].isdigit()
                              else -1}
    for name in ("starts", "ends"):
        try:
            parsed[name] = time.fromisoformat(typed[name])
        except ValueError:
            errors[name] = _("Give the time as hours and minutes, e.g. 17:00.")
    for name in ("valid_from", "valid_to"):
        try:
            parsed[name] = date.fromisoformat(typed[name]) if typed[name] else None
        except ValueError:
            errors[name] = _("Give the day as a date.")
    return typed, parsed, errors


def _weekdays() -> list[str]:
    return list(get_day_names("wide", locale=format_locale()).values())


@bp.post("/saksbehandling/rom/<int:room_id>/del")
def split_room(room_id: int) -> ResponseReturnValue:
    return _change_halves(room_id, units.split)


@bp.post("/saksbehandling/rom/<int:room_id>/sla-sammen")
def join_room(room_id: int) -> ResponseReturnValue:
    return _change_halves(room_id, units.join)


def _change_halves(room_id: int, change) -> ResponseReturnValue:
    """Split or join; a refusal (bookings to come) is explained on the room's page."""
    officer = page_user(lambda user: user.can_edit_catalogue)
    room = db.session.get(Room, room_id) or abort(404)
    try:
        change(officer, room_id)
    except AppError as refused:
        return _room_page(room, editing.room_values(room), {"halves": refused.message})
    return redirect(url_for("administration.edit_room", room_id=room_id, lagret=1,
                            _anchor="halves-title"), code=303)


@bp.post("/saksbehandling/vinduer/<int:window_id>/fjern")
def remove_window(window_id: int) -> ResponseReturnValue:
    officer = page_user(lambda user: user.can_edit_catalogue)
    window = db.session.get(RentalWindow, window_id)
    if window is None:
        abort(404)
    room_id = window.room_id
    editing.remove_window(officer, window_id)
    return redirect(url_for("administration.edit_room", room_id=room_id, lagret=1), code=303)


def _room_changes(form) -> tuple[dict[str, Any], dict[str, str]]:
    """The form as the operation's changes; a capacity that is not a number is refused here."""
    changes: dict[str, Any] = {"name": form.get("name", ""), "rules": form.get("rules", ""),
                               "facilities": form.getlist("facility"),
                               "requires_approval": form.get("requires_approval") == "on",
                               "is_active": form.get("is_active") == "on"}
    errors: dict[str, str] = {}
    raw = form.get("capacity", "").strip()
    if raw.isdigit():
        changes["capacity"] = int(raw)
    else:
        errors["capacity"] = _("The capacity is a whole number of people.")
        changes["capacity"] = raw
    return changes, errors


@bp.get("/saksbehandling/katalog")
def catalogue() -> ResponseReturnValue:
    """Every school and its rooms, each with a link to edit it."""
    page_user(lambda user: user.can_edit_catalogue)
    buildings = db.session.scalars(select(Building).order_by(Building.name)).all()
    return render_template("administration/catalogue.html", buildings=buildings)


@bp.route("/saksbehandling/bygg/<int:building_id>", methods=["GET", "POST"])
def edit_building(building_id: int) -> ResponseReturnValue:
    """A school's name, address, area, description and contact."""
    officer = page_user(lambda user: user.can_edit_catalogue)
    building = db.session.get(Building, building_id) or abort(404)
    errors: dict[str, str] = {}
    form = {name: value or "" for name, value in editing.building_values(building).items()}
    if request.method == "POST":
        form = {name: request.form.get(name, "") for name in editing.BUILDING_FIELDS}
        try:
            editing.update_building(officer, building_id, form)
        except AppError as refused:
            errors = dict(refused.details or {}) or {"name": refused.message}
        else:
            return redirect(url_for("administration.edit_building", building_id=building_id,
                                    lagret=1), code=303)
    return render_template("administration/building.html", building=building, form=form,
                           errors=errors, saved=request.args.get("lagret") == "1"
                           and not errors), 422 if errors else 200
