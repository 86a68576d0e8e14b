"""Log in with OpenID Connect (ID-porten, or any provider the settings name).

Authlib is the client: it reads the provider's discovery document, keeps the state and
the nonce in the session, and checks the ID token's signature, issuer, audience and
nonce. With no ``oidc_issuer`` configured the pages offer no such login and these
routes answer 404.

The same callback serves a login and a link: ``oidc_intent`` in the session says which,
and for a link, to whose account (the user who asked, who must still be logged in).
"""

from __future__ import annotations

from typing import Any

import requests
from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from booking.accounts import identities
from booking.accounts.auth import log_in, session_user
from booking.accounts.views import account_page, safe_next
from booking.core.errors import AppError
from booking.core.i18n import current_language

bp = Blueprint("oidc", __name__)
oauth = OAuth()
INTENT = "oidc_intent"


def init_app(app: Flask) -> None:
    config = app.config
    app.jinja_env.globals["oidc_provider_name"] = (
        config["OIDC_PROVIDER_NAME"] if config["OIDC_ISSUER"] else None)
    if not config["OIDC_ISSUER"]:
        return
    oauth.init_app(app)
    oauth.register(
        "provider",
        client_id=config["OIDC_CLIENT_ID"],
        client_secret=config["OIDC_CLIENT_SECRET"],
        server_metadata_url=config["OIDC_ISSUER"].rstrip("/") + "/.well-known/openid-configuration",
        # PKCE as well as the client secret: ID-porten requires it.
        client_kwargs={"scope": config["OIDC_SCOPES"], "code_challenge_method": "S256",
                       "timeout": 10},
    )


def _client() -> Any:
    if not current_app.config["OIDC_ISSUER"]:
        abort(404)
    return oauth.create_client("provider")


def _provider_name() -> str:
    return current_app.config["OIDC_PROVIDER_NAME"]


def _to_provider(intent: dict[str, Any]) -> ResponseReturnValue:
    client = _client()
    session[INTENT] = intent
    try:
        return client.authorize_redirect(url_for("oidc.callback", _external=True))
    except requests.RequestException:
        return _failed(intent, _("%(provider)s is not answering. Try again in a while.",
                                 provider=_provider_name()))


@bp.get("/logg-inn/ekstern")
def login() -> ResponseReturnValue:
    return _to_provider({"next": safe_next(request.args.get("next"))})


@bp.post("/min-konto/innlogginger")
def start_link() -> ResponseReturnValue:
    user = session_user()
    if user is None:
        return redirect(url_for("account.login", next=url_for("account.my_account")), code=303)
    return _to_provider({"link_to": user.id})


@bp.get("/logg-inn/ekstern/svar")
def callback() -> ResponseReturnValue:
    client = _client()
    intent = session.pop(INTENT, None) or {}
    try:
        token = client.authorize_access_token()
        claims = token.get("userinfo") or client.userinfo(token=token)
    except OAuthError:  # cancelled at the provider, a stale or forged state, a bad token
        return _failed(intent, _("The login with %(provider)s was cancelled or did not succeed. "
                                 "Try again.", provider=_provider_name()))
    except requests.RequestException:
        return _failed(intent, _("%(provider)s is not answering. Try again in a while.",
                                 provider=_provider_name()))
    provider, subject = current_app.config["OIDC_PROVIDER"], str(claims["sub"])
    if "link_to" in intent:
        return _link(intent["link_to"], provider, subject)
    user = identities.user_for_login(provider, subject, claims, current_language())
    log_in(user)
    if user.email is None:
        flash(_("You are logged in. Add an e-mail address to get receipts and reminders."))
        return redirect(url_for("account.my_account"), code=303)
    flash(_("You are logged in."))
    return redirect(safe_next(intent.get("next")), code=303)


def _link(user_id: int, provider: str, subject: str) -> ResponseReturnValue:
    user = session_user()
    if user is None or user.id != user_id:  # logged out (or in as someone else) meanwhile
        return _failed({}, _("Log in to your account again, then link the login."))
    try:
        linked = identities.link(user, provider, subject)
    except AppError as refused:
        return account_page(user, error=refused.message)
    flash(_("You can now log in with %(provider)s.", provider=_provider_name()) if linked
          else _("This login was already linked to your account."))
    return redirect(url_for("account.my_account"), code=303)


def _failed(intent: dict[str, Any], message: str) -> ResponseReturnValue:
    user = session_user()
    if "link_to" in intent and user is not None:
        return account_page(user, error=message)
    return render_template("accounts/login.html", form={}, errors={}, error=message), 400


@bp.post("/min-konto/innlogginger/<int:identity_id>/fjern")
def unlink(identity_id: int) -> ResponseReturnValue:
    user = session_user()
    if user is None:
        return redirect(url_for("account.login", next=url_for("account.my_account")), code=303)
    try:
        identities.unlink(user, identity_id)
    except AppError as refused:
        return account_page(user, error=refused.message)
    flash(_("The login with %(provider)s is removed from your account.", provider=_provider_name()))
    return redirect(url_for("account.my_account"), code=303)
