from __future__ import annotations

from datetime import time, timedelta

from helpers import THURSDAY

from booking.accounts.models import Role
from booking.core.db import db, utcnow
from booking.reservations.models import Booking, BookingStatus, Occupancy, Occurrence


def search(client, day, start="18:00", end="20:00", headers=None, **params):
    query = {"date": day.isoformat(), "start": start, "end": end, **params}
    response = client.get("/api/v1/availability", query_string=query, headers=headers or {})
    assert response.status_code == 200, response.json
    return {offer["room"]["id"]: offer for offer in response.json}


def test_single_slot_lists_free_rooms_with_price(client, world):
    offers = search(client, world.bookable_day(THURSDAY))
    assert set(offers) == set(world.rooms.values())
    half = offers[world.half_a]
    assert half["total_ore"] == 35_800
    assert half["customer_category"] == "private"
    assert half["requires_approval"] is False


def test_booked_units_drop_out_of_the_search(client, world):
    day = world.bookable_day(THURSDAY)
    booked = client.post("/api/v1/bookings", headers=world.headers(), json={
        "room_id": world.half_a, "date": day.isoformat(), "start": "18:00", "end": "20:00",
        "purpose": "Trening"})
    assert booked.status_code == 201
    offers = search(client, day)
    assert world.half_a not in offers and world.whole_hall not in offers
    assert world.half_b in offers
    later = search(client, day, "20:00", "21:00")
    assert world.half_a in later and world.whole_hall in later


def test_filters(client, world):
    day = world.bookable_day(THURSDAY)
    assert set(search(client, day, room_type="gymsal")) == {
        world.whole_hall, world.half_a, world.half_b, world.levre_hall}
    assert set(search(client, day, capacity=100, room_type="gymsal")) == {world.whole_hall}
    kitchens = search(client, day, facility="kitchen")
    assert set(kitchens) == {world.kitchen, world.rooms["Levre skole/Skolekjøkken"]}
    assert all(o["room"]["building"]["area"] == "Rykkinn"
               for o in search(client, day, area="rykkinn").values())
    assert set(search(client, day, building_id=world.levre_id)) == {
        r for name, r in world.rooms.items() if name.startswith("Levre")}
    stage_and_piano = search(client, day, facility=["stage", "piano"])
    assert all({"stage", "piano"} <= set(o["room"]["facilities"]) for o in stage_and_piano.values())


def test_price_follows_the_organisation_or_category(client, world):
    day = world.bookable_day(THURSDAY)
    club = search(client, day, headers=world.headers(), organisation_id=world.club_id)
    assert club[world.half_a]["total_ore"] == 0
    nonprofit = search(client, day, category="other_nonprofit")
    assert nonprofit[world.half_a]["total_ore"] == 2 * 5_200


def test_season_search_lists_closures_as_skipped(client, world):
    first = world.bookable_day(THURSDAY, weeks=10)
    closed_day = first + timedelta(weeks=3)
    response = client.post("/api/v1/closures", headers=world.headers(Role.CASE_OFFICER), json={
        "first_day": closed_day.isoformat(), "last_day": closed_day.isoformat(),
        "reason": "Juleavslutning", "kind": "own_use"})
    assert response.status_code == 201
    offers = search(client, first, repeat_weekly_until=(first + timedelta(weeks=9)).isoformat())
    offer = offers[world.half_a]
    skipped_dates = {s["date"]: s["reason"] for s in offer["skipped"]}
    assert skipped_dates[closed_day.isoformat()] == "Juleavslutning"
    assert offer["occurrences"] == 10 - len(offer["skipped"])
    assert offer["total_ore"] == offer["occurrences"] * 35_800


