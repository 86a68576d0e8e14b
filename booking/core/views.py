"""Site-wide pages and plumbing: the health checks, the vendored front-end assets, the
accessibility statement and the privacy page."""

from __future__ import annotations

import redis
import requests
from flask import Blueprint, abort, current_app, jsonify, render_template, send_from_directory
from sqlalchemy.exc import SQLAlchemyError

from booking.core.config import PROJECT_ROOT
from booking.core.db import db
from booking.core.security import talisman

bp = Blueprint("core", __name__)

# Front-end packages are installed from npm at install time and served from here.
NODE_MODULES = PROJECT_ROOT / "node_modules"
VENDORED = {
    "swagger-ui": NODE_MODULES / "swagger-ui-dist",
    "designsystemet-css": NODE_MODULES / "@digdir" / "designsystemet-css" / "dist" / "src",
    "designsystemet-theme": NODE_MODULES / "@digdir" / "designsystemet-theme" / "brand",
}


# Probes come from the machine itself or the load balancer, over plain HTTP: they are
# answered, not sent to https (production's redirect).
@bp.get("/livez")
@talisman(force_https=False)
def livez():
    """Alive: the process answers. Touches nothing, so a database outage does not get
    every worker restarted (that is what readiness is for)."""
    return {"status": "alive"}


@bp.get("/healthz")
@talisman(force_https=False)
def healthz():
    """Ready to serve: 200 only when the database and the configured Redis answer, else 503.

    The assistant is reported but never fails the check: the site and the API work
    without it (the chat says it is unavailable)."""
    parts = {"database": _database_up(), **{name: _redis_up(url) for name, url in _redis_urls().items()}}
    ready = all(parts.values())
    body = {"status": "ok" if ready else "unavailable",
            "parts": {name: "up" if up else "down" for name, up in parts.items()},
            "assistant": _assistant_state()}
    response = jsonify(body)
    response.status_code = 200 if ready else 503
    response.headers["Cache-Control"] = "no-store"
    return response


def _database_up() -> bool:
    try:
        db.session.execute(db.text("SELECT 1"))
        return True
    except SQLAlchemyError:
        current_app.logger.warning("health check: the database does not answer", exc_info=True)
        db.session.rollback()
        return False


def _redis_urls() -> dict[str, str]:
    """The Redis servers this process uses, by what it uses them for."""
    urls = {"ratelimit_storage": current_app.config.get("RATELIMIT_STORAGE_URI", ""),
            "jobs": current_app.config.get("JOBS_URL", "")}
    return {name: url for name, url in urls.items()
            if url.startswith(("redis://", "rediss://", "unix://"))}


def _redis_up(url: str) -> bool:
    # One client per URL and process, with its own small pool; short timeouts, so that
    # a Redis that hangs makes the check fail rather than hang with it.
    clients = current_app.extensions.setdefault("booking_health_redis", {})
    client = clients.get(url)
    if client is None:
        client = clients[url] = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
    try:
        return bool(client.ping())
    except redis.RedisError:
        current_app.logger.warning("health check: Redis at %s does not answer",
                                   url.rsplit("@", 1)[-1])
        return False


def _assistant_state() -> str:
    """"up", "down" or "not configured": the Rasa server's root answers without a token."""
    url = current_app.config.get("RASA_URL", "")
    if not url:
        return "not configured"
    try:
        up = requests.get(url.rstrip("/") + "/", timeout=1).status_code == 200
    except requests.RequestException:
        up = False
    return "up" if up else "down"


@bp.get("/vendor/<package>/<path:filename>")
def vendor(package: str, filename: str):
    folder = VENDORED.get(package)
    if folder is None:
        abort(404)
    return send_from_directory(folder, filename, max_age=86400)


@bp.get("/tilgjengelighetserklaering")
def accessibility() -> str:
    return render_template("core/accessibility.html")


@bp.get("/personvern")
def privacy() -> str:
    return render_template("core/privacy.html")
