"""The caretaker's pages, phone first: my buildings, and a building's day sheet where
each visit is marked "came" or "did not come". Printable on one A4 page."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from booking.accounts.auth import page_user
from booking.caretaking import checkin, daysheet
from booking.core.db import db, utcnow
from booking.core.errors import AppError
from booking.core.timeutil import local_date_of
from booking.facilities.models import Building, Room

bp = Blueprint("caretaker", __name__)  # the API blueprint is "caretaking"
# The organisation page (organisations) shows case officers its no-shows.
bp.add_app_template_global(checkin.attendance_of, "attendance_of")


@bp.get("/vaktmester")
def buildings() -> ResponseReturnValue:
    user = page_user()
    mine = daysheet.buildings_of(user)
    if not mine:
        abort(403)
    today = local_date_of(utcnow())
    return render_template("caretaking/buildings.html", buildings=mine, today=today,
                           tomorrow=today + timedelta(days=1))


@bp.get("/vaktmester/<int:building_id>")
def day_sheet(building_id: int) -> ResponseReturnValue:
    user = page_user()
    building = db.session.get(Building, building_id)
    if building is None:
        abort(404)
    if not daysheet.may_see(user, building_id):
        abort(403)
    today = local_date_of(utcnow())
    try:
        day = date.fromisoformat(request.args.get("dato", "")) if request.args.get("dato") else today
    except ValueError:
        day = today
    visits = daysheet.day_sheet(user, building_id, day)
    rooms = {r.id: r for r in db.session.query(Room).filter(Room.building_id == building_id)}
    return render_template("caretaking/day_sheet.html", building=building, day=day, today=today,
                           visits=visits, rooms=rooms, previous_day=day - timedelta(days=1),
                           next_day=day + timedelta(days=1), may_mark=day <= today)


@bp.get("/vaktmester/<int:building_id>/uke")
def week(building_id: int) -> ResponseReturnValue:
    """The building's week (or one room's: ``?rom=<id>``), paged by week, cancelled dates
    marked."""
    user = page_user()
    building = db.session.get(Building, building_id)
    if building is None:
        abort(404)
    if not daysheet.may_see(user, building_id):
        abort(403)
    today = local_date_of(utcnow())
    try:
        shown = date.fromisoformat(request.args.get("uke", "")) if request.args.get("uke") else today
    except ValueError:
        shown = today
    monday = shown - timedelta(days=shown.weekday())
    rooms = sorted(db.session.query(Room).filter(Room.building_id == building_id),
                   key=lambda r: r.name)
    room_id = request.args.get("rom", type=int)
    if room_id is not None and room_id not in {r.id for r in rooms}:
        room_id = None
    return render_template("caretaking/week.html", building=building, monday=monday,
                           days=daysheet.week(user, building_id, monday, room_id), rooms=rooms,
                           room_id=room_id, today=today, previous_week=monday - timedelta(days=7),
                           next_week=monday + timedelta(days=7))


@bp.post("/vaktmester/oppmote/<int:occurrence_id>")
def check_in(occurrence_id: int) -> ResponseReturnValue:
    user = page_user()
    came = request.form.get("came") == "yes"
    try:
        occurrence = checkin.check_in(user, occurrence_id, came=came,
                                      note=request.form.get("note", "")[:2000])
    except AppError as refused:
        flash(refused.message)
        return redirect(url_for("caretaker.buildings"), code=303)
    flash(_("Marked: came.") if came else _("Marked: did not come."))
    building_id = occurrence.booking.room.building_id
    return redirect(url_for("caretaker.day_sheet", building_id=building_id,
                            dato=local_date_of(occurrence.starts_at).isoformat(),
                            _anchor=f"visit-{occurrence_id}"), code=303)
