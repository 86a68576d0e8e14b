"""GET /api/v1/rooms: the room search, answered from the catalogue snapshot."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint

from booking import catalogue
from booking.catalogue.snapshot import RoomCard
from booking.facilities.schemas import RoomBriefSchema, RoomQuerySchema

blp = Blueprint("catalogue", __name__, url_prefix="/api/v1",
                description="Find rooms by size, facilities, type, school or area")


@blp.get("/rooms")
@blp.arguments(RoomQuerySchema, location="query")
@blp.response(200, RoomBriefSchema(many=True))
def list_rooms(args: dict[str, Any]) -> list[RoomCard]:
    """Rooms, filtered by minimum capacity, facilities (all given), type, building or area.

    The area matches case-insensitively and exactly ("jar" finds Jar, not Jaren).
    """
    return catalogue.current().find_rooms(
        min_capacity=args.get("capacity"), facilities=args.get("facility", ()),
        room_type=args.get("room_type"), building_id=args.get("building_id"),
        area=args.get("area"))
