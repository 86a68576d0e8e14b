"""The payment pages: pay for a booking by card, the webhook Stripe calls, and the case
officers' pages for payments, refunds and the monthly invoice basis.

The payment page runs the same code against Stripe and against the local server: the
Card Element tokenises the card in the browser (the number never reaches us), the
token is posted here, the server confirms the PaymentIntent, and only a card that
needs 3-D Secure goes back to the browser's ``confirmCardPayment``. The booking is
confirmed by the webhook alone; the page waits for it by asking the status URL.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

from flask import (
    Blueprint,
    Flask,
    Response,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import select

from booking import catalogue
from booking.accounts.auth import page_user
from booking.core.db import db, utcnow
from booking.core.errors import AppError
from booking.core.security import SITE_POLICY, talisman
from booking.organisations.operations import get_organisation
from booking.payments import checkout, invoices, reconciliation, webhooks
from booking.payments import stripe_gateway as gateway
from booking.payments.models import Payment, PaymentStatus, Refund, RefundStatus
from booking.reservations import cancellations
from booking.reservations.bookings import get_booking

bp = Blueprint("payments", __name__)
PAY_ENDPOINT = "payments.pay"
WEBHOOK_PATH = "/api/v1/payments/stripe-webhook"
# The booking page (reservations) shows what was paid and refunded without importing upwards.
bp.add_app_template_global(checkout.payment_of, "payment_of")


@bp.route("/mine-bookinger/<int:booking_id>/betal", methods=["GET", "POST"])
def pay(booking_id: int) -> ResponseReturnValue:
    """GET: the payment page. POST (from its script, JSON ``{"token": ...}``): charge the
    card; answers the intent's status, and its client secret when 3-D Secure is needed."""
    user = page_user()
    booking = get_booking(user, booking_id)
    if request.method == "POST":
        token = (request.get_json(silent=True) or {}).get("token")
        if not isinstance(token, str) or not token.startswith("tok_"):
            return _json_error(_("The card details did not arrive. Try again."), 400)
        try:
            intent = checkout.pay(user, booking_id, token)
        except AppError as refused:
            return _json_error(refused.message, refused.status)
        return jsonify({"status": intent.status,
                        "client_secret": intent.client_secret if intent.needs_action else None})
    try:
        checkout.check_payable(user, booking, utcnow())
    except AppError as refused:
        flash(refused.message)
        return redirect(url_for("bookings.booking_detail", booking_id=booking_id), code=303)
    payment = checkout.payment_of(booking_id)
    return render_template("payments/pay.html", booking=booking,
                           room=catalogue.current().rooms[booking.room_id],
                           stripe_js=gateway.script_url(), publishable_key=gateway.publishable_key(),
                           declined=bool(payment and payment.last_error),
                           policy=cancellations.policy_of(booking))



def _json_error(message: str, status: int) -> tuple[Response, int]:
    return jsonify({"error": {"message": message}}), status


@bp.get("/mine-bookinger/<int:booking_id>/betaling")
def payment_status(booking_id: int) -> ResponseReturnValue:
    """What the payment page waits for: the booking confirmed by the webhook."""
    user = page_user()
    booking = get_booking(user, booking_id)
    payment = checkout.payment_of(booking_id)
    return jsonify({"status": booking.status.value, "confirmed": booking.is_confirmed,
                    "declined": bool(payment and payment.last_error and not payment.succeeded),
                    "paid": bool(payment and payment.succeeded)})


@bp.post(WEBHOOK_PATH)
def stripe_webhook() -> ResponseReturnValue:
    """Stripe's events. Signed or refused with 400; each acted on once (see webhooks)."""
    try:
        event = gateway.verify_event(request.get_data(), request.headers.get("Stripe-Signature"))
    except gateway.InvalidWebhook as refused:
        return jsonify(refused.to_dict()), 400
    return jsonify({"received": True, "outcome": webhooks.handle(event)})


@bp.get("/saksbehandling/betalinger")
def payments_page() -> ResponseReturnValue:
    """Refunds not made yet (with Stripe's error) and charges that differ from our quote."""
    page_user(lambda user: user.can_verify_claims)
    waiting = list(db.session.scalars(select(Refund).where(Refund.status == RefundStatus.PENDING)
                                      .order_by(Refund.id)))
    recent = list(db.session.scalars(select(Payment).where(Payment.status == PaymentStatus.SUCCEEDED)
                                      .order_by(Payment.succeeded_at.desc()).limit(100)))
    return render_template("payments/payments.html", refunds=waiting, recent=recent,
                           mismatches=reconciliation.mismatches())


@bp.get("/saksbehandling/fakturagrunnlag")
def invoice_basis() -> ResponseReturnValue:
    """The month's invoice basis, on the page and as CSV (``?format=csv``)."""
    officer = page_user(lambda user: user.can_verify_claims)
    today = utcnow().date()
    try:
        month = date.fromisoformat(request.args.get("maaned", "") + "-01")
    except ValueError:
        month = today.replace(day=1)
    organisation_id = request.args.get("organisasjon", type=int)
    organisation = get_organisation(organisation_id) if organisation_id else None
    lines = invoices.invoice_lines(officer, month, organisation_id)
    if request.args.get("format") == "csv":
        name = f"fakturagrunnlag-{month:%Y-%m}" + (f"-{organisation.org_number}" if organisation else "")
        return Response(invoices.to_csv(lines), mimetype="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
    return render_template("payments/invoice_basis.html", lines=lines, month=month,
                           organisation=organisation,
                           total_ore=sum(line.amount_ore for line in lines))


@bp.post("/saksbehandling/organisasjoner/<int:organisation_id>/faktura")
def set_invoicing(organisation_id: int) -> ResponseReturnValue:
    officer = page_user(lambda user: user.can_verify_claims)
    organisation = get_organisation(organisation_id)
    invoices.set_pays_by_invoice(officer, organisation, request.form.get("pays_by_invoice") == "on")
    flash(_("%(name)s pays by invoice from the next booking on.", name=organisation.name)
          if organisation.pays_by_invoice else
          _("%(name)s pays by card from the next booking on.", name=organisation.name))
    return redirect(url_for("organisation.detail", organisation_id=organisation_id), code=303)


def init_app(app: Flask) -> None:
    """The payment page's Content-Security-Policy allows Stripe's script, frames and API
    (or the local server's) and nothing more; every other page keeps the site's."""
    with app.app_context():
        origins = gateway.page_origins()
    policy = {**SITE_POLICY, "script-src": ["'self'", *origins["script"]],
              "frame-src": origins["frame"], "connect-src": ["'self'", *origins["connect"]]}
    view = app.view_functions[PAY_ENDPOINT]

    @functools.wraps(view)  # a function per app: talisman marks the function it is given
    def pay_page(*args: Any, **kwargs: Any) -> Any:
        return view(*args, **kwargs)

    app.view_functions[PAY_ENDPOINT] = talisman(content_security_policy=policy)(pay_page)
