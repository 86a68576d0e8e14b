"""Which price list is in force on a day: the one rule, for the ORM rows and the catalogue."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol, TypeVar

from flask_babel import gettext as _

from booking.core.errors import NotFound


class Dated(Protocol):
    @property
    def valid_from(self) -> date: ...

    @property
    def valid_to(self) -> date | None: ...


D = TypeVar("D", bound=Dated)


def in_force_on(price_lists: Iterable[D], day: date) -> D:
    """The newest list whose validity covers ``day`` (open-ended lists hold until replaced)."""
    covering = [p for p in price_lists
                if p.valid_from <= day and (p.valid_to is None or day <= p.valid_to)]
    if not covering:
        raise NotFound(_("No price list applies on %(day)s.", day=day.isoformat()),
                       code="no_price_list")
    return max(covering, key=lambda p: p.valid_from)
