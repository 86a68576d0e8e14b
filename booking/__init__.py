"""Community halls in school buildings: booking platform for a municipality."""

from __future__ import annotations

from typing import Any

from flask import Flask

from booking.core.config import PROJECT_ROOT, load_config
from booking.core.uow import UnitOfWorkFlask


def create_app(config_overrides: dict[str, Any] | None = None, env: str | None = None) -> Flask:
    """Build the app: config, database, languages, the API, the pages, errors."""
    app = UnitOfWorkFlask(
        __name__,
        instance_path=str(PROJECT_ROOT / "instance"),
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    app.config.update(load_config(env, config_overrides))
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]
    _init_database(app)
    _init_jobs(app)
    _init_languages(app)
    _init_api(app)
    _init_pages(app)
    from booking.core.errorhandlers import register_error_handlers

    register_error_handlers(app)
    return app


def _init_database(app: Flask) -> None:
    from flask_migrate import Migrate

    from booking import catalogue
    from booking.core import audit, uow  # noqa: F401  (audit: its table in every app's metadata)
    from booking.core.db import configure_sqlite, db

    # The unit of work always ends the session's transaction before the connection
    # goes back, so the pool's own ROLLBACK on return would only cost a round trip.
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"pool_reset_on_return": None})
    db.init_app(app)
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            configure_sqlite(db.engine)
    uow.init_app(app)
    catalogue.init_app(app)
    Migrate(app, db, directory=str(PROJECT_ROOT / "migrations"))


def _init_jobs(app: Flask) -> None:
    """The job queue, and the packages that act on what happens (mail, refunds)."""
    from booking import notifications
    from booking.accounts import events as accounts
    from booking.accounts import tasks  # noqa: F401  (registers the account jobs)
    from booking.caretaking import notices
    from booking.caretaking import tasks as caretaking_tasks  # noqa: F401
    from booking.chat import forgetting
    from booking.chat import tasks as chat_tasks  # noqa: F401
    from booking.core import jobs
    from booking.operations import tasks as operations_tasks  # noqa: F401  (retention)
    from booking.payments import refunds
    from booking.payments import tasks as payment_tasks  # noqa: F401
    from booking.reservations import events as reservations
    from booking.reservations import leaving
    from booking.reservations import tasks as reservation_tasks  # noqa: F401

    jobs.init_app(app)
    notifications.init_app(app)
    # What a cancellation gives back of a card payment is refunded; a caretaker hears of a
    # booking cancelled on its own day.
    reservations.dates_cancelled.connect(refunds.on_dates_cancelled)
    reservations.dates_cancelled.connect(notices.on_dates_cancelled)
    # What a deleted account leaves behind, and its part of "download my data".
    accounts.account_deleting.connect(leaving.on_account_deleting)
    accounts.account_deleting.connect(forgetting.on_account_deleting)
    accounts.data_export.connect(leaving.export_bookings)
    accounts.data_export.connect(forgetting.export)


def _init_languages(app: Flask) -> None:
    from booking.core.i18n import babel, select_locale

    babel.init_app(app, locale_selector=select_locale,
                   default_translation_directories=str(PROJECT_ROOT / "booking" / "translations"))


def _init_api(app: Flask) -> None:
    """The REST API under /api/v1: one blueprint per domain, one OpenAPI document."""
    from booking.accounts.api import blp as accounts
    from booking.administration.api import blp as audit_log
    from booking.calendars.api import blp as calendar_feeds
    from booking.caretaking.api import blp as caretaking
    from booking.catalogue.api import blp as catalogue
    from booking.core.api import init_api
    from booking.core.info_api import blp as info
    from booking.facilities.api import blp as facilities
    from booking.organisations.api import blp as organisations
    from booking.pricing.api import blp as pricing
    from booking.reports.api import blp as reports
    from booking.reservations.api import blp as reservations

    api = init_api(app)
    for blueprint in (info, accounts, facilities, catalogue, organisations, pricing, reservations,
                      caretaking, calendar_feeds, reports, audit_log):
        api.register_blueprint(blueprint)


def _init_pages(app: Flask) -> None:
    """The web site: each domain's pages, the chat endpoint, and the `flask booking` commands."""
    from flask_wtf.csrf import generate_csrf

    from booking.accounts import oidc
    from booking.accounts.auth import session_user
    from booking.accounts.views import bp as accounts
    from booking.administration.views import bp as administration
    from booking.calendars.views import bp as calendars
    from booking.caretaking.views import bp as caretaking
    from booking.chat.views import bp as chat
    from booking.core import security
    from booking.core.i18n import LANGUAGE_NAMES, current_language
    from booking.core.limits import limiter
    from booking.core.templating import register_filters
    from booking.core.views import bp as site
    from booking.demo.cli import cli as demo_commands
    from booking.facilities.views import bp as facilities
    from booking.notifications.reminder_views import bp as reminders
    from booking.notifications.views import bp as outbox
    from booking.operations import cli as operations_commands  # noqa: F401  (backup, ...)
    from booking.organisations.views import bp as organisations
    from booking.payments import views as payments
    from booking.pricing.views import bp as prices
    from booking.reports.views import bp as reports
    from booking.reservations.closure_views import bp as closures
    from booking.reservations.decision_views import bp as decisions
    from booking.reservations.views import bp as reservations

    limiter.init_app(app)
    register_filters(app)
    app.jinja_env.globals.update(current_language=current_language, csrf_token=generate_csrf,
                                 session_user=session_user, language_names=LANGUAGE_NAMES)
    oidc.init_app(app)
    for blueprint in (site, facilities, accounts, oidc.bp, organisations, reservations, decisions,
                      closures, payments.bp, caretaking, calendars, outbox, reminders, chat,
                      reports, administration, prices, demo_commands):
        app.register_blueprint(blueprint)
    security.init_app(app)  # after every blueprint: it wraps the API docs' view
    payments.init_app(app)  # the payment page's own Content-Security-Policy
