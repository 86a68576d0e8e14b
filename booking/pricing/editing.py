"""Case officers edit the price lists: a list's validity, VAT, supervisor rate and its
cancellation policy, its hourly rates per room type and customer category, and a new
list from a date (copied from the one in force then, so a price change is a new list and
the bookings already made keep the prices they were quoted).

The checks are here, shared by the page and the API; a refused change raises
``InvalidInput`` with a message per field and changes nothing. Every change is in the
audit log with its values before and after, and only flushed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from booking.accounts.models import User
from booking.core import audit
from booking.core.db import db
from booking.core.errors import Forbidden, InvalidInput, NotFound
from booking.facilities.models import RoomType
from booking.pricing.models import CustomerCategory, PriceList, PriceRate
from booking.pricing.validity import in_force_on

LIST_FIELDS = ("name", "valid_from", "valid_to", "vat_percent", "supervisor_hourly_ore",
               "full_refund_hours", "partial_refund_hours", "partial_refund_percent")
NAME_LENGTH = 120
# 100,000 kr an hour is beyond any municipal rate: a larger figure is a typing error.
MAX_ORE = 10_000_000
# A year's notice is the longest a refund rule can sensibly ask for.
MAX_NOTICE_HOURS = 24 * 365


def list_values(price_list: PriceList) -> dict[str, Any]:
    return {name: getattr(price_list, name) for name in LIST_FIELDS}


def _is_whole(value: Any, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def list_problems(values: dict[str, Any]) -> dict[str, str]:
    """What is wrong with a price list's fields taken together (pure)."""
    errors: dict[str, str] = {}
    name = values.get("name")
    if not isinstance(name, str) or not name.strip():
        errors["name"] = _("Give the price list a name.")
    elif len(name.strip()) > NAME_LENGTH:
        errors["name"] = _("The name can be at most %(num)s characters.", num=NAME_LENGTH)
    if not isinstance(values.get("valid_from"), date):
        errors["valid_from"] = _("Give the first day as a date.")
    elif values.get("valid_to") is not None and values["valid_to"] < values["valid_from"]:
        errors["valid_to"] = _("The last day must not be before the first.")
    if not _is_whole(values.get("vat_percent"), 0, 100):
        errors["vat_percent"] = _("VAT is a whole percentage from 0 to 100.")
    if not _is_whole(values.get("supervisor_hourly_ore"), 0, MAX_ORE):
        errors["supervisor_hourly_ore"] = _("Give an amount in kroner, at least 0.")
    for field in ("full_refund_hours", "partial_refund_hours"):
        if not _is_whole(values.get(field), 0, MAX_NOTICE_HOURS):
            errors[field] = _("Give the notice as whole hours from 0 to %(max)s.",
                              max=MAX_NOTICE_HOURS)
    if not errors.get("full_refund_hours") and not errors.get("partial_refund_hours") \
            and values["partial_refund_hours"] > values["full_refund_hours"]:
        errors["partial_refund_hours"] = _(
            "The notice for a partial refund must be shorter than for a full refund.")
    if not _is_whole(values.get("partial_refund_percent"), 0, 100):
        errors["partial_refund_percent"] = _(
            "The partial refund is a whole percentage from 0 to 100.")
    return errors


def rate_problems(room_type: Any, category: Any, hourly_ore: Any,
                  cleaning_fee_ore: Any) -> dict[str, str]:
    errors: dict[str, str] = {}
    if room_type not in {t.value for t in RoomType}:
        errors["room_type"] = _("Choose a room type from the list.")
    if category not in {c.value for c in CustomerCategory}:
        errors["category"] = _("Choose a customer category from the list.")
    if not _is_whole(hourly_ore, 0, MAX_ORE):
        errors["hourly_ore"] = _("Give an amount in kroner, at least 0.")
    if not _is_whole(cleaning_fee_ore, 0, MAX_ORE):
        errors["cleaning_fee_ore"] = _("Give an amount in kroner, at least 0.")
    return errors


def _check_editor(actor: User) -> None:
    if not actor.can_edit_catalogue:
        raise Forbidden(_("Only case officers and administrators can change the catalogue."))


def price_lists(actor: User) -> list[PriceList]:
    """Every list, newest first, for those who edit them."""
    _check_editor(actor)
    return list(db.session.scalars(select(PriceList).order_by(PriceList.valid_from.desc())))


def _price_list(price_list_id: int) -> PriceList:
    price_list = db.session.get(PriceList, price_list_id)
    if price_list is None:
        raise NotFound(_("There is no price list %(id)s.", id=price_list_id),
                       code="price_list_not_found")
    return price_list


def _refuse(errors: dict[str, str]) -> None:
    if errors:
        raise InvalidInput(next(iter(errors.values())), code="price_change_refused",
                           details=errors)


def _starts_taken(valid_from: date, leaving_out: PriceList | None) -> dict[str, str]:
    """Two lists from the same day would leave the one in force to chance."""
    other = db.session.scalars(select(PriceList).where(PriceList.valid_from == valid_from)).first()
    if other is not None and other is not leaving_out:
        return {"valid_from": _("The price list %(name)s already starts on that day.",
                                name=other.name)}
    return {}


