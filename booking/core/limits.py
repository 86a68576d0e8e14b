"""Rate limits (Flask-Limiter). In memory per process by default; production
should point BOOKING_RATELIMIT_STORAGE_URI at Redis so all processes share them."""

from __future__ import annotations

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, default_limits=[])


def login_limits(email_of_request):
    """Decorate a login view with two limits: per address and per account (the e-mail
    given, whether or not such an account exists, so the limit tells nothing)."""
    from flask import current_app

    per_address = limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT_PER_ADDRESS"],
                                methods=["POST"], scope="login-address")
    per_account = limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT_PER_ACCOUNT"],
                                methods=["POST"], scope="login-account",
                                key_func=lambda: "account:" + email_of_request().strip().lower())

    def decorate(view):
        return per_address(per_account(view))

    return decorate
