"""The catalogue's version counter: one row, bumped by every change to a catalogue table."""

from __future__ import annotations

from sqlalchemy import Integer
from sqlalchemy.orm import Mapped, mapped_column

from booking.core.db import Model


class CatalogueVersion(Model):
    __tablename__ = "catalogue_version"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(default=1)

    def __repr__(self) -> str:
        return f"<CatalogueVersion {self.version}>"
