from __future__ import annotations

from sqlalchemy import func, select

from booking.core.db import db
from booking.demo import municipality
from booking.facilities.models import Building, Room
from booking.reservations.models import Booking, BookingStatus, Occurrence


def test_demo_municipality_loads_through_the_booking_engine(ctx):
    summary = municipality.load_demo()
    assert "14 schools" in summary
    names = set(db.session.scalars(select(Building.name)))
    for school in ("Jar skole", "Hosle skole", "Levre skole", "Stabekk skole",
                   "Bekkestua barneskole", "Eiksmarka skole", "Rykkinn skole", "Snarøya skole",
                   "Høvik skole", "Lysaker skole", "Bærums Verk skole", "Haslum skole"):
        assert school in names
    assert db.session.scalar(select(func.count(Room.id))) >= 80
    divided = db.session.scalars(select(Room).where(Room.name == "Gymsal (hel)")).all()
    assert len(divided) >= 5 and all(len(room.units) == 2 for room in divided)
    assert db.session.scalar(select(func.count(Occurrence.id))) > 150
    statuses = set(db.session.scalars(select(Booking.status)))
    assert {BookingStatus.CONFIRMED, BookingStatus.PENDING_APPROVAL} <= statuses
    assert municipality.has_data()


def test_fictional_org_numbers_are_valid():
    from booking.organisations.orgnumber import is_valid

    assert all(is_valid(municipality.fictional_org_number(n)) for n in range(1, 50))
