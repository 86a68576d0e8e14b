"""The audit log in the API, for case officers and administrators."""

from __future__ import annotations

from flask_smorest import Blueprint

from booking.accounts.auth import require_user
from booking.administration import log
from booking.administration.schemas import AuditLogQuerySchema, AuditLogSchema

blp = Blueprint("audit", __name__, url_prefix="/api/v1",
                description="The audit log: catalogue changes and booking state changes")

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
