"""Rate limits (Flask-Limiter). In memory per process by default; production
should point BOOKING_RATELIMIT_STORAGE_URI at Redis so all processes share them."""

from __future__ import annotations

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, default_limits=[])


def login_limits(email_of_request):
    """Decorate a login view with two limits on failed logins: per address and per account
    (the e-mail given, whether or not such an account exists, so the limit tells nothing).

    Behind a reverse proxy the address is the proxy's unless the app is told to trust
    its X-Forwarded-For (ProxyFix; the production issue sets it up)."""
    from flask import current_app

    def failed(response) -> bool:  # only failed logins count: logging in often is fine
        return response.status_code == 401

    per_address = limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT_PER_ADDRESS"],
                                scope="login-address", methods=["POST"], deduct_when=failed)
    per_account = limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT_PER_ACCOUNT"],
                                scope="login-account", methods=["POST"], deduct_when=failed,
                                key_func=lambda: "account:" + email_of_request().strip().lower())

    def decorate(view):
        return per_address(per_account(view))

    return decorate


def mail_request_limits(scope: str, account_of_request):
    """Decorate a view that mails on request (registration, a reset link, an invitation)
    with two limits on its posts: per account asked about (the address typed, registered
    or not, or the inviting user) and per network address. Every post counts, whatever
    it leads to, so hitting the limit tells nothing about an address."""
    from flask import current_app

    per_address = limiter.limit(
        lambda: current_app.config["ACCOUNT_MAIL_RATE_LIMIT_PER_ADDRESS"],
        scope=f"{scope}-address", methods=["POST"])
    per_account = limiter.limit(
        lambda: current_app.config["ACCOUNT_MAIL_RATE_LIMIT_PER_ACCOUNT"],
        scope=f"{scope}-account", methods=["POST"],
        key_func=lambda: "account:" + str(account_of_request()).strip().lower())

    def decorate(view):
        return per_address(per_account(view))

    return decorate
