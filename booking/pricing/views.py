"""Case officers' price pages: the price lists, one list's policy and its rates, and a
new list from a day. Amounts are typed in kroner and kept in øre; the checks are the
API's (booking.pricing.editing). A refused form answers 422, so the request's unit of
work rolls back whatever of it had been applied."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from booking.accounts.auth import page_user
from booking.core.db import db, utcnow
from booking.core.errors import AppError
from booking.core.timeutil import local_date_of
from booking.facilities.labels import room_type_label
from booking.facilities.models import RoomType
from booking.pricing import editing
from booking.pricing.models import CustomerCategory, PriceList, category_label
from booking.pricing.money import kroner_field, parse_kroner
from booking.pricing.validity import in_force_on

bp = Blueprint("prices", __name__)

WHOLE_FIELDS = ("vat_percent", "full_refund_hours", "partial_refund_hours",
                "partial_refund_percent")


@bp.route("/saksbehandling/priser", methods=["GET", "POST"])
def price_lists() -> ResponseReturnValue:
    """The lists, the one in force today marked; a new list from a day."""
    editor = page_user(lambda user: user.can_edit_catalogue)
    form = {"name": request.form.get("name", "").strip(),
            "valid_from": request.form.get("valid_from", "").strip()}
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            valid_from: Any = date.fromisoformat(form["valid_from"])
        except ValueError:
            errors["valid_from"] = _("Give the first day as a date.")
        if not errors:
            try:
                created = editing.create_price_list(editor, form["name"], valid_from)
            except AppError as refused:
                errors = dict(refused.details or {}) or {"name": refused.message}
            else:
                return redirect(url_for("prices.price_list", price_list_id=created.id,
                                        lagret=1), code=303)
    lists = editing.price_lists(editor)
    today = local_date_of(utcnow())
    try:
        current = in_force_on(lists, today)
    except AppError:
        current = None
    return render_template("pricing/price_lists.html", lists=lists, current=current,
                           today=today, form=form, errors=errors), 422 if errors else 200


@bp.route("/saksbehandling/priser/<int:price_list_id>", methods=["GET", "POST"])
def price_list(price_list_id: int) -> ResponseReturnValue:
    """A list's name, validity, VAT, supervisor rate and cancellation policy."""
    editor = page_user(lambda user: user.can_edit_catalogue)
    price_list = db.session.get(PriceList, price_list_id) or abort(404)
    errors: dict[str, str] = {}
    form = _list_form(price_list)
    if request.method == "POST":
        form = {name: request.form.get(name, "").strip() for name in form}
        changes, errors = _list_changes(form)
        if not errors:
            try:
                editing.update_price_list(editor, price_list_id, changes)
            except AppError as refused:
                errors = dict(refused.details or {}) or {"name": refused.message}
            else:
                return redirect(url_for("prices.price_list", price_list_id=price_list_id,
                                        lagret=1), code=303)
    return _list_page(price_list, form, _rates_form(price_list), errors)


@bp.post("/saksbehandling/priser/<int:price_list_id>/satser")
def rates(price_list_id: int) -> ResponseReturnValue:
    """Every rate of the list in one form; an empty hourly rate removes the rate (that
    category then cannot book that room type under this list)."""
    editor = page_user(lambda user: user.can_edit_catalogue)
    price_list = db.session.get(PriceList, price_list_id) or abort(404)
    existing = {(r.room_type, r.category.value): r for r in price_list.rates}
    form = {name: request.form.get(name, "").strip() for name in _rates_form(price_list)}
    errors: dict[str, str] = {}
    for room_type, category in _rate_keys():
        hourly_field, cleaning_field = _rate_fields(room_type, category)
        if not form[hourly_field]:
            if (room_type, category) in existing:
                editing.remove_rate(editor, price_list_id, room_type, category)
            continue
        hourly = parse_kroner(form[hourly_field])
        cleaning = parse_kroner(form[cleaning_field] or "0")
        for field, amount in ((hourly_field, hourly), (cleaning_field, cleaning)):
            if amount is None:
                errors[field] = _("%(room_type)s, %(category)s: give an amount in kroner, "
                                  "e.g. 179 or 179,50.", room_type=room_type_label(room_type),
                                  category=category_label(category))
        if hourly is None or cleaning is None:
            continue
        try:
            editing.set_rate(editor, price_list_id, room_type, category, hourly, cleaning)
        except AppError as refused:
            errors[hourly_field] = refused.message
    if errors:
        return _list_page(price_list, _list_form(price_list), form, errors)
    return redirect(url_for("prices.price_list", price_list_id=price_list_id, lagret=1,
                            _anchor="rates-title"), code=303)


def _rate_keys() -> list[tuple[str, str]]:
    return [(t.value, c.value) for t in RoomType for c in CustomerCategory]


def _rate_fields(room_type: str, category: str) -> tuple[str, str]:
    return f"hourly-{room_type}-{category}", f"cleaning-{room_type}-{category}"


def _rates_form(price_list: PriceList) -> dict[str, str]:
    existing = {(r.room_type, r.category.value): r for r in price_list.rates}
    form: dict[str, str] = {}
    for key in _rate_keys():
        hourly_field, cleaning_field = _rate_fields(*key)
        rate = existing.get(key)
        form[hourly_field] = kroner_field(rate.hourly_ore) if rate else ""
        form[cleaning_field] = kroner_field(rate.cleaning_fee_ore) if rate else ""
    return form


def _list_form(price_list: PriceList) -> dict[str, str]:
    return {"name": price_list.name, "valid_from": price_list.valid_from.isoformat(),
            "valid_to": price_list.valid_to.isoformat() if price_list.valid_to else "",
            "supervisor": kroner_field(price_list.supervisor_hourly_ore),
            **{name: str(getattr(price_list, name)) for name in WHOLE_FIELDS}}


def _list_changes(form: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The form as the operation's changes; what is not a date, amount or number is
    refused here, the rest by the operation."""
    changes: dict[str, Any] = {"name": form["name"]}
    errors: dict[str, str] = {}
    for name in ("valid_from", "valid_to"):
        try:
            changes[name] = date.fromisoformat(form[name]) if form[name] else None
        except ValueError:
            errors[name] = _("Give the day as a date.")
    if changes.get("valid_from") is None and "valid_from" not in errors:
        errors["valid_from"] = _("Give the first day as a date.")
    supervisor = parse_kroner(form["supervisor"])
    if supervisor is None:
        errors["supervisor"] = _("Give an amount in kroner, e.g. 450.")
    changes["supervisor_hourly_ore"] = supervisor
    for name in WHOLE_FIELDS:
        if form[name].isdigit():
            changes[name] = int(form[name])
        else:
            errors[name] = _("Give a whole number.")
    return changes, errors


def _list_page(price_list: PriceList, form: dict[str, str], rates_form: dict[str, str],
               errors: dict[str, str]) -> ResponseReturnValue:
    # The operation names the supervisor rate by its øre field; the page by its kroner one.
    if "supervisor_hourly_ore" in errors:
        errors["supervisor"] = errors.pop("supervisor_hourly_ore")
    room_types = [(t.value, room_type_label(t.value)) for t in RoomType]
    categories = [(c.value, category_label(c.value)) for c in CustomerCategory]
    return render_template("pricing/price_list.html", price_list=price_list,
                           form=form | rates_form, errors=errors, room_types=room_types,
                           categories=categories, rate_fields=_rate_fields,
                           saved=request.args.get("lagret") == "1" and not errors,
                           ), 422 if errors else 200
