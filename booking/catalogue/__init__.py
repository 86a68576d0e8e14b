"""What can be rented, and on what terms: a per-process snapshot of rooms, windows,
closures and prices (see ``snapshot``), and the room listing served from it."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import event
from sqlalchemy.orm import Session

from booking.catalogue.snapshot import (
    BuildingCard,
    Catalogue,
    PriceInfo,
    RoomCard,
    RoomRules,
    bump_on_catalogue_change,
    bump_version,
    current,
    forget_change,
)

__all__ = ["BuildingCard", "Catalogue", "PriceInfo", "RoomCard", "RoomRules", "bump_version",
           "current", "init_app"]

_LISTENERS = (("after_flush", bump_on_catalogue_change), ("after_commit", forget_change),
              ("after_rollback", forget_change))


def init_app(app: Flask) -> None:
    """Keep the snapshot's version in step with every ORM change to the catalogue tables."""
    for name, listener in _LISTENERS:
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)
