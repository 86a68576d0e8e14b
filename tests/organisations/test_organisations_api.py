from __future__ import annotations

import re

from booking.accounts.models import Role
from booking.core.db import db
from booking.notifications.models import OutgoingMail
from booking.organisations.models import Organisation

NEW_ORG = {"name": "Haslum Håndballklubb", "org_number": "974 760 673",
           "home_municipality": "Bærum", "category": "children_youth_nonprofit"}


def test_register_organisation_with_a_checked_number(client, world, db_app):
    headers = world.headers("other")
    # world's club already holds 974760673; use another valid number.
    response = client.post("/api/v1/organisations", headers=headers,
                           json={**NEW_ORG, "org_number": "NO 923 609 016 MVA"})
    assert response.status_code == 201, response.json
    assert response.json["org_number"] == "923609016"
    members = client.get(f"/api/v1/organisations/{response.json['id']}/members", headers=headers)
    assert [(m["email"], m["role"]) for m in members.json] == [("other@example.com", "admin")]


def test_invalid_and_duplicate_numbers_are_refused(client, world, db_app):
    headers = world.headers("other", lang="nb")
    with db_app.app_context():
        before = db.session.query(Organisation).count()
    bad = client.post("/api/v1/organisations", headers=headers,
                      json={**NEW_ORG, "org_number": "974760672"})
    assert bad.status_code == 422
    assert bad.json["error"]["code"] == "invalid_org_number"
    assert "ikke et gyldig organisasjonsnummer" in bad.json["error"]["message"]
    duplicate = client.post("/api/v1/organisations", headers=headers, json=NEW_ORG)
    assert duplicate.status_code == 409
    wrong_category = client.post("/api/v1/organisations", headers=headers,
                                 json={**NEW_ORG, "category": "secret_society"})
    assert wrong_category.status_code == 422
    with db_app.app_context():
        assert db.session.query(Organisation).count() == before


def test_members_are_private_and_admins_invite_members(client, world, db_app):
    """An invitation tells the inviter nothing about the address (the same answer for a
    registered one and an unknown one, no name); the mailed token makes the member."""
    url = f"/api/v1/organisations/{world.club_id}/members"
    invitations = f"/api/v1/organisations/{world.club_id}/invitations"
    assert client.get(url).status_code == 401
    assert client.get(url, headers=world.headers("other")).status_code == 403
    assert client.get(url, headers=world.headers(Role.CASE_OFFICER)).status_code == 200
    refused = client.post(invitations, headers=world.headers("other"),
                          json={"email": "other@example.com"})
    assert refused.status_code == 403
    known = client.post(invitations, headers=world.headers(), json={"email": "other@example.com"})
    unknown = client.post(invitations, headers=world.headers(),
                          json={"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 201
    assert set(known.json) == set(unknown.json) == {"id", "email", "role", "created_at",
                                                    "expires_at"}
    assert "Other" not in str(known.json)
    with db_app.app_context():
        mail = db.session.scalars(db.select(OutgoingMail).where(
            OutgoingMail.to_address == "other@example.com", OutgoingMail.event == "invitation")
        ).one()
    token = re.search(r"/invitasjon/(\S+)", mail.body).group(1)
    assert client.get(url, headers=world.headers("other")).status_code == 403  # not yet
    accepted = client.post("/api/v1/invitations/accept", headers=world.headers("other"),
                           json={"token": token})
    assert accepted.status_code == 201, accepted.json
    assert accepted.json["role"] == "member"
    again = client.post("/api/v1/invitations/accept", headers=world.headers("other"),
                        json={"token": token})
    assert again.status_code == 404  # used
    assert client.get(url, headers=world.headers("other")).status_code == 200


def test_show_and_search_organisations(client, world):
    assert client.get(f"/api/v1/organisations/{world.club_id}").json["name"] == "Jar IL"
    assert client.get("/api/v1/organisations/999999").status_code == 404
    found = client.get("/api/v1/organisations", query_string={"name": "jar"}).json
    assert [o["name"] for o in found] == ["Jar IL"]
