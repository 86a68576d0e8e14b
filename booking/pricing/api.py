from __future__ import annotations

from flask_smorest import Blueprint

from booking.core.db import utcnow
from booking.core.timeutil import local_date_of
from booking.pricing import operations
from booking.pricing.schemas import PriceQuerySchema, PricesSchema

blp = Blueprint("pricing", __name__, url_prefix="/api/v1",
                description="Price lists and the cancellation policy")


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
