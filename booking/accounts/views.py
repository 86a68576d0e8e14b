"""Log in and out; choose the language."""

from __future__ import annotations

from urllib.parse import urlparse

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from booking.accounts import operations
from booking.accounts.auth import log_in, log_out, session_user
from booking.accounts.forms import LoginForm
from booking.core.errors import NotAuthenticated
from booking.core.i18n import LANGUAGE_COOKIE, supported
from booking.core.limits import login_limits

bp = Blueprint("account", __name__)


def _safe_next(target: str | None, fallback: str = "bookings.my_bookings") -> str:
    """Only redirect within this site: a path, never "//elsewhere", "https://...", or
    "/\\elsewhere" (browsers read a backslash as a slash), nor control characters."""
    local = (target is not None and target.startswith("/") and not target.startswith("//")
             and not any(c == "\\" or ord(c) < 32 for c in target) and not urlparse(target).netloc)
    return target if local and target else url_for(fallback)


@bp.route("/logg-inn", methods=["GET", "POST"])
@login_limits(lambda: request.form.get("email", ""))
def login():
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        try:
            user = operations.authenticate(form.email.data, form.password.data)
        except NotAuthenticated as failed:
            error = failed.message
        else:
            log_in(user)
            flash(_("You are logged in."))
            return redirect(_safe_next(request.args.get("next")))
    status = 401 if error else (422 if form.errors else 200)
    return render_template("accounts/login.html", form=form, error=error), status


@bp.post("/logg-ut")
def logout():
    log_out()  # the form's CSRF token is checked for every post (core.security)
    flash(_("You are logged out."))
    return redirect(url_for("schools.index"))


@bp.post("/sprak")
def set_language():
    """The language switcher: a form of three buttons, so it works without JavaScript
    (and a link from elsewhere cannot change it). The choice is kept in a cookie for a
    year and, for a logged-in user, as their language (the one their e-mails come in)."""
    chosen = supported(request.form.get("language"))
    if chosen is None:
        abort(400)
    user = session_user()
    if user is not None:
        user.locale = chosen
        session["lang"] = chosen
    response = redirect(_safe_next(request.form.get("next"), fallback="schools.index"), code=303)
    response.set_cookie(LANGUAGE_COOKIE, chosen, max_age=365 * 24 * 3600, samesite="Lax",
                        secure=request.is_secure, httponly=True)
    return response
