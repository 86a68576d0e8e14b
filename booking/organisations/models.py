"""Organisations (lag og foreninger, companies) and their members."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from booking.core.db import EnumText, Model, UTCDateTime, utcnow

if TYPE_CHECKING:
    from booking.accounts.models import User


class OrganisationCategory(StrEnum):
    CHILDREN_YOUTH_NONPROFIT = "children_youth_nonprofit"
    OTHER_NONPROFIT = "other_nonprofit"
    COMMERCIAL = "commercial"


class MemberRole(StrEnum):
    MEMBER = "member"
    ADMIN = "admin"


class Organisation(Model):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    org_number: Mapped[str] = mapped_column(String(9), unique=True)
    home_municipality: Mapped[str] = mapped_column(String(80))
    category: Mapped[OrganisationCategory] = mapped_column(EnumText(OrganisationCategory, 30))
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )

    def is_local_to(self, municipality: str) -> bool:
        return self.home_municipality.strip().casefold() == municipality.strip().casefold()

    def can_book_for(self, user: User) -> bool:
        """Members book (and list bookings) for it; case officers may on its behalf."""
        return user.is_case_officer or user.membership_in(self.id) is not None

    def can_see_members(self, user: User) -> bool:
        return user.is_case_officer or user.membership_in(self.id) is not None

    def can_manage_members(self, user: User) -> bool:
        membership = user.membership_in(self.id)
        return user.is_case_officer or (membership is not None and membership.is_admin)

    def __repr__(self) -> str:
        return f"<Organisation {self.id} {self.name!r}>"


class Membership(Model):
    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("user_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[MemberRole] = mapped_column(EnumText(MemberRole, 10), default=MemberRole.MEMBER)

    user: Mapped[User] = relationship(back_populates="memberships")
    organisation: Mapped[Organisation] = relationship(back_populates="memberships")

    @property
    def is_admin(self) -> bool:
        return self.role == MemberRole.ADMIN

    def __repr__(self) -> str:
        return f"<Membership user={self.user_id} org={self.organisation_id} {self.role}>"
