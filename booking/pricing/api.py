from __future__ import annotations

from flask_smorest import Blueprint

from booking.accounts.auth import require_user
from booking.core.db import utcnow
from booking.core.timeutil import local_date_of
from booking.pricing import editing, operations
from booking.pricing.schemas import (
    NewPriceListSchema,
    PriceListChangesSchema,
    PriceListWithRatesSchema,
    PriceQuerySchema,
    PriceRateSchema,
    PricesSchema,
    RateInSchema,
)

blp = Blueprint("pricing", __name__, url_prefix="/api/v1",
                description="Price lists and the cancellation policy")

BEARER: list[dict[str, list[str]]] = [{"bearerAuth": []}]


@blp.get("/prices")
@blp.arguments(PriceQuerySchema, location="query")
@blp.response(200, PricesSchema)
def show_prices(args):
    """The price list in force, its rates (filtered by room type and category) and policy."""
    price_list = operations.price_list_on(args.get("date") or local_date_of(utcnow()))
    return {
        "price_list": price_list,
        "rates": operations.rates_for(price_list, args.get("room_type"), args.get("category")),
    }


@blp.get("/price-lists")
@blp.response(200, PriceListWithRatesSchema(many=True))
@blp.doc(security=BEARER)
def list_price_lists():
    """Every price list, newest first, with its rates (case officers and administrators)."""
    return editing.price_lists(require_user())


@blp.post("/price-lists")
@blp.arguments(NewPriceListSchema)
@blp.response(201, PriceListWithRatesSchema)
@blp.doc(security=BEARER)
def create_price_list(args):
    """A new price list from a day, starting from another list's policy and rates; from
    that day it replaces the list in force. Recorded in the audit log."""
    return editing.create_price_list(require_user(), args["name"], args["valid_from"],
                                     args["copy_from"])


@blp.patch("/price-lists/<int:price_list_id>")
@blp.arguments(PriceListChangesSchema)
@blp.response(200, PriceListWithRatesSchema)
@blp.doc(security=BEARER)
def update_price_list(changes, price_list_id: int):
    """Change a list's validity, VAT, supervisor rate or cancellation policy. A change the
    rules refuse (e.g. a partial-refund notice longer than the full one) gets 422 with a
    message per field and changes nothing."""
    return editing.update_price_list(require_user(), price_list_id, changes)


@blp.put("/price-lists/<int:price_list_id>/rates/<room_type>/<category>")
@blp.arguments(RateInSchema)
@blp.response(200, PriceRateSchema)
@blp.doc(security=BEARER)
def set_rate(rate, price_list_id: int, room_type: str, category: str):
    """Set (or add) the hourly rate and cleaning fee of a room type for a customer category."""
    return editing.set_rate(require_user(), price_list_id, room_type, category,
                            rate["hourly_ore"], rate["cleaning_fee_ore"])


@blp.delete("/price-lists/<int:price_list_id>/rates/<room_type>/<category>")
@blp.response(204)
@blp.doc(security=BEARER)
def remove_rate(price_list_id: int, room_type: str, category: str):
    """Remove a rate: that customer category cannot book that room type under this list."""
    editing.remove_rate(require_user(), price_list_id, room_type, category)
