"""The audit log in the API, for case officers and administrators."""

from __future__ import annotations

from flask_smorest import Blueprint

from booking.accounts.auth import require_user
from booking.administration import log, units
from booking.administration.schemas import (
    AuditLogQuerySchema,
    AuditLogSchema,
    BuildingChangesSchema,
    RoomChangesSchema,
    WindowChangesSchema,
    WindowInSchema,
    WindowOutSchema,
)
from booking.facilities import editing
from booking.facilities.schemas import BuildingSchema, RoomSchema

blp = Blueprint("audit", __name__, url_prefix="/api/v1",
                description="Case officers: the audit log and catalogue editing")

BEARER: list[dict[str, list[str]]] = [{"bearerAuth": []}]


@blp.get("/audit-log")
@blp.arguments(AuditLogQuerySchema, location="query")
@blp.response(200, AuditLogSchema)
@blp.doc(security=BEARER)
def audit_log(args):
    """Who changed what in the catalogue, and every booking state change with who, when
    and why, merged newest first and paged."""
    user = require_user()
    return log.read_log(user, kind=args.get("kind"), first=args.get("from_"),
                        last=args.get("to"), page=args["page"], size=args["page_size"])


@blp.patch("/buildings/<int:building_id>")
@blp.arguments(BuildingChangesSchema)
@blp.response(200, BuildingSchema)
@blp.doc(security=BEARER)
def update_building(changes, building_id: int):
    """Change a school's name, address, area, description or contact; recorded in the audit
    log. A change the rules refuse gets 422 with a message per field and changes nothing."""
    return editing.update_building(require_user(), building_id, changes)


@blp.patch("/rooms/<int:room_id>")
@blp.arguments(RoomChangesSchema)
@blp.response(200, RoomSchema)
@blp.doc(security=BEARER)
def update_room(changes, room_id: int):
    """Change a room's name, capacity, rules, facilities, approval or whether it can be
    booked; recorded in the audit log. A change the rules refuse gets 422 with a message
    per field and changes nothing."""
    return editing.update_room(require_user(), room_id, changes)


@blp.post("/rooms/<int:room_id>/split")
@blp.response(201, RoomSchema(many=True))
@blp.doc(security=BEARER)
def split_room(room_id: int):
    """Divide an undivided room into two halves that can be booked apart (the room stays
    bookable as the whole); refused (409) while it has bookings still to come."""
    return units.split(require_user(), room_id)


@blp.post("/rooms/<int:room_id>/join")
@blp.response(200, RoomSchema)
@blp.doc(security=BEARER)
def join_room(room_id: int):
    """Join a divided room's halves again (they can no longer be booked); refused (409)
    while the room or a half has bookings still to come."""
    return units.join(require_user(), room_id)


@blp.post("/rooms/<int:room_id>/rental-windows")
@blp.arguments(WindowInSchema)
@blp.response(201, WindowOutSchema)
@blp.doc(security=BEARER)
def add_window(window, room_id: int):
    """Add a rental window to a room; refused (422) if it ends before it starts or overlaps
    another window of the room on the same weekday and dates."""
    return editing.add_window(require_user(), room_id, editing.WindowSpec(**window))


@blp.patch("/rental-windows/<int:window_id>")
@blp.arguments(WindowChangesSchema)
@blp.response(200, WindowOutSchema)
@blp.doc(security=BEARER)
def change_window(changes, window_id: int):
    """Change a rental window, with the same checks as adding one."""
    return editing.change_window(require_user(), window_id, changes)


@blp.delete("/rental-windows/<int:window_id>")
@blp.response(204)
@blp.doc(security=BEARER)
def remove_window(window_id: int):
    """Remove a rental window; bookings already made stay."""
    editing.remove_window(require_user(), window_id)
