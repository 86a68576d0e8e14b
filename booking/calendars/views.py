"""Calendars: a booking's dates as an .ics file, and calendar feeds: the page where a user
makes, renews and revokes their feed addresses, and the feed itself at its secret
address (no login: the address is the key), with ETag, Last-Modified and 304."""

from __future__ import annotations

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from booking.accounts.auth import page_user, session_user
from booking.calendars import feeds
from booking.calendars.bookings import booking_ics
from booking.calendars.models import FeedScope
from booking.core.errors import AppError
from booking.reservations.bookings import get_booking

bp = Blueprint("calendars", __name__)
NEW_ADDRESS = "new_feed_address"


@bp.get("/mine-bookinger/<int:booking_id>.ics")
def booking_file(booking_id: int) -> ResponseReturnValue:
    user = session_user()
    if user is None:
        return redirect(url_for("account.login", next=request.path))
    booking = get_booking(user, booking_id)  # the same access rule as the booking's page
    return Response(booking_ics(booking), mimetype="text/calendar", headers={
        "Content-Disposition": f'attachment; filename="booking-{booking.id}.ics"'})


def feed_url(token: str) -> str:
    return url_for("calendars.feed", token=token, _external=True)


@bp.get("/kalender")
def subscriptions() -> ResponseReturnValue:
    user = page_user()
    return render_template("calendars/subscriptions.html", feeds=feeds.mine(user),
                           targets=feeds.targets(user), name_of=feeds.target_name,
                           new_address=session.pop(NEW_ADDRESS, None))


@bp.post("/kalender")
def subscribe() -> ResponseReturnValue:
    user = page_user()
    scope, _sep, target = request.form.get("target", "").partition(":")
    try:
        _feed, token = feeds.create(user, FeedScope(scope), int(target))
    except (ValueError, AppError):
        flash(_("Choose one of the calendars in the list."))
        return redirect(url_for("calendars.subscriptions"), code=303)
    session[NEW_ADDRESS] = feed_url(token)
    return redirect(url_for("calendars.subscriptions"), code=303)


@bp.post("/kalender/<int:feed_id>/forny")
def renew(feed_id: int) -> ResponseReturnValue:
    _feed, token = feeds.renew(page_user(), feed_id)
    session[NEW_ADDRESS] = feed_url(token)
    flash(_("The old address no longer works. Give your calendar the new one."))
    return redirect(url_for("calendars.subscriptions"), code=303)


@bp.post("/kalender/<int:feed_id>/slett")
def revoke(feed_id: int) -> ResponseReturnValue:
    feeds.revoke(page_user(), feed_id)
    flash(_("The address no longer works."))
    return redirect(url_for("calendars.subscriptions"), code=303)


@bp.get("/kalender/<token>.ics")
def feed(token: str) -> ResponseReturnValue:
    found = feeds.by_token(token)
    if found is None:
        abort(404)
    version = feeds.version(found.scope, found.target_id)
    headers = {"ETag": f'"{version.tag}"', "Cache-Control": "private, max-age=300",
               "Last-Modified": version.last_modified.strftime("%a, %d %b %Y %H:%M:%S GMT")}
    since = request.if_modified_since
    if version.tag in request.if_none_match or (
            not request.if_none_match and since is not None and version.last_modified <= since):
        return Response(status=304, headers=headers)
    return Response(feeds.body(found, version), mimetype="text/calendar", headers=headers)
