from __future__ import annotations

from datetime import timedelta

from flask_smorest import Blueprint

from booking.accounts.auth import require_user
from booking.caretaking import checkin, daysheet
from booking.caretaking.schemas import (
    CheckedInSchema,
    CheckInSchema,
    DaySheetQuerySchema,
    VisitSchema,
    WeekDaySchema,
    WeekQuerySchema,
)
from booking.facilities.operations import get_building

blp = Blueprint("caretaking", __name__, url_prefix="/api/v1",
                description="Caretakers: who comes when, and who came")

BEARER: list[dict[str, list[str]]] = [{"bearerAuth": []}]


@blp.get("/buildings/<int:building_id>/day-sheet")
@blp.arguments(DaySheetQuerySchema, location="query")
@blp.response(200, VisitSchema(many=True))
@blp.doc(security=BEARER)
def day_sheet(args, building_id: int):
    """The day's visits to a building, in time order (its caretakers and case officers)."""
    user = require_user()
    get_building(building_id)
    return daysheet.day_sheet(user, building_id, args["date"])


@blp.get("/buildings/<int:building_id>/week")
@blp.arguments(WeekQuerySchema, location="query")
@blp.response(200, WeekDaySchema(many=True))
@blp.doc(security=BEARER)
def week(args, building_id: int):
    """The week from the Monday of ``date``: each day's visits (optionally of one room)."""
    user = require_user()
    get_building(building_id)
    monday = args["date"] - timedelta(days=args["date"].weekday())
    return [{"date": day, "visits": visits}
            for day, visits in daysheet.week(user, building_id, monday, args.get("room_id"))]


@blp.post("/occurrences/<int:occurrence_id>/check-in")
@blp.arguments(CheckInSchema)
@blp.response(200, CheckedInSchema)
@blp.doc(security=BEARER)
def check_in(args, occurrence_id: int):
    """Mark a date: came, or did not come (a no-show), with an optional note."""
    return checkin.check_in(require_user(), occurrence_id, came=args["came"], note=args["note"])
