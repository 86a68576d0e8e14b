"""The booking pages: search for free rooms, book, and the user's own bookings.

Thin: each view reads its form with the API's schema (``core.forms``), calls the
same operation as the API and renders the result or the operation's error next
to the form. Nothing here decides what may be booked.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from werkzeug.datastructures import MultiDict

from booking import catalogue
from booking.accounts.auth import session_user
from booking.core import uow
from booking.core.db import db, utcnow
from booking.core.errors import AppError
from booking.core.forms import read_form
from booking.core.templating import hhmm, nok
from booking.core.timeutil import local_date_of
from booking.facilities.labels import FACILITY_LABELS, ROOM_TYPE_LABELS
from booking.facilities.models import Room
from booking.organisations.models import Organisation
from booking.pricing.models import category_label
from booking.reservations import availability, bookings, cancellations, moves, schedule
from booking.reservations.bookings import list_bookings, organisation_for_booking
from booking.reservations.models import (
    BookingStatus,
    ConflictPolicy,
    approval_reason_label,
    pays_by_card,
    status_label,
)
from booking.reservations.planning import Outcome, SlotVerdict
from booking.reservations.schemas import AvailabilityQuerySchema, BookingCreateSchema, MoveSchema

bp = Blueprint("bookings", __name__)  # the API blueprint is "reservations"
bp.add_app_template_filter(status_label, "status_label")
bp.add_app_template_filter(approval_reason_label, "approval_reason")
bp.add_app_template_filter(category_label, "category_label")

# Which field an operation's error belongs next to.
ERROR_FIELDS = {"end_before_start": "end", "over_capacity": "attendees", "in_the_past": "date",
                "too_far_ahead": "date",
                "series_ends_before_start": "repeat_weekly_until",
                "series_too_long": "repeat_weekly_until", "nonexistent_local_time": "start",
                "not_a_member": "organisation_id"}


@bp.app_template_filter("verdict_reason")
def verdict_reason(verdict: SlotVerdict) -> str:
    """Why a date cannot be booked, in words (closures and holidays carry their name)."""
    if verdict.outcome is Outcome.TAKEN:
        return _("already booked")
    if verdict.outcome is Outcome.OUTSIDE_RENTAL_HOURS:
        return _("outside the rental hours")
    return verdict.reason


def search_options() -> dict[str, Any]:
    """What the search form offers: from the catalogue, in the page's language."""
    known = catalogue.current()
    buildings = {room.building.id: room.building for room in known.rooms.values()
                 if room.is_active}
    user = session_user()
    return {
        "room_types": {code: str(label) for code, label in ROOM_TYPE_LABELS.items()},
        "facilities": {code: str(label) for code, label in FACILITY_LABELS.items()},
        "areas": sorted({b.area for b in buildings.values()}),
        "buildings": sorted(buildings.values(), key=lambda b: b.name),
        "organisations": _bookable_organisations(user) if user else [],
    }


def _bookable_organisations(user) -> list[Organisation]:
    return sorted((m.organisation for m in user.memberships
                   if m.organisation.can_book_for(user)), key=lambda o: o.name)


def default_search() -> MultiDict:
    """A sensible first search: next week's same weekday, 18:00–20:00."""
    day = local_date_of(utcnow()) + timedelta(days=7)
    return MultiDict({"date": day.isoformat(), "start": "18:00", "end": "20:00",
                      "attendees": "10"})


def weekly_without_end(form: MultiDict) -> dict[str, str]:
    """A weekly series needs its last date; a date left in the field without the box
    ticked is dropped (one date is meant)."""
    if form.get("weekly") != "on":
        form.pop("repeat_weekly_until", None)
        return {}
    if not form.get("repeat_weekly_until", "").strip():
        return {"repeat_weekly_until": _("Give the last date of the series.")}
    return {}


def submitted() -> MultiDict:
    """What the user sent: the posted form on a POST (never mixed with the address's query
    string, which still holds what the page was opened with), the query string on a GET."""
    return MultiDict(request.form if request.method == "POST" else request.args)


def _time_request(values: dict[str, Any]) -> availability.TimeRequest:
    return availability.TimeRequest(values["date"], values["start"], values["end"],
                                     values.get("repeat_weekly_until"))


# A municipality has hundreds of rooms: results come a page at a time.
RESULTS_PER_PAGE = 20


