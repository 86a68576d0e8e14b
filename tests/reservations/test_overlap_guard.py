"""The database itself refuses overlapping occupancies, without the app's check."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from booking.core.db import db
from booking.facilities.models import Room
from booking.reservations.models import Booking, BookingStatus, Occupancy, Occurrence

T18 = datetime(2030, 1, 10, 17, 0, tzinfo=UTC)


def _occupy(room_id: int, unit_index: int, starts_at: datetime, hours: float) -> None:
    room = db.session.get(Room, room_id)
    booking = Booking(booker_id=1, room_id=room_id, purpose="Direkte", attendees=1,
                      status=BookingStatus.CONFIRMED, customer_category="private")
    db.session.add(booking)
    db.session.flush()
    ends_at = starts_at + timedelta(hours=hours)
    booking.occurrences.append(Occurrence(starts_at=starts_at, ends_at=ends_at, occupancies=[
        Occupancy(unit_id=room.units[unit_index].id, booking_id=booking.id,
                  starts_at=starts_at, ends_at=ends_at)]))
    db.session.flush()


@pytest.mark.parametrize(("offset_hours", "hours", "collides"), [
    (0, 2, True),  # same span
    (1, 2, True),  # overlaps the end
    (-1, 1.5, True),  # overlaps the start
    (0.5, 0.5, True),  # inside
    (2, 1, False),  # starts when the other ends
    (-1, 1, False),  # ends when the other starts
])
def test_guard_on_one_unit(world, ctx, offset_hours, hours, collides):
    _occupy(world.half_a, 0, T18, 2)
    starts_at = T18 + timedelta(hours=offset_hours)
    if collides:
        with pytest.raises(IntegrityError, match="occupancy_no_overlap"):
            _occupy(world.half_a, 0, starts_at, hours)
        db.session.rollback()
    else:
        _occupy(world.half_a, 0, starts_at, hours)
        db.session.commit()


def test_guard_allows_other_units_at_the_same_time(world, ctx):
    _occupy(world.half_a, 0, T18, 2)
    _occupy(world.half_b, 0, T18, 2)
    db.session.commit()
    with pytest.raises(IntegrityError):
        _occupy(world.whole_hall, 1, T18, 2)  # the whole hall's unit B is half B's unit
    db.session.rollback()
