"""Every call to Stripe, and the only ``import stripe``: a second provider (Vipps) would be
a second module with these functions.

Without a secret key the calls go to the local Stripe-compatible server (localstripe,
``STRIPE_LOCAL_URL``) with placeholder test keys, and the pages load its Stripe.js; with
keys set, to Stripe. Nothing else in the app knows which.

Stripe's errors become ours: a declined card is ``PaymentDeclined`` (the user can try
another card), anything else (network, Stripe down, a bad request) is
``PaymentUnavailable``; both carry words for the user, never Stripe's own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import stripe
from flask import current_app
from flask_babel import gettext as _

from booking.core.errors import AppError

STRIPE_JS = "https://js.stripe.com/v3/"
# The origins Stripe.js itself loads frames from and talks to (its CSP guide).
STRIPE_ORIGINS = {"script": ["https://js.stripe.com", "https://*.js.stripe.com"],
                  "frame": ["https://js.stripe.com", "https://*.js.stripe.com",
                            "https://hooks.stripe.com"],
                  "connect": ["https://api.stripe.com"]}
LOCAL_SECRET_KEY = "sk_test_local"
LOCAL_PUBLISHABLE_KEY = "pk_test_local"


class PaymentDeclined(AppError):
    status = 402
    code = "card_declined"


class PaymentUnavailable(AppError):
    status = 503
    code = "payment_unavailable"


class InvalidWebhook(AppError):
    status = 400
    code = "invalid_webhook"


@dataclass(frozen=True)
class Intent:
    """What we read back of a PaymentIntent."""

    id: str
    client_secret: str
    status: str  # requires_payment_method, requires_action, processing, succeeded, canceled ...
    amount: int
    amount_received: int
    currency: str
    decline_message: str = ""

    @property
    def succeeded(self) -> bool:
        return self.status == "succeeded"

    @property
    def needs_action(self) -> bool:
        """3-D Secure: the browser finishes it with ``confirmCardPayment``."""
        return self.status == "requires_action"


def is_local() -> bool:
    return not current_app.config["STRIPE_SECRET_KEY"]


def _client() -> stripe.StripeClient:
    config = current_app.config
    if is_local():
        return stripe.StripeClient(LOCAL_SECRET_KEY, base_addresses={"api": config["STRIPE_LOCAL_URL"]},
                                   max_network_retries=0,
                                   http_client=stripe.RequestsClient(timeout=10))
    return stripe.StripeClient(config["STRIPE_SECRET_KEY"], max_network_retries=2,
                               http_client=stripe.RequestsClient(timeout=20))


def publishable_key() -> str:
    return LOCAL_PUBLISHABLE_KEY if is_local() else str(current_app.config["STRIPE_PUBLISHABLE_KEY"])


def script_url() -> str:
    """Stripe.js: Stripe's own, or the local server's stand-in (Card Element and
    ``confirmCardPayment`` only, which is all the payment page uses)."""
    return f"{current_app.config['STRIPE_LOCAL_URL']}/js.stripe.com/v3/" if is_local() else STRIPE_JS


def page_origins() -> dict[str, list[str]]:
    """What the payment page's Content-Security-Policy must allow beyond our own origin."""
    if is_local():
        parts = urlsplit(current_app.config["STRIPE_LOCAL_URL"])
        origin = f"{parts.scheme}://{parts.netloc}"
        return {"script": [origin], "frame": [origin], "connect": [origin]}
    return STRIPE_ORIGINS


def _intent(resource: Any) -> Intent:
    obj = resource.to_dict()
    error = obj.get("last_payment_error") or {}
    return Intent(id=obj["id"], client_secret=obj.get("client_secret") or "",
                  status=obj["status"], amount=int(obj["amount"]),
                  amount_received=int(obj.get("amount_received") or
                                      (obj["amount"] if obj["status"] == "succeeded" else 0)),
                  currency=str(obj["currency"]).upper(),
                  decline_message=_decline_words() if error else "")


def _decline_words() -> str:
    return _("The card was declined. Try another card, or ask your bank why.")


def _unavailable(error: stripe.StripeError) -> PaymentUnavailable:
    current_app.logger.warning("Stripe call failed: %s", error)
    return PaymentUnavailable(_("The payment service cannot be reached just now. Nothing was "
                                "charged; try again in a few minutes."))


def create_intent(amount_ore: int, currency: str, *, booking_id: int,
                  idempotency_key: str) -> Intent:
    """A PaymentIntent for our own quote. The key makes a repeat return the same intent."""
    try:
        obj = _client().v1.payment_intents.create(
            # Cards only, named: localstripe has no automatic_payment_methods (the typed
            # parameters of this stripe version leave the older key out).
            {"amount": amount_ore, "currency": currency.lower(),  # type: ignore[typeddict-unknown-key]
             "payment_method_types": ["card"], "metadata": {"booking_id": str(booking_id)}},
            {"idempotency_key": idempotency_key})
    except stripe.StripeError as error:
        raise _unavailable(error) from error
    return _intent(obj)


def retrieve_intent(intent_id: str) -> Intent:
    try:
        return _intent(_client().v1.payment_intents.retrieve(intent_id))
    except stripe.StripeError as error:
        raise _unavailable(error) from error


def pay_with_card_token(intent_id: str, token_id: str) -> Intent:
    """Confirm the intent with the card the browser tokenised (``stripe.createToken`` on the
    Card Element, so the card number never reaches us). A card that needs 3-D Secure comes
    back as ``requires_action``; a declined one raises ``PaymentDeclined``."""
    client = _client()
    try:
        token = client.v1.tokens.retrieve(token_id)
        client.v1.payment_intents.update(intent_id, {"payment_method": token.to_dict()["card"]["id"]})
        return _intent(client.v1.payment_intents.confirm(intent_id))
    except stripe.CardError as error:
        raise PaymentDeclined(_decline_words()) from error
    except stripe.InvalidRequestError as error:
        if error.http_status == 402:
            raise PaymentDeclined(_decline_words()) from error
        raise _unavailable(error) from error
    except stripe.StripeError as error:
        raise _unavailable(error) from error


def refund(intent_id: str, amount_ore: int, *, idempotency_key: str) -> str:
    """Give back part or all of a payment; the key makes a retried refund happen once.
    Returns Stripe's refund id."""
    try:
        obj = _client().v1.refunds.create({"payment_intent": intent_id, "amount": amount_ore},
                                          {"idempotency_key": idempotency_key})
    except stripe.StripeError as error:
        raise _unavailable(error) from error
    return str(obj["id"])


def verify_event(payload: bytes, signature: str | None) -> dict[str, Any]:
    """The event Stripe signed, or ``InvalidWebhook`` for anything else (no or a wrong
    signature, a replay older than five minutes, a body that is not an event)."""
    try:
        event = stripe.Webhook.construct_event(payload, signature,
                                               current_app.config["STRIPE_WEBHOOK_SECRET"])
    except (ValueError, stripe.SignatureVerificationError) as error:
        raise InvalidWebhook("The webhook's signature is missing or wrong.") from error
    return event.to_dict()
