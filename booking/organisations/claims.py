"""Claimed price categories: a category or home municipality that lowers the price is a
claim until a case officer verifies it (``pricing.customer_category_for`` gives the
private rate until then). Editing what the claim rests on makes it a claim again.
"""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from booking.accounts.models import User
from booking.core.db import db, utcnow
from booking.core.errors import Conflict, Forbidden, InvalidInput
from booking.organisations import events
from booking.organisations.models import ClaimStatus, Organisation


def reassess(organisation: Organisation, note: str | None = None) -> None:
    """After registering or editing: a claim that lowers the price waits for a case
    officer; anything else needs no one."""
    if note is not None:
        organisation.claim_note = note.strip()
    if organisation.claims_reduced_rate(current_app.config["MUNICIPALITY_NAME"]):
        organisation.claim_status = ClaimStatus.PENDING
    else:
        organisation.claim_status = ClaimStatus.NONE
    organisation.claim_decided_by_id, organisation.claim_decided_at = None, None
    organisation.claim_reason = ""


def pending() -> list[Organisation]:
    return list(db.session.scalars(select(Organisation)
                                   .where(Organisation.claim_status == ClaimStatus.PENDING)
                                   .order_by(Organisation.created_at)))


def decide(officer: User, organisation: Organisation, *, verified: bool, reason: str) -> None:
    """Verify the claim, or refuse it with a reason the organisation is told. Nobody
    decides for an organisation they belong to."""
    if not officer.can_verify_claims:
        raise Forbidden(_("Only case officers verify categories."))
    if officer.membership_in(organisation.id) is not None:
        raise Forbidden(_("You are a member of %(name)s: another case officer must decide.",
                          name=organisation.name), code="own_organisation")
    if organisation.claim_status is not ClaimStatus.PENDING:
        raise Conflict(_("There is no claim waiting for a decision."), code="no_pending_claim")
    if not verified and not reason.strip():
        raise InvalidInput(_("Say why the claim is refused: the organisation is told."),
                           code="reason_required", details={"reason": "required"})
    organisation.claim_status = ClaimStatus.VERIFIED if verified else ClaimStatus.REFUSED
    organisation.claim_decided_by_id, organisation.claim_decided_at = officer.id, utcnow()
    organisation.claim_reason = reason.strip()
    events.claim_decided.send(organisation)
