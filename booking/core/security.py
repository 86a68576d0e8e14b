"""Security headers and CSRF for the whole site.

- CSRF (Flask-WTF) on every form post. The API is exempt: it authenticates with
  bearer tokens, which a browser never sends by itself. ``/chat`` checks the
  token itself (it takes either).
- A Content-Security-Policy (flask-talisman) that allows only our own scripts,
  styles and fonts; Designsystemet draws its icons as data: images. The API's
  documentation page (Swagger UI) needs inline code and gets its own policy.
- Session cookies HttpOnly and SameSite, and Secure with HSTS and HTTPS
  redirects in production (``SESSION_COOKIE_SECURE``, ``FORCE_HTTPS``).
"""

from __future__ import annotations

import functools
from typing import Any

from flask import Flask, request
from flask_talisman import Talisman
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
talisman = Talisman()

SITE_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": ["'self'", "data:"],
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
    "object-src": "'none'",
}
API_DOCS_POLICY = {**SITE_POLICY, "script-src": ["'self'", "'unsafe-inline'"],
                   "style-src": ["'self'", "'unsafe-inline'"]}
API_DOCS_ENDPOINT = "api-docs.openapi_swagger_ui"


def _protect_forms() -> None:
    if request.method in ("POST", "PUT", "PATCH", "DELETE") and not (
            request.path.startswith("/api/") or request.path == "/chat"):
        csrf.protect()  # a missing or wrong token is a 400, rendered as the error page


def init_app(app: Flask) -> None:
    app.config["WTF_CSRF_CHECK_DEFAULT"] = False  # checked by path, in _protect_forms
    csrf.init_app(app)
    app.before_request(_protect_forms)
    secure = bool(app.config["SESSION_COOKIE_SECURE"])
    talisman.init_app(
        app, content_security_policy=SITE_POLICY, force_https=bool(app.config["FORCE_HTTPS"]),
        strict_transport_security=secure, session_cookie_secure=secure,
        session_cookie_http_only=True, frame_options="DENY",
        referrer_policy="strict-origin-when-cross-origin")
    docs = app.view_functions.get(API_DOCS_ENDPOINT)
    if docs is not None:
        # flask-smorest's view is a bound method; talisman marks a plain function.
        @functools.wraps(docs)
        def api_docs(*args: Any, **kwargs: Any) -> Any:
            return docs(*args, **kwargs)

        app.view_functions[API_DOCS_ENDPOINT] = talisman(
            content_security_policy=API_DOCS_POLICY)(api_docs)
