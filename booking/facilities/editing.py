"""Case officers edit the catalogue: a school's name, address and contact; a room's
name, capacity, rules, facilities, whether it needs approval and whether it can be
booked at all; its rental windows. Each change is checked here (the page and the API
share these rules), recorded in the audit log with its values before and after, and only
flushed; the catalogue snapshot sees it through its version, which the flush of a
catalogue row bumps.

A refused change raises ``InvalidInput`` with a message per field and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import Any

from flask_babel import gettext as _
from marshmallow import ValidationError, validate
from sqlalchemy import func, select

from booking.accounts.models import User
from booking.core import audit
from booking.core.db import db
from booking.core.errors import Forbidden, InvalidInput, NotFound
from booking.facilities.models import Building, Facility, RentalWindow, Room, RoomFacility

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
    room = editable_room(actor, room_id)
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


# Rental windows -------------------------------------------------------------------------

WINDOW_FIELDS = ("weekday", "starts", "ends", "by_agreement", "valid_from", "valid_to")


@dataclass(frozen=True)
class WindowSpec:
    """A rental window as entered: Oslo wall times on a weekday, within optional dates."""

    weekday: int
    starts: time
    ends: time
    by_agreement: bool = False
    valid_from: date | None = None
    valid_to: date | None = None


def _dates_overlap(a: WindowSpec, b: WindowSpec) -> bool:
    """Open ends reach as far as time goes."""
    return ((a.valid_to is None or b.valid_from is None or b.valid_from <= a.valid_to)
            and (b.valid_to is None or a.valid_from is None or a.valid_from <= b.valid_to))


def window_problems(spec: WindowSpec, others: list[WindowSpec]) -> dict[str, str]:
    """What is wrong with a window among the room's other windows (pure)."""
    errors: dict[str, str] = {}
    if not 0 <= spec.weekday <= 6:
        errors["weekday"] = _("Choose a weekday, Monday to Sunday.")
    if spec.ends <= spec.starts:
        errors["ends"] = _("The window must end after it starts.")
    if spec.valid_from and spec.valid_to and spec.valid_to < spec.valid_from:
        errors["valid_to"] = _("The last day must not be before the first.")
    if errors:
        return errors
    for other in others:
        if (other.weekday == spec.weekday and spec.starts < other.ends
                and other.starts < spec.ends and _dates_overlap(spec, other)):
            errors["starts"] = _(
                "It overlaps the window %(starts)s–%(ends)s on the same weekday and dates; "
                "change or remove that one first.",
                starts=other.starts.strftime("%H:%M"), ends=other.ends.strftime("%H:%M"))
            break
    return errors


def _spec(window: RentalWindow) -> WindowSpec:
    return WindowSpec(window.weekday, window.starts, window.ends, window.by_agreement,
                      window.valid_from, window.valid_to)


def _window_values(spec: WindowSpec) -> dict[str, Any]:
    return {name: getattr(spec, name) for name in WINDOW_FIELDS}


def editable_room(actor: User, room_id: int) -> Room:
    """The room a case officer or administrator is about to change."""
    if not actor.can_edit_catalogue:
        raise Forbidden(_("Only case officers and administrators can change the catalogue."))
    room = db.session.get(Room, room_id)
    if room is None:
        raise NotFound(_("There is no room %(id)s.", id=room_id), code="room_not_found")
    return room


def _editable_window(actor: User, window_id: int) -> RentalWindow:
    if not actor.can_edit_catalogue:
        raise Forbidden(_("Only case officers and administrators can change the catalogue."))
    window = db.session.get(RentalWindow, window_id)
    if window is None:
        raise NotFound(_("There is no rental window %(id)s.", id=window_id),
                       code="window_not_found")
    return window


def _check_window(room: Room, spec: WindowSpec, leaving_out: RentalWindow | None) -> None:
    others = [_spec(w) for w in room.windows if w is not leaving_out]
    errors = window_problems(spec, others)
    if errors:
        raise InvalidInput(next(iter(errors.values())), code="window_refused", details=errors)


def add_window(actor: User, room_id: int, spec: WindowSpec) -> RentalWindow:
    room = editable_room(actor, room_id)
    _check_window(room, spec, None)
    window = RentalWindow(room=room, **_window_values(spec))
    db.session.add(window)
    db.session.flush()
    audit.record(actor.id, "window.created", "rental_window", window.id,
                 _("Rental window added to %(room)s", room=room.name),
                 {name: (None, value) for name, value in _window_values(spec).items()})
    return window