def test_schedule_shows_busy_and_free(client, world):
    day = world.bookable_day(THURSDAY)
    client.post("/api/v1/bookings", headers=world.headers(), json={
        "room_id": world.half_b, "date": day.isoformat(), "start": "18:00", "end": "20:00",
        "purpose": "Trening"})
    response = client.get(f"/api/v1/rooms/{world.whole_hall}/schedule",
                          query_string={"from": day.isoformat(), "to": day.isoformat()})
    assert response.status_code == 200
    schedule = response.json
    assert [(b["starts_at"][11:16], b["ends_at"][11:16]) for b in schedule["busy"]] == [
        ("18:00", "20:00")]
    assert [(f["starts_at"][11:16], f["ends_at"][11:16], f["by_agreement"])
            for f in schedule["free"]] == [
        ("17:00", "18:00", False), ("20:00", "21:45", False), ("21:45", "23:00", True)]
    too_long = client.get(f"/api/v1/rooms/{world.whole_hall}/schedule", query_string={
        "from": day.isoformat(), "to": (day + timedelta(days=200)).isoformat()})
    assert too_long.status_code == 422


def test_quote_prices_without_booking(client, world, db_app):
    day = world.bookable_day(THURSDAY, weeks=2, room_id=world.kitchen, start=time(17, 30),
                             end=time(21))
    response = client.post("/api/v1/quotes", json={
        "room_id": world.kitchen, "date": day.isoformat(), "start": "17:30", "end": "21:00",
        "repeat_weekly_until": (day + timedelta(weeks=1)).isoformat()})
    assert response.status_code == 200
    quote = response.json
    # 3.5 hours at 200 NOK plus a 400 NOK cleaning fee, twice.
    assert quote["total_ore"] == 2 * (3_5 * 20_000 // 10 + 40_000)
    assert quote["breakdown"]["cleaning_ore"] == 80_000
    with db_app.app_context():
        assert db.session.query(Booking).count() == 0


def test_expired_holds_are_released_before_booking(client, world, db_app):
    from booking.core.timeutil import local_to_utc

    day = world.bookable_day(THURSDAY)
    with db_app.app_context():
        starts_at = local_to_utc(day, time(18))
        ends_at = starts_at + timedelta(hours=2)
        hold = Booking(booker_id=1, room_id=world.half_a, purpose="Checkout", attendees=1,
                       status=BookingStatus.HELD, customer_category="private",
                       expires_at=utcnow() - timedelta(minutes=1))
        db.session.add(hold)
        db.session.flush()
        hold.occurrences.append(Occurrence(starts_at=starts_at, ends_at=ends_at, occupancies=[
            Occupancy(unit_id=db.session.get(Booking, hold.id).room.units[0].id,
                      booking_id=hold.id, starts_at=starts_at, ends_at=ends_at)]))
        db.session.commit()
        hold_id = hold.id
    response = client.post("/api/v1/bookings", headers=world.headers(), json={
        "room_id": world.half_a, "date": day.isoformat(), "start": "18:00", "end": "20:00",
        "purpose": "Trening"})
    assert response.status_code == 201, response.json
    with db_app.app_context():
        assert db.session.get(Booking, hold_id).status == BookingStatus.EXPIRED


def test_offer_json_matches_the_documented_schema(world, ctx):
    """The hand-written offer serialiser must say exactly what OfferSchema documents."""
    from booking import catalogue
    from booking.facilities.labels import labels
    from booking.reservations import availability
    from booking.reservations.schemas import OfferSchema, offer_json

    day = world.bookable_day(THURSDAY, weeks=3, start=time(21), end=time(22))
    request = availability.TimeRequest(day, time(21), time(22), day + timedelta(weeks=2))
    for plan in (
        availability.plan_booking(catalogue.current().room(world.whole_hall), request,
                                  attendees=5, organisation=None, now=utcnow()),
        *availability.search_availability(request,
                                          availability.SearchFilters(room_type="gymsal")),
    ):
        documented = OfferSchema().dump({
            "room": plan.room, "customer_category": plan.category,
            "currency": plan.price_list.currency, "total_ore": plan.quote.total_ore,
            "occurrences": plan.quote.occurrences, "dates": [v.slot.day for v in plan.bookable],
            "breakdown": plan.quote.__dict__, "requires_approval": plan.requires_approval,
            "approval_reasons": plan.approval_reasons, "needs_supervisor": plan.needs_supervisor,
            "skipped": [{"day": v.slot.day, "reason_code": v.outcome.value, "reason": v.reason}
                        for v in plan.refused]})
        assert offer_json(plan, labels()) == documented
        assert plan.needs_supervisor  # 21-22 runs past 21:45
