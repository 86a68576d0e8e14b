"""The audit log in the API, for case officers and administrators."""

from __future__ import annotations

from flask_smorest import Blueprint

from booking.accounts.auth import require_user
from booking.administration import log
from booking.administration.schemas import AuditLogQuerySchema, AuditLogSchema, RoomChangesSchema
from booking.facilities import editing
from booking.facilities.schemas import RoomSchema

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


@blp.patch("/rooms/<int:room_id>")
@blp.arguments(RoomChangesSchema)
@blp.response(200, RoomSchema)
@blp.doc(security=BEARER)
def update_room(changes, room_id: int):
    """Change a room's name, capacity, rules, facilities, approval or whether it can be
    booked; recorded in the audit log. A change the rules refuse gets 422 with a message
    per field and changes nothing."""
    return editing.update_room(require_user(), room_id, changes)
