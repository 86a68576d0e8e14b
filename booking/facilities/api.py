from __future__ import annotations

from datetime import timedelta

from flask_babel import gettext as _
from flask_smorest import Blueprint

from booking.core.errors import InvalidInput
from booking.core.timeutil import local_day_span
from booking.facilities import operations
from booking.facilities.schemas import (
    BuildingQuerySchema,
    BuildingSchema,
    ClosureQuerySchema,
    ClosureSchema,
    RoomSchema,
)

blp = Blueprint("facilities", __name__, url_prefix="/api/v1",
                description="Schools, rooms, rental hours and closures")

MAX_LISTING_DAYS = 400


@blp.get("/buildings")
@blp.arguments(BuildingQuerySchema, location="query")
@blp.response(200, BuildingSchema(many=True))
def list_buildings(args):
    """Schools, optionally in one area (Sandvika, Bekkestua, Fornebu, ...).

    The area matches case-insensitively and exactly ("jar" finds Jar, not Jaren).
    """
    return operations.list_buildings(args.get("area"))


@blp.get("/buildings/<int:building_id>")
@blp.response(200, BuildingSchema)
def show_building(building_id: int):
    return operations.get_building(building_id)


@blp.get("/rooms/<int:room_id>")
@blp.response(200, RoomSchema)
def show_room(room_id: int):
    """A room with its facilities, rules, access instructions and rental hours."""
    return operations.get_room(room_id)


@blp.get("/closures")
@blp.arguments(ClosureQuerySchema, location="query")
@blp.response(200, ClosureSchema(many=True))
def list_closures(args):
    """School holidays and other closures overlapping a date range."""
    first, last = args["date_from"], args["date_to"]
    if last < first or last - first > timedelta(days=MAX_LISTING_DAYS):
        raise InvalidInput(_("Choose a date range of at most %(days)s days, ending after it starts.",
                             days=MAX_LISTING_DAYS), code="invalid_span")
    starts_at, ends_at = local_day_span(first, last)
    return operations.list_closures(starts_at, ends_at, args.get("building_id"))
