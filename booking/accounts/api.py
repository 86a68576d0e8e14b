from __future__ import annotations

from flask import current_app, request
from flask_smorest import Blueprint

from booking.accounts import operations
from booking.accounts.auth import issue_token, require_user
from booking.accounts.schemas import TokenRequestSchema, TokenSchema, UserSchema
from booking.core.limits import login_limits

blp = Blueprint("accounts", __name__, url_prefix="/api/v1", description="Log in and who am I")


def _email_in_body() -> str:
    body = request.get_json(silent=True)
    return str(body.get("email", "")) if isinstance(body, dict) else ""


@blp.post("/auth/token")
@login_limits(lambda: _email_in_body())
@blp.arguments(TokenRequestSchema)
@blp.response(200, TokenSchema)
def create_token(credentials):
    """Exchange email and password for a bearer token."""
    user = operations.authenticate(credentials["email"], credentials["password"])
    return {
        "access_token": issue_token(user),
        "token_type": "Bearer",
        "expires_in": current_app.config["API_TOKEN_TTL_SECONDS"],
    }


@blp.get("/me")
@blp.response(200, UserSchema)
@blp.doc(security=[{"bearerAuth": []}])
def me():
    """The logged-in user, with organisation memberships."""
    return require_user()
