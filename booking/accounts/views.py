"""Log in and out."""

from __future__ import annotations

from urllib.parse import urlparse

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import validate_csrf

from booking.accounts import operations
from booking.accounts.auth import log_in
from booking.accounts.forms import LoginForm
from booking.core.errors import NotAuthenticated

bp = Blueprint("account", __name__)


def _safe_next(target: str | None) -> str:
    """Only redirect within this site after logging in."""
    if target and not urlparse(target).netloc and target.startswith("/"):
        return target
    return url_for("bookings.my_bookings")


@bp.route("/logg-inn", methods=["GET", "POST"])
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
    validate_csrf(request.form.get("csrf_token"))  # a bad token is a 400
    session.clear()
    flash(_("You are logged out."))
    return redirect(url_for("schools.index"))
