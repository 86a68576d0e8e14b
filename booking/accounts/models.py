"""Users and their roles."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from flask import current_app
from sqlalchemy import Column, ForeignKey, String, Table, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from booking.core.db import EnumText, Model, UTCDateTime, db, utcnow

if TYPE_CHECKING:
    from booking.facilities.models import Building
    from booking.organisations.models import Membership


class Role(StrEnum):
    """A user's own role; organisation roles come from memberships."""

    RESIDENT = "resident"
    CARETAKER = "caretaker"
    CASE_OFFICER = "case_officer"
    ADMIN = "admin"


caretaker_building = Table(
    "caretaker_building",
    db.metadata,
    Column("user_id", ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True),
    Column("building_id", ForeignKey("building.id", ondelete="CASCADE"), primary_key=True),
)


class User(Model):
    __tablename__ = "user_account"  # "user" is reserved in PostgreSQL

    id: Mapped[int] = mapped_column(primary_key=True)
    # None for an account made by an OpenID Connect login that sent no e-mail (ID-porten
    # sends none), and for a deleted account.
    email: Mapped[str | None] = mapped_column(String(200), unique=True)
    # Set when the user proved the address is theirs; a local login needs it.
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(40), default="")
    # None: no password (OpenID Connect only, or deleted).
    password_hash: Mapped[str | None] = mapped_column(String(300))
    role: Mapped[Role] = mapped_column(EnumText(Role, 20), default=Role.RESIDENT)
    locale: Mapped[str] = mapped_column(String(5), default="nb")
    # A mail two days before each booked date, to confirm or release it.
    wants_reminders: Mapped[bool] = mapped_column(default=True, server_default=true())
    # Bumped to revoke every API token issued before.
    token_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # A deleted account stays as an empty row: the bookings the municipality must keep
    # point at it, with nothing left that tells who it was.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    memberships: Mapped[list[Membership]] = relationship(back_populates="user",
                                                         cascade="all, delete-orphan")
    caretaker_of: Mapped[list[Building]] = relationship(secondary=caretaker_building)
    identities: Mapped[list[ExternalIdentity]] = relationship(back_populates="user",
                                                              cascade="all, delete-orphan")

    def set_password(self, password: str) -> None:
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return self.password_hash is not None and check_password_hash(self.password_hash, password)

    @property
    def has_password(self) -> bool:
        return self.password_hash is not None

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_case_officer(self) -> bool:
        """Case officers and admins handle requests, closures and everyone's bookings."""
        return self.role in (Role.CASE_OFFICER, Role.ADMIN)

    @property
    def can_see_all_bookings(self) -> bool:
        return self.is_case_officer

    @property
    def can_decide_requests(self) -> bool:
        return self.is_case_officer

    @property
    def can_manage_closures(self) -> bool:
        return self.is_case_officer

    @property
    def can_verify_claims(self) -> bool:
        """Verify or refuse the price category an organisation claims."""
        return self.is_case_officer

    @property
    def can_see_utilisation(self) -> bool:
        """The utilisation of the buildings: case officers and administrators."""
        return self.is_case_officer

    @property
    def can_read_audit_log(self) -> bool:
        """Who changed the catalogue and the bookings, when and why."""
        return self.is_case_officer

    @property
    def can_edit_catalogue(self) -> bool:
        """Rooms, rental windows, prices and buildings."""
        return self.is_case_officer

    @property
    def can_read_outbox(self) -> bool:
        """The mail the platform sent (addresses and contents): administrators only."""
        return self.role is Role.ADMIN

    def is_caretaker_of(self, building_id: int) -> bool:
        return self.role == Role.CARETAKER and any(b.id == building_id for b in self.caretaker_of)

    def membership_in(self, organisation_id: int) -> Membership | None:
        return next((m for m in self.memberships if m.organisation_id == organisation_id), None)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email!r} {self.role}>"


class LoginSession(Model):
    """A browser's login, so that logging out ends it on the server and a password change
    ends all others. The cookie holds a random key; the table holds only its SHA-256."""

    __tablename__ = "login_session"

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    user_agent: Mapped[str] = mapped_column(String(200), default="")

    def __repr__(self) -> str:
        return f"<LoginSession user={self.user_id} since {self.created_at:%Y-%m-%d %H:%M}>"


class ExternalIdentity(Model):
    """A login at an OpenID Connect provider (ID-porten), bound to the provider's subject
    identifier: never to an e-mail address, which the provider may not send or vouch for."""

    __tablename__ = "external_identity"
    __table_args__ = (UniqueConstraint("provider", "subject"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         index=True)
    provider: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped[User] = relationship(back_populates="identities")

    def __repr__(self) -> str:
        return f"<ExternalIdentity {self.provider}:{self.subject} user={self.user_id}>"
