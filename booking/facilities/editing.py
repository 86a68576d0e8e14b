"""Case officers edit the catalogue: a room's name, capacity, rules, facilities, whether
it needs approval and whether it can be booked at all. Each change is checked here (the
page and the API share these rules), recorded in the audit log with its values before
and after, and only flushed; the catalogue snapshot sees it through its version, which
the flush of a Room or RoomFacility bumps.

A refused change raises ``InvalidInput`` with a message per field and changes nothing.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from booking.accounts.models import User
from booking.core import audit
from booking.core.db import db
from booking.core.errors import Forbidden, InvalidInput, NotFound
from booking.facilities.models import Facility, Room, RoomFacility

ROOM_FIELDS = ("name", "capacity", "rules", "facilities", "requires_approval", "is_active")
NAME_LENGTH = 120
MAX_CAPACITY = 10000
RULES_LENGTH = 5000


def room_values(room: Room) -> dict[str, Any]:
    """The editable fields of a room as the audit log and the edit form see them."""
    return {"name": room.name, "capacity": room.capacity, "rules": room.rules,
            "facilities": room.facilities, "requires_approval": room.requires_approval,
            "is_active": room.is_active}


def check_room_changes(room: Room, changes: dict[str, Any]) -> dict[str, str]:
    """What is wrong with the changes, field by field (pure but for the name's uniqueness)."""
    errors: dict[str, str] = {}
    unknown = set(changes) - set(ROOM_FIELDS)
    if unknown:
        errors["room"] = _("These fields cannot be changed here: %(fields)s.",
                           fields=", ".join(sorted(unknown)))
    if "name" in changes:
        name = changes["name"]
        if not isinstance(name, str) or not name.strip():
            errors["name"] = _("Give the room a name.")
        elif len(name.strip()) > NAME_LENGTH:
            errors["name"] = _("The name can be at most %(num)s characters.", num=NAME_LENGTH)
        elif db.session.scalar(select(func.count(Room.id)).where(
                Room.building_id == room.building_id, Room.id != room.id,
                func.lower(Room.name) == name.strip().lower())):
            errors["name"] = _("Another room in this building is already called %(name)s.",
                               name=name.strip())
    if "capacity" in changes:
        capacity = changes["capacity"]
        if isinstance(capacity, bool) or not isinstance(capacity, int) or not (
                1 <= capacity <= MAX_CAPACITY):
            errors["capacity"] = _("The capacity is a whole number of people from 1 to %(max)s.",
                                   max=MAX_CAPACITY)
    if "rules" in changes:
        rules = changes["rules"]
        if not isinstance(rules, str) or len(rules) > RULES_LENGTH:
            errors["rules"] = _("The rules can be at most %(num)s characters.", num=RULES_LENGTH)
    if "facilities" in changes:
        known = {f.value for f in Facility}
        given = changes["facilities"]
        if not isinstance(given, list | tuple | set) or not set(given) <= known:
            errors["facility"] = _("Choose facilities from the list.")
    for flag in ("requires_approval", "is_active"):
        if flag in changes and not isinstance(changes[flag], bool):
            errors[flag] = _("Answer yes or no.")
    return errors


def update_room(actor: User, room_id: int, changes: dict[str, Any]) -> Room:
    """Apply the changes to a room and record them; nothing changed is nothing logged."""
    if not actor.can_edit_catalogue:
        raise Forbidden(_("Only case officers and administrators can change the catalogue."))
    room = db.session.get(Room, room_id)
    if room is None:
        raise NotFound(_("There is no room %(id)s.", id=room_id), code="room_not_found")
    errors = check_room_changes(room, changes)
    if errors:
        raise InvalidInput(next(iter(errors.values())), code="room_change_refused",
                           details=errors)
    before = room_values(room)
    wanted = dict(changes)
    if "name" in wanted:
        wanted["name"] = wanted["name"].strip()
    if "facilities" in wanted:
        wanted["facilities"] = sorted(set(wanted["facilities"]))
    after = before | wanted
    differences = audit.diff(before, after)
    if not differences:
        return room
    for name in ("name", "capacity", "rules", "requires_approval", "is_active"):
        if name in differences:
            setattr(room, name, after[name])
    if "facilities" in differences:
        # Keep the rows that stay: a new row with the same key as a removed one would
        # be an insert and a delete of the same primary key in one flush.
        kept = [row for row in room.facility_rows if row.facility.value in after["facilities"]]
        present = {row.facility.value for row in kept}
        room.facility_rows = kept + [RoomFacility(room_id=room.id, facility=Facility(f))
                                     for f in after["facilities"] if f not in present]
    db.session.flush()
    audit.record(actor.id, "room.updated", "room", room.id,
                 _("Room %(name)s changed: %(fields)s", name=room.name,
                   fields=", ".join(differences)),
                 differences)
    return room
