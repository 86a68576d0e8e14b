"""Users and their roles."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from flask import current_app
from sqlalchemy import Column, ForeignKey, String, Table
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
    email: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(40), default="")
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[Role] = mapped_column(EnumText(Role, 20), default=Role.RESIDENT)
    locale: Mapped[str] = mapped_column(String(5), default="nb")
    # Bumped to revoke every API token issued before.
    token_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    memberships: Mapped[list[Membership]] = relationship(back_populates="user")
    caretaker_of: Mapped[list[Building]] = relationship(secondary=caretaker_building)

    def set_password(self, password: str) -> None:
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

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
    def can_read_outbox(self) -> bool:
        """The mail the platform sent (addresses and contents): administrators only."""
        return self.role is Role.ADMIN

    def is_caretaker_of(self, building_id: int) -> bool:
        return self.role == Role.CARETAKER and any(b.id == building_id for b in self.caretaker_of)

    def membership_in(self, organisation_id: int) -> Membership | None:
        return next((m for m in self.memberships if m.organisation_id == organisation_id), None)

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email!r} {self.role}>"
