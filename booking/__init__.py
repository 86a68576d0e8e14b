"""Community halls in school buildings: booking platform for a municipality."""

from __future__ import annotations

from typing import Any

from flask import Flask

from booking.core.config import PROJECT_ROOT, load_config


def create_app(config_overrides: dict[str, Any] | None = None, env: str | None = None) -> Flask:
    """Build the app: config, extensions, then one blueprint per domain."""
    app = Flask(
        __name__,
        instance_path=str(PROJECT_ROOT / "instance"),
        template_folder=str(PROJECT_ROOT / "templates"),
    )
    app.config.update(load_config(env, config_overrides))
    # The Session always ends its transaction before giving the connection back,
    # so the pool's own ROLLBACK on return would only cost a round trip.
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"pool_reset_on_return": None})
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]

    from booking.core import db as database
    from booking.core.i18n import babel, select_locale

    database.db.init_app(app)
    with app.app_context():
        if database.db.engine.dialect.name == "sqlite":
            database.configure_sqlite(database.db.engine)
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(PROJECT_ROOT / "booking" / "translations"),
    )

    from flask_migrate import Migrate

    Migrate(app, database.db, directory=str(PROJECT_ROOT / "migrations"))

    from booking.core import api as core_api
    from booking.core.cli import cli
    from booking.core.errorhandlers import register_error_handlers

    api = core_api.init_api(app)

    from booking.accounts.api import blp as accounts_api
    from booking.core.info_api import blp as info_api
    from booking.facilities.api import blp as facilities_api
    from booking.organisations.api import blp as organisations_api
    from booking.pricing.api import blp as pricing_api
    from booking.reservations.api import blp as reservations_api

    for blueprint in (info_api, accounts_api, facilities_api, organisations_api, pricing_api,
                      reservations_api):
        api.register_blueprint(blueprint)

    from flask_wtf.csrf import generate_csrf

    from booking.accounts.auth import session_user
    from booking.accounts.views import bp as accounts_views
    from booking.chat.views import bp as chat_views
    from booking.core.i18n import current_language
    from booking.core.limits import limiter
    from booking.core.templating import register_filters
    from booking.core.views import bp as core_views

    limiter.init_app(app)
    register_filters(app)
    app.jinja_env.globals.update(current_language=current_language, csrf_token=generate_csrf,
                                 session_user=session_user)
    for blueprint in (core_views, accounts_views, chat_views, cli):
        app.register_blueprint(blueprint)
    register_error_handlers(app)
    return app
