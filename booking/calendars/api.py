from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint

from booking.accounts.auth import require_user
from booking.calendars import feeds
from booking.calendars.models import FeedScope, FeedToken
from booking.calendars.schemas import FeedCreateSchema, FeedSchema
from booking.calendars.views import feed_url

blp = Blueprint("calendar_feeds", __name__, url_prefix="/api/v1",
                description="Calendar feeds: secret addresses a phone's calendar subscribes to")

BEARER: list[dict[str, list[str]]] = [{"bearerAuth": []}]


def _shown(feed: FeedToken, token: str | None = None) -> dict[str, Any]:
    return {"id": feed.id, "scope": feed.scope.value, "target_id": feed.target_id,
            "name": feeds.target_name(feed.scope, feed.target_id), "created_at": feed.created_at,
            **({"url": feed_url(token)} if token else {})}


@blp.get("/calendar-feeds")
@blp.response(200, FeedSchema(many=True))
@blp.doc(security=BEARER)
def list_feeds():
    """My calendar addresses (without the secret part, which is shown only once)."""
    return [_shown(feed) for feed in feeds.mine(require_user())]


@blp.post("/calendar-feeds")
@blp.arguments(FeedCreateSchema)
@blp.response(201, FeedSchema)
@blp.doc(security=BEARER)
def create_feed(args):
    """A new address for my bookings, an organisation's, or a building's or room's that I
    look after."""
    feed, token = feeds.create(require_user(), FeedScope(args["scope"]), args["target_id"])
    return _shown(feed, token)


@blp.post("/calendar-feeds/<int:feed_id>/renew")
@blp.response(200, FeedSchema)
@blp.doc(security=BEARER)
def renew_feed(feed_id: int):
    """A new address for the same calendar; the old one answers 404 from now on."""
    feed, token = feeds.renew(require_user(), feed_id)
    return _shown(feed, token)


@blp.delete("/calendar-feeds/<int:feed_id>")
@blp.response(204)
@blp.doc(security=BEARER)
def revoke_feed(feed_id: int):
    """Stop the address: it answers 404 from now on."""
    feeds.revoke(require_user(), feed_id)
