"""The front page: the municipality's schools."""

from __future__ import annotations

from flask import Blueprint, render_template

from booking.facilities.operations import list_buildings

bp = Blueprint("schools", __name__)  # the API blueprint is "facilities"


@bp.get("/")
def index() -> str:
    return render_template("facilities/index.html", buildings=list_buildings())
