"""The demo municipality: twelve-plus real Bærum schools with plausible rooms,
Bærum's rental rules, a price list, organisations, a user for every role, and,
following the date it is loaded on, the school holidays of this school year
and the next and a season of bookings so calendars look lived-in.

Addresses, capacities and facilities are plausible, not surveyed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import func, select

from booking.accounts.models import Role, User
from booking.accounts.operations import create_user
from booking.core.db import db, utcnow
from booking.core.timeutil import local_date_of, local_day_span, local_to_utc
from booking.demo.school_year import Holiday, SchoolYear, school_year_of
from booking.facilities.models import (
    Building,
    Closure,
    ClosureKind,
    RentalWindow,
    Room,
    RoomFacility,
    RoomType,
    Unit,
)
from booking.facilities.public_holidays import public_holidays
from booking.organisations.models import (
    ClaimStatus,
    MemberRole,
    Membership,
    Organisation,
    OrganisationCategory,
)
from booking.organisations.orgnumber import check_digit
from booking.pricing.models import CustomerCategory, PriceList, PriceRate
from booking.reservations.availability import TimeRequest
from booking.reservations.bookings import BookingRequest, create_booking
from booking.reservations.models import ConflictPolicy

DEMO_PASSWORD = "demo-passord"

# Bærum's rules: Mon–Thu 17:00–21:45 regular; later evenings, Fridays and weekends
# only by agreement, with a supervisor.
BAERUM_WINDOWS = (
    [(day, time(17, 0), time(21, 45), False) for day in range(4)]
    + [(day, time(21, 45), time(23, 0), True) for day in range(4)]
    + [(4, time(16, 0), time(23, 0), True)]
    + [(day, time(9, 0), time(22, 0), True) for day in (5, 6)]
)



def season(today: date | None = None) -> SchoolYear:
    """The season the demo books: this school year, or in summer the one about to start."""
    return school_year_of(today or local_date_of(utcnow()))


def school_holidays(today: date | None = None) -> list[Holiday]:
    """The school holidays of this school year and the next."""
    this_year = season(today)
    return this_year.holidays + this_year.next().holidays

# name, area, address, postcode, city, gym halls ("split" for two halves)
SCHOOLS = [
    ("Jar skole", "Jar", "Ringstabekkveien 40", "1358", "Jar", "split"),
    ("Hosle skole", "Østerås", "Hosleveien 52", "1362", "Hosle", "split"),
    ("Levre skole", "Rykkinn", "Levreveien 10", "1348", "Rykkinn", "whole"),
    ("Stabekk skole", "Stabekk", "Gamle Drammensvei 90", "1369", "Stabekk", "split"),
    ("Bekkestua barneskole", "Bekkestua", "Gamle Ringeriksvei 35", "1356", "Bekkestua", "whole"),
    ("Eiksmarka skole", "Eiksmarka", "Eiksveien 85", "1359", "Eiksmarka", "split"),
    ("Rykkinn skole", "Rykkinn", "Rykkinnveien 100", "1349", "Rykkinn", "split"),
    ("Snarøya skole", "Fornebu", "Snarøyveien 95", "1367", "Snarøya", "whole"),
    ("Høvik skole", "Høvik", "Høvikveien 25", "1363", "Høvik", "whole"),
    ("Lysaker skole", "Lysaker", "Lysakerveien 20", "1366", "Lysaker", "split"),
    ("Bærums Verk skole", "Bærums Verk", "Verksgata 12", "1353", "Bærums Verk", "whole"),
    ("Haslum skole", "Haslum", "Haslumveien 40", "1344", "Haslum", "split"),
    ("Hauger skole", "Sandvika", "Haugerveien 2", "1337", "Sandvika", "whole"),
    ("Fornebu skole", "Fornebu", "Forneburingen 100", "1364", "Fornebu", None),
]

ACCESS = ("Hent nøkkelkort hos vaktmester før første leie. Inngang ved hovedinngangen; "
          "alarmen slås av med koden du får ved bekreftelse.")
RULES = ("Ingen alkohol. Innesko i gymsal. Rommet ryddes og ventilasjon slås av når dere går. "
         "Leietaker er ansvarlig for skader.")


def has_data() -> bool:
    return bool(db.session.scalar(select(func.count(Building.id))))


def fictional_org_number(seed: int) -> str:
    """A valid-looking organisation number (fictional) with a correct check digit."""
    base = 920_000_000 + seed * 7919
    while True:
        first_eight = str(base)[:8]
        digit = check_digit(first_eight)
        if digit is not None:
            return first_eight + str(digit)
        base += 10


def _add_windows(room: Room) -> None:
    for weekday, starts, ends, by_agreement in BAERUM_WINDOWS:
        room.windows.append(RentalWindow(weekday=weekday, starts=starts, ends=ends,
                                         by_agreement=by_agreement))


def _room(building: Building, name: str, room_type: RoomType, capacity: int,
          facilities: list[str], units: list[Unit], **extra) -> Room:
    room = Room(building=building, name=name, room_type=room_type, capacity=capacity,
                rules=RULES, access_instructions=ACCESS, units=units, **extra)
    room.facility_rows = [RoomFacility(facility=f) for f in facilities]
    _add_windows(room)
    db.session.add(room)
    return room


def add_school(name: str, area: str, address: str, postcode: str, city: str,
               gym: str | None, index: int) -> Building:
    """One school with its rooms. ``index`` varies capacities and facilities."""
    building = Building(name=name, area=area, address=address, postcode=postcode, city=city,
                        description=f"{name} i {area}. Lokalene leies ut utenom skoletid.",
                        contact_phone=f"67 50 {40 + index % 50:02d} {10 + index % 80:02d}",
                        contact_email="utleie@baerum.kommune.no")
    db.session.add(building)
    step_free = ["step_free_access", "accessible_toilet"] if index % 3 else ["step_free_access"]
    if gym:
        hall = ["changing_rooms", "showers", "sports_equipment", *step_free]
        if gym == "split":
            half_a = Unit(building=building, name="Gymsal del A")
            half_b = Unit(building=building, name="Gymsal del B")
            _room(building, "Gymsal (hel)", RoomType.GYMSAL, 120, hall, [half_a, half_b], area_m2=540)
            _room(building, "Gymsal del A", RoomType.GYMSAL, 60, hall, [half_a], area_m2=270)
            _room(building, "Gymsal del B", RoomType.GYMSAL, 60, hall, [half_b], area_m2=270)
        else:
            _room(building, "Gymsal", RoomType.GYMSAL, 80, hall,
                  [Unit(building=building, name="Gymsal")], area_m2=300)
    _room(building, "Aula", RoomType.AULA, 150 + (index % 4) * 50,
          ["stage", "sound_system", "projector", *(["piano"] if index % 2 == 0 else []), *step_free],
          [Unit(building=building, name="Aula")],
          requires_approval=index % 5 == 0)
    _room(building, "Skolekjøkken", RoomType.SKOLEKJOKKEN, 24, ["kitchen", *step_free],
          [Unit(building=building, name="Skolekjøkken")])
    _room(building, "Musikkrom", RoomType.MUSIKKROM, 35,
          ["piano", "sound_system", *(["step_free_access"] if index % 2 else [])],
          [Unit(building=building, name="Musikkrom")])
    _room(building, "Klasserom 1", RoomType.KLASSEROM, 30, ["projector", "whiteboard", "wifi"],
          [Unit(building=building, name="Klasserom 1")])
    _room(building, "Møterom", RoomType.MOTEROM, 12, ["projector", "wifi", *step_free],
          [Unit(building=building, name="Møterom")])
    return building


def add_price_list(valid_from: date = date(2026, 1, 1), valid_to: date | None = None) -> PriceList:
    """Hourly rates in øre; local children and youth rent for free. It holds until replaced."""
    price_list = PriceList(name="Prisliste", valid_from=valid_from,
                           valid_to=valid_to, supervisor_hourly_ore=45_000,
                           full_refund_hours=168, partial_refund_hours=48,
                           partial_refund_percent=50)
    table = {  # room type: (other non-profit, private, commercial, cleaning fee)
        RoomType.GYMSAL: (5_200, 17_900, 20_600, 0),
        RoomType.AULA: (9_500, 30_000, 45_000, 60_000),
        RoomType.KLASSEROM: (3_000, 10_000, 15_000, 0),
        RoomType.SKOLEKJOKKEN: (6_000, 20_000, 30_000, 40_000),
        RoomType.MUSIKKROM: (4_000, 12_000, 18_000, 0),
        RoomType.MOTEROM: (2_500, 8_000, 12_000, 0),
    }
    for room_type, (nonprofit, private, commercial, cleaning) in table.items():
        for category, hourly, fee in (
            (CustomerCategory.CHILDREN_YOUTH_NONPROFIT, 0, 0),
            (CustomerCategory.OTHER_NONPROFIT, nonprofit, cleaning // 2),
            (CustomerCategory.PRIVATE, private, cleaning),
            (CustomerCategory.COMMERCIAL, commercial, cleaning),
        ):
            price_list.rates.append(PriceRate(room_type=room_type, category=category,
                                              hourly_ore=hourly, cleaning_fee_ore=fee))
    db.session.add(price_list)
    return price_list


def add_school_holidays(today: date | None = None) -> None:
    for holiday in school_holidays(today):
        starts_at, ends_at = local_day_span(holiday.first, holiday.last)
        db.session.add(Closure(kind=ClosureKind.SCHOOL_HOLIDAY, reason=holiday.name,
                               starts_at=starts_at, ends_at=ends_at))


@dataclass(frozen=True)
class DemoUser:
    email: str
    name: str
    role: Role
    what: str


DEMO_USERS = [
    DemoUser("innbygger@example.com", "Ingrid Innbygger", Role.RESIDENT, "resident"),
    DemoUser("leder@example.com", "Lars Leder", Role.RESIDENT,
             "admin of Jar IL and Bekkestua Skolekorps"),
    DemoUser("medlem@example.com", "Mona Medlem", Role.RESIDENT,
             "member of Stabekk Kammerkor and 1. Eiksmarka speidergruppe"),
    DemoUser("vaktmester@example.com", "Viktor Vaktmester", Role.CARETAKER,
             "caretaker of Jar skole and Stabekk skole"),
    DemoUser("saksbehandler@example.com", "Sara Saksbehandler", Role.CASE_OFFICER, "case officer"),
    DemoUser("admin@example.com", "Anders Admin", Role.ADMIN, "administrator"),
]

# name, category, home municipality, admin, members
DEMO_ORGANISATIONS = [
    ("Jar IL", OrganisationCategory.CHILDREN_YOUTH_NONPROFIT, "Bærum", "leder", []),
    ("Bekkestua Skolekorps", OrganisationCategory.CHILDREN_YOUTH_NONPROFIT, "Bærum", "leder", []),
    ("Stabekk Kammerkor", OrganisationCategory.OTHER_NONPROFIT, "Bærum", "medlem", []),
    ("1. Eiksmarka speidergruppe", OrganisationCategory.CHILDREN_YOUTH_NONPROFIT, "Bærum",
     "medlem", []),
    ("FAU Hosle skole", OrganisationCategory.OTHER_NONPROFIT, "Bærum", "innbygger", ["leder"]),
    ("Asker Dansesenter AS", OrganisationCategory.COMMERCIAL, "Asker", "admin", []),
]


INVOICED = {"Stabekk Kammerkor"}


def load_demo(today: date | None = None) -> str:
    """Load everything in one transaction; returns a one-line summary."""
    today = today or local_date_of(utcnow())
    schools = [add_school(*school, index=i) for i, school in enumerate(SCHOOLS)]
    add_price_list(valid_from=date(today.year - 1, 1, 1))
    add_school_holidays(today)
    users = {u.email.split("@")[0]: create_user(u.email, u.name, DEMO_PASSWORD, u.role)
             for u in DEMO_USERS}
    users["vaktmester"].caretaker_of = [schools[0], schools[3]]
    organisations = {}
    for i, (name, category, home, admin, members) in enumerate(DEMO_ORGANISATIONS):
        # The demo's clubs have had their category checked by the municipality.
        org = Organisation(name=name, category=category, home_municipality=home,
                           org_number=fictional_org_number(i + 1),
                           claim_status=ClaimStatus.VERIFIED,
                           # One club is invoiced after the month instead of paying by card.
                           pays_by_invoice=name in INVOICED,
                           email=f"post@{name.lower().split()[0].strip('.')}.example.com")
        org.memberships = [Membership(user=users[admin], role=MemberRole.ADMIN)] + [
            Membership(user=users[m], role=MemberRole.MEMBER) for m in members]
        db.session.add(org)
        organisations[name] = org
    db.session.flush()
    bookings = _add_demo_bookings(schools, users, organisations, today)
    db.session.commit()
    return (f"Demo municipality loaded: {len(schools)} schools, "
            f"{db.session.scalar(select(func.count(Room.id)))} rooms, {bookings} bookings.")


def _room_named(building: Building, name: str) -> Room:
    return next(room for room in building.rooms if room.name == name)


def open_day(weekday: int, not_before: date, today: date) -> date:
    """The first ``weekday`` on or after ``not_before`` with no school or public holiday."""
    holidays = school_holidays(today)
    day = not_before + timedelta(days=(weekday - not_before.weekday()) % 7)
    while (any(day in h for h in holidays)
           or public_holidays(day, day)):
        day += timedelta(weeks=1)
    return day


def _add_demo_bookings(schools: list[Building], users: dict[str, User],
                       organisations: dict[str, Organisation], today: date) -> int:
    """A season of weekly bookings and some one-offs, made through the booking engine.

    Weekly bookings run from the season's first week; the one-offs fall in the
    weeks after ``today``, on days the calendar allows.
    """
    this_season = season(today)
    # Booked as if two weeks before the season began, so every date is in the future.
    booked_at = local_to_utc(min(today, this_season.first_day) - timedelta(weeks=2), time(9))
    by_name = {school.name: school for school in schools}
    weekly = [  # school, room, organisation, booker, weekday, start, end, purpose, attendees
        ("Jar skole", "Gymsal (hel)", "Jar IL", "leder", 0, time(17), time(19),
         "Håndball, J12", 30),
        ("Jar skole", "Gymsal del A", "Jar IL", "leder", 2, time(19), time(21),
         "Innebandy, G14", 20),
        ("Bekkestua barneskole", "Aula", "Bekkestua Skolekorps", "leder", 1,
         time(18), time(20, 30), "Korpsøvelse", 45),
        ("Stabekk skole", "Musikkrom", "Stabekk Kammerkor", "medlem", 3,
         time(19), time(21, 30), "Korøvelse", 32),
        ("Eiksmarka skole", "Klasserom 1", "1. Eiksmarka speidergruppe", "medlem",
         2, time(18), time(20), "Speidermøte", 25),
    ]
    count = 0
    for school, room, org, booker, weekday, start, end, purpose, attendees in weekly:
        first = open_day(weekday, this_season.first_day, today)
        create_booking(users[booker], BookingRequest(
            room_id=_room_named(by_name[school], room).id,
            time=TimeRequest(first, start, end, this_season.last_day),
            purpose=purpose, attendees=attendees, organisation_id=organisations[org].id,
            conflict_policy=ConflictPolicy.SKIP), now=booked_at)
        count += 1
    soon = max(today, this_season.first_day) + timedelta(days=1)
    one_offs = [  # school, room, org or None, booker, weekday, weeks on, start, end, purpose, n
        ("Hosle skole", "Møterom", "FAU Hosle skole", "innbygger", 2, 0,
         time(18), time(20), "FAU-møte", 10),
        ("Stabekk skole", "Skolekjøkken", None, "innbygger", 3, 1, time(17, 30),
         time(21), "Bakekveld med naboer", 16),
        ("Jar skole", "Gymsal del B", None, "innbygger", 5, 3, time(12),
         time(15), "Barnebursdag", 25),
        ("Lysaker skole", "Aula", "Asker Dansesenter AS", "admin", 5, 5,
         time(10), time(16), "Danseforestilling", 140),
    ]
    for school, room, org_name, booker, weekday, weeks_on, start, end, purpose, attendees in one_offs:
        day = open_day(weekday, soon + timedelta(weeks=weeks_on), today)
        create_booking(users[booker], BookingRequest(
            room_id=_room_named(by_name[school], room).id,
            time=TimeRequest(day, start, end), purpose=purpose, attendees=attendees,
            organisation_id=organisations[org_name].id if org_name else None), now=booked_at)
        count += 1
    return count
