"""Which price list and rate apply, and who counts as which customer category."""

from __future__ import annotations

from datetime import date

from flask import current_app
from sqlalchemy import select

from booking.core.db import db
from booking.organisations.models import Organisation, OrganisationCategory
from booking.pricing.models import CustomerCategory, PriceList, PriceRate
from booking.pricing.validity import in_force_on


def customer_category_for(organisation: Organisation | None) -> CustomerCategory:
    """Private persons pay the private rate; so do organisations from elsewhere, and those
    whose claim to a reduced rate a case officer has not verified (yet)."""
    if organisation is None:
        return CustomerCategory.PRIVATE
    if organisation.category == OrganisationCategory.COMMERCIAL:
        return CustomerCategory.COMMERCIAL
    if not organisation.claims_reduced_rate(current_app.config["MUNICIPALITY_NAME"]) \
            or not organisation.claim_verified:
        return CustomerCategory.PRIVATE
    return CustomerCategory(organisation.category)


def price_list_on(day: date) -> PriceList:
    """The price list in force (a municipality has a handful, so all are read)."""
    return in_force_on(db.session.scalars(select(PriceList)), day)


def rates_for(price_list: PriceList, room_type: str | None = None,
              category: str | None = None) -> list[PriceRate]:
    return [
        r for r in sorted(price_list.rates, key=lambda r: (r.room_type, r.hourly_ore))
        if (room_type is None or r.room_type == room_type)
        and (category is None or r.category == category)
    ]