def change_window(actor: User, window_id: int, changes: dict[str, Any]) -> RentalWindow:
    window = _editable_window(actor, window_id)
    before = _window_values(_spec(window))
    spec = WindowSpec(**(before | {k: v for k, v in changes.items() if k in WINDOW_FIELDS}))
    _check_window(window.room, spec, window)
    differences = audit.diff(before, _window_values(spec))
    if differences:
        for name in differences:
            setattr(window, name, getattr(spec, name))
        db.session.flush()
        audit.record(actor.id, "window.updated", "rental_window", window.id,
                     _("Rental window of %(room)s changed", room=window.room.name), differences)
    return window


def remove_window(actor: User, window_id: int) -> None:
    window = _editable_window(actor, window_id)
    room = window.room
    values = _window_values(_spec(window))
    room.windows.remove(window)
    db.session.flush()
    audit.record(actor.id, "window.removed", "rental_window", window_id,
                 _("Rental window removed from %(room)s", room=room.name),
                 {name: (value, None) for name, value in values.items()})


# Buildings ------------------------------------------------------------------------------

BUILDING_FIELDS = ("name", "address", "postcode", "city", "area", "description",
                   "contact_phone", "contact_email")
BUILDING_LENGTHS = {"name": 120, "address": 200, "city": 80, "area": 80, "description": 5000,
                    "contact_phone": 40, "contact_email": 200}
REQUIRED_BUILDING_FIELDS = ("name", "address", "postcode", "city", "area")


def building_values(building: Building) -> dict[str, Any]:
    return {name: getattr(building, name) for name in BUILDING_FIELDS}


def building_problems(values: dict[str, Any]) -> dict[str, str]:
    """What is wrong with a building's fields (pure)."""
    errors: dict[str, str] = {}
    required = {"name": _("Give the school a name."), "address": _("Give the street address."),
                "city": _("Give the town."), "area": _("Give the area (e.g. Jar, Rykkinn).")}
    for name in BUILDING_FIELDS:
        value = values.get(name)
        if not isinstance(value, str):
            errors[name] = _("Give it as text.")
        elif name in required and not value.strip():
            errors[name] = required[name]
        elif name in BUILDING_LENGTHS and len(value) > BUILDING_LENGTHS[name]:
            errors[name] = _("At most %(num)s characters.", num=BUILDING_LENGTHS[name])
    postcode = values.get("postcode")
    if "postcode" not in errors and not (isinstance(postcode, str) and len(postcode) == 4
                                         and postcode.isdigit()):
        errors["postcode"] = _("A Norwegian postcode is four digits.")
    email = values.get("contact_email")
    if "contact_email" not in errors and email:
        try:
            validate.Email()(email)
        except ValidationError:
            errors["contact_email"] = _("Give an e-mail address such as name@example.no.")
    return errors


def update_building(actor: User, building_id: int, changes: dict[str, Any]) -> Building:
    """Change a school's name, address, area, description or contact; the rooms and their
    bookings stay as they are."""
    if not actor.can_edit_catalogue:
        raise Forbidden(_("Only case officers and administrators can change the catalogue."))
    building = db.session.get(Building, building_id)
    if building is None:
        raise NotFound(_("There is no building %(id)s.", id=building_id),
                       code="building_not_found")
    unknown = set(changes) - set(BUILDING_FIELDS)
    before = building_values(building)
    after = before | {name: value.strip() if isinstance(value, str) else value
                      for name, value in changes.items()}
    errors = ({"building": _("These fields cannot be changed here: %(fields)s.",
                             fields=", ".join(sorted(unknown)))} if unknown
              else building_problems(after))
    if not errors and after["name"].lower() != before["name"].lower() and db.session.scalar(
            select(func.count(Building.id)).where(func.lower(Building.name)
                                                  == after["name"].lower())):
        errors["name"] = _("Another school is already called %(name)s.", name=after["name"])
    if errors:
        raise InvalidInput(next(iter(errors.values())), code="building_change_refused",
                           details=errors)
    differences = audit.diff(before, after)
    if differences:
        for name in differences:
            setattr(building, name, after[name])
        db.session.flush()
        audit.record(actor.id, "building.updated", "building", building.id,
                     _("School %(name)s changed: %(fields)s", name=building.name,
                       fields=", ".join(differences)), differences)
    return building
