"""The account pages: log in and out, register, confirm the address, a new password, the
user's own account (details, address, password, their data, deleting it), the language.

Thin, like every page: each form is read with its schema (``core.forms``) and hands
the values to an operation in ``registration``, ``passwords`` or ``profile``. An
error is shown next to its field with what was typed kept (never a password), and
the response is 422 so that nothing is written.
"""

from __future__ import annotations

import json
from urllib.parse import urlparse

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from booking.accounts import operations, passwords, profile, registration
from booking.accounts.auth import log_in, log_out, session_user
from booking.accounts.models import User
from booking.accounts.schemas import (
    DeletionSchema,
    DetailsSchema,
    EmailSchema,
    NewPasswordSchema,
    PasswordChangeSchema,
    RegistrationSchema,
)
from booking.core.errors import AppError, NotAuthenticated
from booking.core.forms import read_form
from booking.core.i18n import LANGUAGE_COOKIE, current_language, supported
from booking.core.limits import login_limits, mail_request_limits

bp = Blueprint("account", __name__)

SECRET_FIELDS = ("password", "current_password")


def safe_next(target: str | None, fallback: str = "bookings.my_bookings") -> str:
    """Only redirect within this site: a path, never "//elsewhere", "https://...", or
    "/\\elsewhere" (browsers read a backslash as a slash), nor control characters."""
    local = (target is not None and target.startswith("/") and not target.startswith("//")
             and not any(c == "\\" or ord(c) < 32 for c in target) and not urlparse(target).netloc)
    return target if local and target else url_for(fallback)


def _typed() -> MultiDict:
    """What was typed, to show again: never a password."""
    return MultiDict([(k, v) for k, v in request.form.items(multi=True) if k not in SECRET_FIELDS])


def _field_of(error: AppError) -> str | None:
    details = error.details
    return next(iter(details)) if isinstance(details, dict) and details else None


def _signed_in_or_login() -> User | ResponseReturnValue:
    user = session_user()
    if user is None:
        return redirect(url_for("account.login", next=request.full_path))
    return user


@bp.route("/logg-inn", methods=["GET", "POST"])
@login_limits(lambda: request.form.get("email", ""))
def login() -> ResponseReturnValue:
    errors: dict[str, str] = {}
    error = None
    status = 200
    if request.method == "POST":
        result = read_form(EmailSchema(), request.form)
        errors = dict(result.errors)
        if not request.form.get("password"):
            errors["password"] = _("This field is required.")
        if not errors:
            email = request.form["email"]
            try:
                user = operations.authenticate(email, request.form["password"])
            except NotAuthenticated as failed:
                error = failed.message
                status = 401  # counted by the login limits
                if failed.code == "email_unconfirmed":
                    # The right password: a new link, and a page that may be kept (200).
                    unconfirmed = operations.find_user_by_email(email)
                    if unconfirmed is not None:
                        registration.send_confirmation(unconfirmed)
                    status = 200
            else:
                log_in(user)
                flash(_("You are logged in."))
                return redirect(safe_next(request.args.get("next")), code=303)
        else:
            status = 422
    return render_template("accounts/login.html", form=_typed(), errors=errors,
                           error=error), status


@bp.post("/logg-ut")
def logout() -> ResponseReturnValue:
    log_out()  # the form's CSRF token is checked for every post (core.security)
    flash(_("You are logged out."))
    return redirect(url_for("schools.index"), code=303)


@bp.route("/registrer", methods=["GET", "POST"])
@mail_request_limits("register", lambda: request.form.get("email", ""))
def register() -> ResponseReturnValue:
    """The page says the same for a new address and a registered one (the owner of a
    registered one gets a mail saying so)."""
    if session_user() is not None:
        return redirect(url_for("account.my_account"))
    form = _typed()
    form.setdefault("locale", current_language())
    errors: dict[str, str] = {}
    if request.method == "POST":
        result = read_form(RegistrationSchema(), request.form)
        errors = dict(result.errors)
        if request.form.get("accept_privacy") != "on":
            errors["accept_privacy"] = _("Read and accept the privacy statement to register.")
        if result.values is not None and not errors:
            registration.request_registration(**result.values)
            return render_template("accounts/check_email.html",
                                   email=result.values["email"].strip().lower(),
                                   purpose="register")
    return render_template("accounts/register.html", form=form, errors=errors), \
        422 if errors else 200


@bp.get("/registrer/bekreft/<token>")
def confirm(token: str) -> ResponseReturnValue:
    user = registration.confirm_email(token)
    if user is None:
        return render_template("accounts/bad_link.html"), 404
    log_in(user)
    flash(_("Your e-mail address is confirmed, and you are logged in."))
    return redirect(url_for("account.my_account"), code=303)


@bp.route("/glemt-passord", methods=["GET", "POST"])
@mail_request_limits("reset", lambda: request.form.get("email", ""))
def forgot_password() -> ResponseReturnValue:
    form = _typed()
    errors: dict[str, str] = {}
    if request.method == "POST":
        result = read_form(EmailSchema(), request.form)
        errors = dict(result.errors)
        if result.values is not None:
            passwords.request_reset(result.values["email"])
            return render_template("accounts/check_email.html",
                                   email=result.values["email"].strip().lower(),
                                   purpose="reset")
    return render_template("accounts/forgot_password.html", form=form, errors=errors), \
        422 if errors else 200


