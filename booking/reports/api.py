"""Utilisation for case officers in the API: the same figures as the page, as JSON or CSV."""

from __future__ import annotations

from flask import Response
from flask_smorest import Blueprint

from booking.accounts.auth import require_user
from booking.reports import export, queries
from booking.reports.schemas import UtilisationQuerySchema, UtilisationSchema

blp = Blueprint("utilisation", __name__, url_prefix="/api/v1",
                description="Utilisation of the buildings, for case officers")

BEARER: list[dict[str, list[str]]] = [{"bearerAuth": []}]


@blp.get("/utilisation")
@blp.arguments(UtilisationQuerySchema, location="query")
@blp.response(200, UtilisationSchema)
@blp.doc(security=BEARER)
def utilisation(args):
    """The share of the rentable unit-hours (regular windows less closures and public
    holidays) booked and used, by week, weekday and hour, and school, with the emptiest
    evenings; by-agreement hours apart. ``format=csv`` gives the same as CSV (';', BOM)."""
    user = require_user()
    scope = queries.Scope(args.get("building_id"), args.get("room_type"))
    report = queries.report(user, scope, args["from_"], args["to"])
    if args["format"] == "csv":
        return csv_response(report)
    return export.as_dict(report)


def csv_response(report: queries.Report) -> Response:
    name = f"utnyttelse-{report.figures.first.isoformat()}-{report.figures.last.isoformat()}"
    return Response(export.to_csv(report), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
