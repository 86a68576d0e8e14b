"""Price lists: an hourly rate per room type and customer category."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from booking.core.db import EnumText, Model
from booking.pricing.quote import CancellationPolicy


class CustomerCategory(StrEnum):
    """Who pays what. Private persons are 'private'; non-local organisations pay
    the private rate (the reduced rates are for the municipality's own)."""

    CHILDREN_YOUTH_NONPROFIT = "children_youth_nonprofit"
    OTHER_NONPROFIT = "other_nonprofit"
    PRIVATE = "private"
    COMMERCIAL = "commercial"


CATEGORY_LABELS = {
    CustomerCategory.CHILDREN_YOUTH_NONPROFIT: _l("children and youth (local non-profit)"),
    CustomerCategory.OTHER_NONPROFIT: _l("other local non-profit"),
    CustomerCategory.PRIVATE: _l("private persons"),
    CustomerCategory.COMMERCIAL: _l("commercial"),
}


def category_label(category: str) -> str:
    """A customer category in words, in the user's language (translated when shown)."""
    return str(CATEGORY_LABELS.get(category, category))  # type: ignore[call-overload]


class PriceList(Model):
    __tablename__ = "price_list"
    __table_args__ = (
        CheckConstraint("partial_refund_percent BETWEEN 0 AND 100", name="refund_percent_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    valid_from: Mapped[date]
    valid_to: Mapped[date | None]
    currency: Mapped[str] = mapped_column(String(3), default="NOK")
    vat_percent: Mapped[int] = mapped_column(default=0)
    supervisor_hourly_ore: Mapped[int] = mapped_column(default=0)
    full_refund_hours: Mapped[int] = mapped_column(default=168)
    partial_refund_hours: Mapped[int] = mapped_column(default=48)
    partial_refund_percent: Mapped[int] = mapped_column(default=50)

    rates: Mapped[list[PriceRate]] = relationship(
        back_populates="price_list", cascade="all, delete-orphan",
        order_by="(PriceRate.room_type, PriceRate.category)",
    )

    @property
    def cancellation_policy(self) -> CancellationPolicy:
        return CancellationPolicy(
            self.full_refund_hours, self.partial_refund_hours, self.partial_refund_percent
        )

    def __repr__(self) -> str:
        return f"<PriceList {self.id} {self.name!r}>"


class PriceRate(Model):
    __tablename__ = "price_rate"
    __table_args__ = (
        UniqueConstraint("price_list_id", "room_type", "category"),
        CheckConstraint("hourly_ore >= 0 AND cleaning_fee_ore >= 0", name="non_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    price_list_id: Mapped[int] = mapped_column(ForeignKey("price_list.id", ondelete="CASCADE"))
    room_type: Mapped[str] = mapped_column(String(20))  # a facilities.RoomType value
    category: Mapped[CustomerCategory] = mapped_column(EnumText(CustomerCategory, 30))
    hourly_ore: Mapped[int]
    cleaning_fee_ore: Mapped[int] = mapped_column(default=0)

    price_list: Mapped[PriceList] = relationship(back_populates="rates")

    def __repr__(self) -> str:
        return f"<PriceRate {self.room_type}/{self.category} {self.hourly_ore}>"
