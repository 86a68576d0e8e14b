"""Organisations (lag og foreninger, companies) and their members."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from flask_babel import gettext as _
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from booking.core.db import EnumText, Model, UTCDateTime, utcnow

if TYPE_CHECKING:
    from booking.accounts.models import User


class OrganisationCategory(StrEnum):
    CHILDREN_YOUTH_NONPROFIT = "children_youth_nonprofit"
    OTHER_NONPROFIT = "other_nonprofit"
    COMMERCIAL = "commercial"


def category_label(category: str) -> str:
    labels = {
        OrganisationCategory.CHILDREN_YOUTH_NONPROFIT: _("a non-profit for children and youth"),
        OrganisationCategory.OTHER_NONPROFIT: _("another non-profit (club, choir, association)"),
        OrganisationCategory.COMMERCIAL: _("a company or other commercial organisation"),
    }
    return str(labels.get(category, category))  # type: ignore[call-overload]


REDUCED_RATE_CATEGORIES = (OrganisationCategory.CHILDREN_YOUTH_NONPROFIT,
                           OrganisationCategory.OTHER_NONPROFIT)


class MemberRole(StrEnum):
    """Who may do what for the organisation: admins manage it and book, members book,
    viewers see its bookings and book nothing."""

    ADMIN = "admin"
    MEMBER = "member"
    VIEWER = "viewer"


def role_label(role: str) -> str:
    labels = {
        MemberRole.ADMIN: _("admin (manages and books)"),
        MemberRole.MEMBER: _("member (books)"),
        MemberRole.VIEWER: _("viewer (sees the bookings)"),
    }
    return str(labels.get(role, role))  # type: ignore[call-overload]


class ClaimStatus(StrEnum):
    """A category or home municipality that lowers the price is a claim until a case
    officer verifies it; until then the organisation pays the private rate."""

    NONE = "none"          # nothing claimed that lowers the price
    PENDING = "pending"
    VERIFIED = "verified"
    REFUSED = "refused"


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
    claim_status: Mapped[ClaimStatus] = mapped_column(EnumText(ClaimStatus, 10),
                                                      default=ClaimStatus.NONE)
    # What the applicant wrote to back the claim (members' ages, the club's purpose).
    claim_note: Mapped[str] = mapped_column(Text, default="")
    claim_decided_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    claim_decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claim_reason: Mapped[str] = mapped_column(Text, default="")  # the case officer's words
    # Set by a case officer: bookings are confirmed without card payment and invoiced after
    # the month from the invoice basis.
    pays_by_invoice: Mapped[bool] = mapped_column(default=False, server_default=false())

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )
    invitations: Mapped[list[Invitation]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )

    @property
    def claim_verified(self) -> bool:
        return self.claim_status is ClaimStatus.VERIFIED

    def is_local_to(self, municipality: str) -> bool:
        return self.home_municipality.strip().casefold() == municipality.strip().casefold()

    def claims_reduced_rate(self, municipality: str) -> bool:
        """A local non-profit pays less: what it says of itself must then be verified."""
        return self.category in REDUCED_RATE_CATEGORIES and self.is_local_to(municipality)

    def can_book_for(self, user: User) -> bool:
        """Admins and members book for it; case officers may on its behalf."""
        membership = user.membership_in(self.id)
        return user.is_case_officer or (membership is not None and membership.may_book)

    def can_see_bookings(self, user: User) -> bool:
        return user.is_case_officer or user.membership_in(self.id) is not None

    def can_see_members(self, user: User) -> bool:
        return user.is_case_officer or user.membership_in(self.id) is not None

    def can_manage_members(self, user: User) -> bool:
        membership = user.membership_in(self.id)
        return user.is_case_officer or (membership is not None and membership.is_admin)

    def can_edit(self, user: User) -> bool:
        return self.can_manage_members(user)

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

    @property
    def may_book(self) -> bool:
        return self.role in (MemberRole.ADMIN, MemberRole.MEMBER)

    def __repr__(self) -> str:
        return f"<Membership user={self.user_id} org={self.organisation_id} {self.role}>"


class Invitation(Model):
    """An invitation by e-mail. Whoever opens the link and is logged in may accept it: the
    link proves the mailbox, and the inviter learns nothing about the address's account.
    Only the SHA-256 of the link's token is stored."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(200))
    role: Mapped[MemberRole] = mapped_column(EnumText(MemberRole, 10), default=MemberRole.MEMBER)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    organisation: Mapped[Organisation] = relationship(back_populates="invitations")

    def is_open(self, now: datetime) -> bool:
        return self.accepted_at is None and now < self.expires_at

    def __repr__(self) -> str:
        return f"<Invitation {self.id} org={self.organisation_id} {self.email!r}>"
