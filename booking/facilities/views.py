"""The front page and the school pages."""

from __future__ import annotations

from flask import Blueprint, abort, render_template

from booking.core.db import db
from booking.facilities.labels import room_type_label
from booking.facilities.models import Building
from booking.facilities.operations import list_buildings

bp = Blueprint("schools", __name__)  # the API blueprint is "facilities"
bp.add_app_template_filter(room_type_label, "room_type_label")
bp.add_app_template_filter(room_type_label, "facility_label")  # one table of labels for both


@bp.get("/")
def index() -> str:
    return render_template("facilities/index.html", buildings=list_buildings())


@bp.get("/skoler/<int:building_id>")
def school(building_id: int) -> str:
    """A school: where it is, whom to ask, and its rooms (each links to its own page
    with prices and the week to book from)."""
    building = db.session.get(Building, building_id) or abort(404)
    rooms = sorted((r for r in building.rooms if r.is_active), key=lambda r: r.name)
    return render_template("facilities/school.html", building=building, rooms=rooms)