@bp.get("/sok")
def search() -> ResponseReturnValue:
    """Free rooms for one date or a weekly slot. A GET form: works without JavaScript,
    and a search can be bookmarked or shared."""
    form = request.args.copy()
    series_error = weekly_without_end(form)
    result = read_form(AvailabilityQuerySchema(), form)
    if series_error:
        result.errors.update(series_error)
        result.values = None
    offers, error = [], None
    if result.values is not None:
        values = result.values
        try:
            user = session_user()
            organisation = (organisation_for_booking(user, values.get("organisation_id"))
                            if user else None)
            offers = availability.search_availability(
                _time_request(values), availability.SearchFilters(
                    min_capacity=values.get("capacity"), facilities=tuple(values.get("facility", ())),
                    room_type=values.get("room_type"), building_id=values.get("building_id"),
                    area=values.get("area")),
                attendees=values["attendees"], organisation=organisation)
        except AppError as refused:
            error = refused.message
            if refused.code in ERROR_FIELDS:
                result.errors[ERROR_FIELDS[refused.code]] = refused.message
    status = 422 if (result.errors or error) else 200
    pages = max(1, -(-len(offers) // RESULTS_PER_PAGE))
    page = min(max(request.args.get("side", 1, type=int), 1), pages)
    shown = offers[(page - 1) * RESULTS_PER_PAGE: page * RESULTS_PER_PAGE]
    return render_template("reservations/search.html", form=form, errors=result.errors,
                           error=error, offers=shown, found=len(offers), page=page, pages=pages,
                           searched=result.ok and not error), status


# The booking form's fields beyond the time: read with BookingCreateSchema too.
BOOKING_FIELDS = {"room_id", "date", "start", "end", "repeat_weekly_until", "attendees",
                  "organisation_id", "purpose", "contact_name", "contact_phone", "on_conflict"}


@bp.route("/bestill", methods=["GET", "POST"])
def book() -> ResponseReturnValue:
    """One page from the quote to the confirmation: the slot (or series) and its price,
    the skipped dates with their reason, who it is for, a contact for the day, the
    conditions; then confirm. A payment step slots in after the booking is made (it
    is then awaiting payment and the receipt page sends the user on to pay)."""
    user = session_user()
    if user is None:
        return redirect(url_for("account.login", next=request.full_path))
    form = submitted()
    series_error = weekly_without_end(form)
    form.setdefault("contact_name", user.name)
    form.setdefault("contact_phone", user.phone)
    # First the time, who for and how many: enough to quote (the purpose comes with the
    # confirmation).
    timing = read_form(BookingCreateSchema(partial=("purpose",)), form,
                       only={"room_id", "date", "start", "end", "repeat_weekly_until",
                             "attendees", "organisation_id"})
    if timing.values is None and "room_id" in timing.errors:
        abort(404)
    plan, error, errors = None, None, dict(timing.errors) | series_error
    organisation = None
    room = None
    if "room_id" not in errors:
        room = catalogue.current().room(int(form["room_id"]))
    if request.method == "GET":
        form.setdefault("attendees", "1")  # a first guess the page shows, to be corrected
    elif not form.get("attendees", "").strip():  # left empty: asked, never assumed
        errors["attendees"] = _("This field is required.")
    if timing.values is not None and room is not None and "attendees" not in errors:
        values = timing.values
        try:
            bookings.check_capacity(room, values["attendees"])
            organisation = organisation_for_booking(user, values.get("organisation_id"))
            plan = availability.plan_booking(
                room, _time_request(values), attendees=values["attendees"],
                organisation=organisation, now=utcnow())
            if not plan.bookable:
                availability.raise_refusal(room, plan.refused)
        except AppError as refused:
            error = refused.message
            if refused.code in ERROR_FIELDS:
                errors[ERROR_FIELDS[refused.code]] = refused.message
    if request.method == "POST" and "requote" not in form and plan is not None and plan.bookable:
        response = _confirm(user, form, plan, errors)
        if response is not None:
            return response
        error = errors.pop("_form", None) or error
    status = 422 if (errors or error) else 200
    return render_template("reservations/book.html", form=form, room=room, plan=plan,
                           errors=errors, error=error, options=search_options(),
                           quoted=quote_key(form, plan) if plan else "",
                           pays_by_card=bool(plan and not plan.requires_approval and
                                             pays_by_card(plan.quote.total_ore, organisation)),
                           policy=plan.price_list.policy if plan else None), status


def quote_key(form: MultiDict, plan: availability.Plan) -> str:
    """What the page showed: the request and its price. A confirmation of anything else
    (another date typed in, another organisation chosen) is shown again first."""
    return "|".join([*(form.get(name, "") for name in (
        "room_id", "date", "start", "end", "repeat_weekly_until", "attendees",
        "organisation_id")), str(plan.quote.total_ore)])


def _confirm(user, form: MultiDict, plan: availability.Plan,
             errors: dict[str, str]) -> ResponseReturnValue | None:
    """Book what the page showed, or put the reasons it cannot into ``errors``."""
    if plan.refused and form.get("skip_unbookable") == "on":
        form["on_conflict"] = ConflictPolicy.SKIP.value
    result = read_form(BookingCreateSchema(), form, only=BOOKING_FIELDS)
    errors.update(result.errors)
    if form.get("accept_rules") != "on":
        errors["accept_rules"] = _("Accept the rules for use to book.")
    if quote_key(form, plan) != form.get("quoted"):
        # What was shown is what is booked: a changed time, organisation or number of
        # people gets its quote on the page first.
        errors["_form"] = _("The booking or its price has changed since the page was shown. "
                            "Check it and confirm again.")
    if plan.refused and result.values and \
            result.values["on_conflict"] == ConflictPolicy.REFUSE.value:
        errors["skip_unbookable"] = _("Some dates cannot be booked. Tick the box to book the "
                                      "others, or change the dates.")
    if errors or result.values is None:
        return None
    values = result.values
    try:
        booking, _created = bookings.create_booking(user, bookings.BookingRequest(
            room_id=values["room_id"], time=_time_request(values), purpose=values["purpose"],
            attendees=values["attendees"], organisation_id=values.get("organisation_id"),
            conflict_policy=ConflictPolicy(values["on_conflict"]),
            contact_name=values["contact_name"].strip(),
            contact_phone=values["contact_phone"].strip()))
    except AppError as refused:
        uow.rollback()  # e.g. someone took the slot a moment ago: start the page afresh
        errors["_form"] = refused.message
        return None
    return _after_booking(booking, _("The room is booked."))


def _after_booking(booking, done: str) -> ResponseReturnValue:
    """On to the payment page when it is paid by card, else to the booking's page."""
    if booking.is_awaiting_payment:
        return redirect(url_for("payments.pay", booking_id=booking.id), code=303)
    flash(_("The request is sent. A case officer will answer you by e-mail.")
          if booking.status is BookingStatus.PENDING_APPROVAL else done)
    return redirect(url_for("bookings.booking_detail", booking_id=booking.id), code=303)


@bp.get("/mine-bookinger/<int:booking_id>")
def booking_detail(booking_id: int) -> ResponseReturnValue:
    """The receipt and the booking's page: its dates and what can be done with them."""
    user = session_user()
    if user is None:
        return redirect(url_for("account.login", next=request.path))
    booking = bookings.get_booking(user, booking_id)
    now = utcnow()
    may_change = booking.can_cancel(user)
    return render_template("reservations/booking.html", booking=booking, now=now,
                           room=catalogue.current().rooms[booking.room_id],
                           policy=cancellations.policy_of(booking),
                           may_cancel=may_change and booking.is_active,
                           movable=may_change and moves.movable_occurrence(booking, now) is not None)


@bp.route("/mine-bookinger/<int:booking_id>/avbestill", methods=["GET", "POST"])
def cancel(booking_id: int) -> ResponseReturnValue:
    """Cancel one date (``?date=<occurrence id>``) or every remaining date: first the
    dates and the refund the policy gives, then, on confirmation, the cancellation."""
    user = session_user()
    if user is None:
        return redirect(url_for("account.login", next=request.full_path))
    booking = bookings.get_booking(user, booking_id)
    if not booking.can_cancel(user):  # seeing a booking is not changing it
        abort(403)
    occurrence_id = None
    form = submitted()
    if "date" in form:  # one date; a bad or unknown one is not "all of them"
        occurrence_id = form.get("date", type=int)
        if not any(o.id == occurrence_id for o in booking.occurrences):
            abort(404)
    chosen = ([o for o in booking.occurrences if o.id == occurrence_id] if occurrence_id
              else booking.occurrences)
    refunds = cancellations.refunds(booking, chosen)
    if request.method == "POST":
        result = (cancellations.cancel_occurrence(user, booking, occurrence_id) if occurrence_id
                  else cancellations.cancel_booking(user, booking))
        flash(ngettext("%(num)s date is cancelled. You get %(amount)s back.",
                       "%(num)s dates are cancelled. You get %(amount)s back.",
                       len(result.cancelled), amount=nok(result.refund_ore))
              if result.refund_ore else
              ngettext("%(num)s date is cancelled.", "%(num)s dates are cancelled.",
                       len(result.cancelled)))
        return redirect(url_for("bookings.booking_detail", booking_id=booking.id), code=303)
    return render_template("reservations/cancel.html", booking=booking, refunds=refunds,
                           occurrence_id=occurrence_id,
                           room=catalogue.current().rooms[booking.room_id])


@bp.route("/mine-bookinger/<int:booking_id>/flytt", methods=["GET", "POST"])
def move(booking_id: int) -> ResponseReturnValue:
    """Move a one-date booking: choose the new time (and room), see its price and whether
    it needs approval, then confirm. The old slot is kept until the new one is confirmed."""
    user = session_user()
    if user is None:
        return redirect(url_for("account.login", next=request.full_path))
    booking = bookings.get_booking(user, booking_id)
    if not booking.can_cancel(user):
        abort(403)
    now = utcnow()
    current = moves.movable_occurrence(booking, now)
    known = catalogue.current()
    old_room = known.rooms[booking.room_id]
    form = submitted()
    if current is not None:
        form.setdefault("room_id", str(booking.room_id))
        form.setdefault("date", local_date_of(current.starts_at).isoformat())
        form.setdefault("start", hhmm(current.starts_at))
        form.setdefault("end", hhmm(current.ends_at))
    result = read_form(MoveSchema(), form)
    errors, error, plan = dict(result.errors), None, None
    checked = "date" in submitted()  # the user asked for the new time's price
    if current is not None and result.values is not None and checked:
        values = result.values
        time = availability.TimeRequest(values["date"], values["start"], values["end"])
        room = known.room(values.get("room_id") or booking.room_id)
        try:
            if request.method == "POST":
                new = moves.move_booking(user, booking, room_id=room.id, time=time, now=now)
                if new.is_pending_approval:
                    flash(_("The request for the new time is sent. You keep the old time until "
                            "a case officer approves the new one."))
                    return redirect(url_for("bookings.booking_detail", booking_id=new.id), code=303)
                return _after_booking(new, _("The booking is moved."))
            plan = moves.preview(user, booking, room_id=room.id, time=time, now=now)
            if not plan.bookable:
                availability.raise_refusal(room, plan.refused)
        except AppError as refused:
            uow.rollback()
            error, plan = refused.message, None
            if refused.code in ERROR_FIELDS:
                errors[ERROR_FIELDS[refused.code]] = refused.message
    rooms = sorted((r for r in known.rooms.values()
                    if r.building_id == old_room.building_id and r.is_active), key=lambda r: r.name)
    status = 422 if (errors or error) else 200
    return render_template("reservations/move.html", booking=booking, current=current,
                           old_room=old_room, rooms=rooms, form=form, errors=errors,
                           error=error, plan=plan), status


@bp.get("/rom/<int:room_id>")
def room_page(room_id: int) -> ResponseReturnValue:
    """A room: what it is and costs, its rules, and a week of free, busy and closed time
    to book from, paged by week (``?uke=<any date in the week>``)."""
    known = catalogue.current()
    room = known.room(room_id)
    today = local_date_of(utcnow())
    asked = request.args.get("uke", type=date.fromisoformat) if request.args.get("uke") else None
    # From a year back to the booking horizon: further out there is nothing to show.
    horizon = today + timedelta(days=current_app.config["BOOKING_HORIZON_DAYS"])
    shown = min(max(asked or today, today - timedelta(days=365)), horizon)
    monday = shown - timedelta(days=shown.weekday())
    facts = db.session.get(Room, room_id)
    user = session_user()
    try:
        rates = known.price_list_on(max(monday, today)).rates
    except AppError:  # no price list in force yet that far ahead
        rates = {}
    prices = [(category, rate) for (room_type, category), rate in rates.items()
              if room_type == room.room_type]
    return render_template(
        "reservations/room.html", room=room, facts=facts, week=schedule.week(room, monday, utcnow()),
        monday=monday, sunday=monday + timedelta(days=6), now=utcnow(), prices=prices,
        show_access=bool(user and bookings.has_booking_in_building(user, room.building_id,
                                                                   utcnow())),
        previous_week=monday - timedelta(days=7), next_week=monday + timedelta(days=7),
        this_week=today - timedelta(days=today.weekday()))


@bp.get("/mine-bookinger")
def my_bookings() -> ResponseReturnValue:
    user = session_user()
    if user is None:
        return redirect(url_for("account.login", next=request.path))
    now = utcnow()
    upcoming, past = [], []
    for booking in list_bookings(user):
        next_date = next((o for o in booking.occurrences if o.is_scheduled and o.ends_at > now),
                         None)
        if booking.is_active and next_date is not None:
            upcoming.append((next_date.starts_at, booking))
        else:
            past.append(booking)
    upcoming.sort(key=lambda item: item[0])
    return render_template("reservations/my_bookings.html", upcoming=upcoming, past=past)




@bp.app_context_processor
def _search_form_options() -> dict[str, Any]:
    # The front page (facilities) shows the search form too, without importing upwards.
    return {"search_options": search_options, "default_search": default_search}