def update_price_list(actor: User, price_list_id: int, changes: dict[str, Any]) -> PriceList:
    """Change a list's fields; those left out stay. Bookings already made keep their
    prices; the cancellation policy applies to every cancellation from now on."""
    _check_editor(actor)
    price_list = _price_list(price_list_id)
    unknown = set(changes) - set(LIST_FIELDS)
    if unknown:
        _refuse({"price_list": _("These fields cannot be changed here: %(fields)s.",
                                 fields=", ".join(sorted(unknown)))})
    before = list_values(price_list)
    after = before | changes
    if isinstance(after["name"], str):
        after["name"] = after["name"].strip()
    errors = list_problems(after)
    if not errors and after["valid_from"] != before["valid_from"]:
        errors = _starts_taken(after["valid_from"], price_list)
    _refuse(errors)
    differences = audit.diff(before, after)
    if differences:
        for name in differences:
            setattr(price_list, name, after[name])
        db.session.flush()
        audit.record(actor.id, "price_list.updated", "price_list", price_list.id,
                     _("Price list %(name)s changed: %(fields)s", name=price_list.name,
                       fields=", ".join(differences)), differences)
    return price_list


def set_rate(actor: User, price_list_id: int, room_type: str, category: str,
             hourly_ore: Any, cleaning_fee_ore: Any = 0) -> PriceRate:
    """Set the hourly rate and cleaning fee of a room type for a customer category,
    adding the rate if the list has none for them."""
    _check_editor(actor)
    price_list = _price_list(price_list_id)
    _refuse(rate_problems(room_type, category, hourly_ore, cleaning_fee_ore))
    rate = next((r for r in price_list.rates
                 if r.room_type == room_type and r.category == category), None)
    before = ({"hourly_ore": rate.hourly_ore, "cleaning_fee_ore": rate.cleaning_fee_ore}
              if rate else {})
    after = {"hourly_ore": hourly_ore, "cleaning_fee_ore": cleaning_fee_ore}
    differences = audit.diff(before, after)
    if not differences:
        assert rate is not None
        return rate
    if rate is None:
        rate = PriceRate(room_type=room_type, category=CustomerCategory(category))
        price_list.rates.append(rate)
    rate.hourly_ore, rate.cleaning_fee_ore = hourly_ore, cleaning_fee_ore
    db.session.flush()
    audit.record(actor.id, "price_rate.updated", "price_list", price_list.id,
                 _("Price list %(name)s: the rate for %(room_type)s, %(category)s",
                   name=price_list.name, room_type=room_type, category=category),
                 differences)
    return rate


def remove_rate(actor: User, price_list_id: int, room_type: str, category: str) -> None:
    """Take a rate out of a list: that room type can then not be booked by that category
    while the list is in force (the booking engine refuses a booking without a rate)."""
    _check_editor(actor)
    price_list = _price_list(price_list_id)
    rate = next((r for r in price_list.rates
                 if r.room_type == room_type and r.category == category), None)
    if rate is None:
        raise NotFound(_("The price list has no rate for that room type and category."),
                       code="rate_not_found")
    before = {"hourly_ore": rate.hourly_ore, "cleaning_fee_ore": rate.cleaning_fee_ore}
    price_list.rates.remove(rate)
    db.session.flush()
    audit.record(actor.id, "price_rate.removed", "price_list", price_list.id,
                 _("Price list %(name)s: the rate for %(room_type)s, %(category)s removed",
                   name=price_list.name, room_type=room_type, category=category),
                 {name: (value, None) for name, value in before.items()})


def create_price_list(actor: User, name: Any, valid_from: Any,
                      copy_from_id: int | None = None) -> PriceList:
    """A new list from a day, with the policy and rates of ``copy_from_id`` (the list in
    force on that day when left out, if any) to edit from there."""
    _check_editor(actor)
    template = _price_list(copy_from_id) if copy_from_id is not None else None
    if template is None and isinstance(valid_from, date):
        try:
            template = in_force_on(db.session.scalars(select(PriceList)), valid_from)
        except NotFound:  # the first list of all, or after a gap
            template = None
    values = (list_values(template) if template else {
        "vat_percent": 0, "supervisor_hourly_ore": 0, "full_refund_hours": 168,
        "partial_refund_hours": 48, "partial_refund_percent": 50})
    values |= {"name": name.strip() if isinstance(name, str) else name,
               "valid_from": valid_from, "valid_to": None}
    errors = list_problems(values)
    if not errors:
        errors = _starts_taken(valid_from, None)
    _refuse(errors)
    price_list = PriceList(**values, currency=template.currency if template else "NOK")
    price_list.rates = [PriceRate(room_type=r.room_type, category=r.category,
                                  hourly_ore=r.hourly_ore, cleaning_fee_ore=r.cleaning_fee_ore)
                        for r in (template.rates if template else [])]
    db.session.add(price_list)
    db.session.flush()
    audit.record(actor.id, "price_list.created", "price_list", price_list.id,
                 _("Price list %(name)s from %(day)s", name=price_list.name,
                   day=price_list.valid_from.isoformat()),
                 {field: (None, value) for field, value in list_values(price_list).items()})
    return price_list
