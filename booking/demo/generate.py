"""Municipality-scale data for benchmarks: generated schools and a season of bookings.

``--scale 1`` is Bærum's size: 44 schools (the demo ones and generated ones)
with every regular evening and weekend slot of the generated schools' rooms
booked weekly for the demo's season (this school year), about 100,000 occurrences. Rows are
bulk-inserted for speed, but every slot is judged by the same rules as a real
booking and the database's overlap guard still checks every occupancy.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import func, insert, select, text

from booking import catalogue
from booking.accounts.models import User
from booking.core.db import db, is_postgresql
from booking.demo.municipality import add_school, season
from booking.facilities.models import Building, Room
from booking.reservations.models import Booking, BookingStatus, Occupancy, Occurrence
from booking.reservations.planning import judge_slots
from booking.reservations.recurrence import expand_weekly

SCHOOLS_PER_SCALE = 44
AREAS = ["Sandvika", "Bekkestua", "Fornebu", "Stabekk", "Rykkinn", "Østerås", "Kolsås", "Høvik"]
# weekday offset from the season's first Monday, start, end
WEEKLY_SLOTS = (
    [(day, time(17), time(19)) for day in range(4)]
    + [(day, time(19), time(21, 30)) for day in range(4)]
    + [(day, start, end) for day in (5, 6)
       for start, end in ((time(10), time(12)), (time(12), time(14)), (time(14), time(16)))]
)


def generate(scale: int) -> str:
    existing = db.session.scalar(select(func.count(Building.id))) or 0
    target = SCHOOLS_PER_SCALE * scale
    new_schools = [
        add_school(f"Generert skole {n}", AREAS[n % len(AREAS)], f"Skoleveien {n}", "1300",
                   AREAS[n % len(AREAS)], "split" if n % 2 else "whole", index=n)
        for n in range(existing + 1, target + 1)
    ]
    db.session.flush()
    booker = db.session.scalars(select(User).order_by(User.id).limit(1)).one()
    rooms = [room for school in new_schools for room in school.rooms
             if len(room.units) == 1]  # halves, not the whole hall: they would overlap
    occurrences = _book_season(rooms, booker)
    db.session.commit()
    total_rooms = db.session.scalar(select(func.count(Room.id)))
    return (f"Generated {len(new_schools)} schools; {total_rooms} rooms in all; "
            f"{occurrences} occurrences added.")


def _book_season(rooms: list[Room], booker: User) -> int:
    this_season = season()
    season_start, season_end = this_season.first_day, this_season.last_day
    known = catalogue.current()
    rules = known.rules([known.rooms[room.id] for room in rooms], season_start, season_end)
    now = datetime.now(UTC)
    next_occurrence = (db.session.scalar(select(func.max(Occurrence.id))) or 0) + 1
    next_occupancy = (db.session.scalar(select(func.max(Occupancy.id))) or 0) + 1
    total = 0
    for room in rooms:
        bookings, occurrence_rows, occupancy_rows = [], [], []
        for weekday, start, end in WEEKLY_SLOTS:
            first = season_start + timedelta(days=weekday)
            slots = expand_weekly(first, start, end, season_end)
            judgement = judge_slots(slots, rules[room.id].windows, rules[room.id].blackouts, [])
            bookings.append((judgement, first))
        new_bookings = insert(Booking).returning(Booking.id, sort_by_parameter_order=True)
        booking_ids = db.session.execute(new_bookings, [{
            "booker_id": booker.id, "room_id": room.id, "purpose": "Generert trening",
            "attendees": 10, "status": BookingStatus.CONFIRMED, "customer_category": "private",
            "repeat_until": season_end, "conflict_policy": "skip", "created_at": now,
            "needs_supervisor": judgement.needs_agreement, "approval_reasons": "",
            "total_ore": 0, "currency": "NOK", "decision_note": "",
        } for judgement, _first in bookings]).scalars().all()
        for booking_id, (judgement, _first) in zip(booking_ids, bookings, strict=True):
            for verdict in judgement.bookable:
                slot = verdict.slot
                occurrence_rows.append({
                    "id": next_occurrence, "booking_id": booking_id, "starts_at": slot.starts_at,
                    "ends_at": slot.ends_at, "status": "scheduled",
                    "needs_supervisor": verdict.by_agreement, "price_ore": 0, "refund_ore": 0})
                occupancy_rows.append({
                    "id": next_occupancy, "occurrence_id": next_occurrence,
                    "booking_id": booking_id, "unit_id": room.unit_ids[0],
                    "starts_at": slot.starts_at, "ends_at": slot.ends_at})
                next_occurrence += 1
                next_occupancy += 1
        db.session.execute(insert(Occurrence), occurrence_rows)
        db.session.execute(insert(Occupancy), occupancy_rows)
        total += len(occurrence_rows)
    if is_postgresql():
        for table in ("occurrence", "occupancy"):
            db.session.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"))
    return total
