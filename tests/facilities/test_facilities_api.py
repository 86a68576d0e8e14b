from __future__ import annotations

from booking.accounts.models import Role


def test_buildings_and_rooms(client, world):
    buildings = client.get("/api/v1/buildings").json
    assert [b["name"] for b in buildings] == ["Jar skole", "Levre skole"]
    assert [b["name"] for b in client.get("/api/v1/buildings?area=Rykkinn").json] == ["Levre skole"]
    jar = client.get(f"/api/v1/buildings/{world.jar_id}").json
    assert world.whole_hall in jar["room_ids"]
    room = client.get(f"/api/v1/rooms/{world.whole_hall}", headers={"Accept-Language": "nb"}).json
    assert room["room_type_label"] == "gymsal"
    assert len(room["unit_ids"]) == 2
    assert {"weekday": 0, "starts": "17:00", "ends": "21:45", "by_agreement": False,
            "valid_from": None, "valid_to": None} in room["windows"]
    assert "alkohol" in room["rules"]
    assert client.get("/api/v1/rooms/999999").json["error"]["code"] == "room_not_found"
    assert client.get("/api/v1/buildings/999999").status_code == 404


def test_room_filters(client, world):
    rooms = client.get("/api/v1/rooms?capacity=100").json
    assert rooms and all(r["capacity"] >= 100 for r in rooms)
    pianos = client.get("/api/v1/rooms?facility=piano&room_type=musikkrom").json
    assert pianos and all("piano" in r["facilities"] for r in pianos)
    assert client.get("/api/v1/rooms?capacity=abc").status_code == 422


def test_closures_by_case_officers_only(client, world):
    body = {"first_day": "2030-02-01", "last_day": "2030-02-02", "reason": "Vedlikehold",
            "kind": "maintenance", "room_id": world.kitchen}
    assert client.post("/api/v1/closures", json=body, headers=world.headers()).status_code == 403
    created = client.post("/api/v1/closures", json=body, headers=world.headers(Role.CASE_OFFICER))
    assert created.status_code == 201
    assert created.json["closure"]["building_id"] == world.jar_id
    assert created.json["closure"]["starts_at"] == "2030-02-01T00:00:00+01:00"
    listed = client.get("/api/v1/closures?from=2030-01-01&to=2030-03-01").json
    assert [c["reason"] for c in listed] == ["Vedlikehold"]
    backwards = client.post("/api/v1/closures", headers=world.headers(Role.CASE_OFFICER),
                            json={**body, "last_day": "2030-01-01"})
    assert backwards.status_code == 422


def test_prices(client, world):
    prices = client.get("/api/v1/prices?room_type=gymsal", headers={"Accept-Language": "en"}).json
    by_category = {r["category"]: r["hourly_ore"] for r in prices["rates"]}
    assert by_category == {"children_youth_nonprofit": 0, "other_nonprofit": 5_200,
                           "private": 17_900, "commercial": 20_600}
    assert prices["price_list"]["full_refund_hours"] == 168


def test_front_page_and_api_docs(client, world):
    page = client.get("/", headers={"Accept-Language": "nb"})
    assert page.status_code == 200
    assert "Jar skole" in page.text and 'lang="nb"' in page.text
    spec = client.get("/api/v1/openapi.json").json
    assert "/api/v1/availability" in spec["paths"]
    assert "bearerAuth" in spec["components"]["securitySchemes"]
    assert client.get("/api/v1/docs").status_code == 200


def test_info(client, world):
    info = client.get("/api/v1/info").json
    assert info["municipality"] == "Bærum"
    assert "67 50 40 50" in info["contact"]


def test_the_area_filter_is_one_rule_everywhere(client, world, db_app):
    """Case-insensitive and exact, also for Norwegian letters, in every listing."""
    from fixtures.factories import create_school

    from booking.core.db import db

    with db_app.app_context():
        create_school("Hosle skole", area="Østerås")
        db.session.commit()
    day = world.bookable_day(3).isoformat()

    def listed(area):
        buildings = {b["name"] for b in client.get("/api/v1/buildings", query_string={
            "area": area}).json}
        rooms = {r["building"]["name"] for r in client.get("/api/v1/rooms", query_string={
            "area": area}).json}
        offers = {o["room"]["building"]["name"] for o in client.get(
            "/api/v1/availability", query_string={"area": area, "date": day, "start": "18:00",
                                                  "end": "20:00"}).json}
        assert buildings == rooms == offers
        return buildings

    assert listed("ØSTERÅS") == listed(" østerås ") == {"Hosle skole"}
    assert listed("jar") == {"Jar skole"}
    assert listed("ja") == listed("%") == listed("_ar") == set()