@bp.route("/nytt-passord/<token>", methods=["GET", "POST"])
def reset_password(token: str) -> ResponseReturnValue:
    user = passwords.user_for_reset(token)
    if user is None:
        return render_template("accounts/bad_link.html"), 404
    errors: dict[str, str] = {}
    if request.method == "POST":
        result = read_form(NewPasswordSchema(), request.form)
        errors = dict(result.errors)
        if result.values is not None:
            passwords.reset(user, result.values["password"])
            flash(_("Your password is changed. Log in with the new one."))
            return redirect(url_for("account.login"), code=303)
    return render_template("accounts/reset_password.html", errors=errors, form={}), \
        422 if errors else 200


@bp.get("/min-konto")
def my_account() -> ResponseReturnValue:
    user = _signed_in_or_login()
    if not isinstance(user, User):
        return user
    return account_page(user)


def account_page(user: User, form: MultiDict | None = None, errors: dict[str, str] | None = None,
                  error: str | None = None) -> ResponseReturnValue:
    shown = MultiDict({"name": user.name, "phone": user.phone, "locale": user.locale,
                       "email": "", "wants_reminders": "on" if user.wants_reminders else ""})
    for key, value in (form or MultiDict()).items():
        shown[key] = value
    return render_template("accounts/account.html", user=user, form=shown, errors=errors or {},
                           error=error), 422 if (errors or error) else 200


@bp.post("/min-konto/opplysninger")
def update_details() -> ResponseReturnValue:
    user = _signed_in_or_login()
    if not isinstance(user, User):
        return user
    form = MultiDict(request.form)
    form["wants_reminders"] = "true" if form.get("wants_reminders") == "on" else "false"
    result = read_form(DetailsSchema(), form)
    if result.values is None:
        return account_page(user, _typed(), result.errors)
    profile.update_details(user, **result.values)
    session["lang"] = user.locale
    flash(_("Your details are saved."))
    return redirect(url_for("account.my_account"), code=303)


@bp.post("/min-konto/e-post")
@mail_request_limits("email-change", lambda: str(session.get("login", "")))
def change_email() -> ResponseReturnValue:
    user = _signed_in_or_login()
    if not isinstance(user, User):
        return user
    result = read_form(EmailSchema(), request.form)
    if result.values is None:
        return account_page(user, _typed(), result.errors)
    try:
        profile.request_email_change(user, result.values["email"])
    except AppError as refused:
        return account_page(user, _typed(), {_field_of(refused) or "email": refused.message})
    flash(_("We have sent a link to %(email)s. Open it to make it your address.",
            email=result.values["email"]))
    return redirect(url_for("account.my_account"), code=303)


@bp.get("/min-konto/e-post/<token>")
def confirm_email_change(token: str) -> ResponseReturnValue:
    user = _signed_in_or_login()
    if not isinstance(user, User):
        return user
    try:
        address = profile.confirm_email_change(user, token)
    except AppError as refused:
        return account_page(user, error=refused.message)
    flash(_("Your e-mail address is now %(email)s.", email=address))
    return redirect(url_for("account.my_account"), code=303)


@bp.post("/min-konto/passord")
def change_password() -> ResponseReturnValue:
    user = _signed_in_or_login()
    if not isinstance(user, User):
        return user
    result = read_form(PasswordChangeSchema(), request.form)
    if result.values is None:
        return account_page(user, _typed(), result.errors)
    try:
        passwords.change(user, result.values["current_password"], result.values["password"])
    except AppError as refused:
        return account_page(user, _typed(), {_field_of(refused) or "password": refused.message})
    flash(_("Your password is changed. You are logged out everywhere else."))
    return redirect(url_for("account.my_account"), code=303)


@bp.get("/min-konto/mine-data.json")
def my_data() -> ResponseReturnValue:
    user = _signed_in_or_login()
    if not isinstance(user, User):
        return user
    body = json.dumps(profile.export(user), ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="mine-data-{user.id}.json"',
        "Cache-Control": "no-store"})


@bp.route("/min-konto/slett", methods=["GET", "POST"])
def delete_account() -> ResponseReturnValue:
    user = _signed_in_or_login()
    if not isinstance(user, User):
        return user
    errors: dict[str, str] = {}
    error = None
    if request.method == "POST":
        result = read_form(DeletionSchema(), request.form)
        errors = dict(result.errors)
        if result.values is not None:
            try:
                profile.delete(user, password=result.values["password"])
            except AppError as refused:
                field = _field_of(refused)
                if field:
                    errors[field] = refused.message
                else:
                    error = refused.message
            else:
                flash(_("Your account is deleted."))
                return redirect(url_for("schools.index"), code=303)
    return render_template("accounts/delete.html", user=user, errors=errors, error=error,
                           form=_typed()), 422 if (errors or error) else 200


@bp.post("/sprak")
def set_language() -> ResponseReturnValue:
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
    response = redirect(safe_next(request.form.get("next"), fallback="schools.index"), code=303)
    response.set_cookie(LANGUAGE_COOKIE, chosen, max_age=365 * 24 * 3600, samesite="Lax",
                        secure=request.is_secure, httponly=True)
    return response
