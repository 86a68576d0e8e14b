"""Who may do what: every can_* per role, table-driven, on a booking someone else owns."""

from __future__ import annotations

import pytest
from fixtures.calendar import bookable_day
from fixtures.factories import (
    create_booking,
    create_organisation,
    create_price_list,
    create_school,
    create_user,
    room_named,
)
from flask import current_app
from helpers import THURSDAY

from booking.accounts.models import Role

# who -> (view, cancel, decide) the booking a member made for the club at school A
BOOKING = {
    "booker": (True, True, False),
    "other_resident": (False, False, False),
    "club_member": (True, False, False),
    "club_admin": (True, True, False),
    "caretaker_here": (True, False, False),
    "caretaker_elsewhere": (False, False, False),
    "case_officer": (True, True, True),
    "admin": (True, True, True),
    # a case officer who belongs to the club: nobody decides their own organisation's request
    "case_officer_in_club": (True, True, False),
}

# who -> (book for the club, see its members, manage its members)
ORGANISATION = {
    "booker": (True, True, False),
    "other_resident": (False, False, False),
    "club_member": (True, True, False),
    "club_admin": (True, True, True),
    "caretaker_here": (False, False, False),
    "caretaker_elsewhere": (False, False, False),
    "case_officer": (True, True, True),
    "admin": (True, True, True),
}

# who -> (see everyone's bookings, decide requests, manage closures)
STAFF = {"booker": (False,) * 3, "other_resident": (False,) * 3, "club_member": (False,) * 3,
         "club_admin": (False,) * 3, "caretaker_here": (False,) * 3,
         "caretaker_elsewhere": (False,) * 3, "case_officer": (True,) * 3, "admin": (True,) * 3}


@pytest.fixture
def cast(ctx):
    create_price_list()
    here, elsewhere = create_school(), create_school()
    people = {
        "booker": create_user(), "other_resident": create_user(), "club_member": create_user(),
        "club_admin": create_user(),
        "caretaker_here": create_user(Role.CARETAKER, caretaker_of=[here]),
        "caretaker_elsewhere": create_user(Role.CARETAKER, caretaker_of=[elsewhere]),
        "case_officer": create_user(Role.CASE_OFFICER), "admin": create_user(Role.ADMIN),
        "case_officer_in_club": create_user(Role.CASE_OFFICER),
    }
    club = create_organisation(people["club_admin"], members=(
        people["booker"], people["club_member"], people["case_officer_in_club"]))
    room = room_named(here, "Klasserom 1")
    booking = create_booking(people["booker"], room,
                             bookable_day(current_app, THURSDAY, room_id=room.id),
                             organisation=club)
    return people, club, booking


@pytest.mark.parametrize("who", BOOKING)
def test_booking_permissions(cast, who):
    people, _club, booking = cast
    user = people[who]
    assert (booking.can_view(user), booking.can_cancel(user), booking.can_decide(user)) \
        == BOOKING[who]


@pytest.mark.parametrize("who", ORGANISATION)
def test_organisation_permissions(cast, who):
    people, club, _booking = cast
    user = people[who]
    assert (club.can_book_for(user), club.can_see_members(user),
            club.can_manage_members(user)) == ORGANISATION[who]


@pytest.mark.parametrize("who", STAFF)
def test_staff_permissions(cast, who):
    user = cast[0][who]
    assert (user.can_see_all_bookings, user.can_decide_requests,
            user.can_manage_closures) == STAFF[who]
