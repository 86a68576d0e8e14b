"""Site-wide plumbing: the health check and the vendored front-end assets."""

from __future__ import annotations

from flask import Blueprint, abort, send_from_directory

from booking.core.config import PROJECT_ROOT
from booking.core.db import db

bp = Blueprint("core", __name__)

# Front-end packages are installed from npm at install time and served from here.
VENDORED = {"swagger-ui": PROJECT_ROOT / "node_modules" / "swagger-ui-dist"}


@bp.get("/healthz")
def healthz():
    db.session.execute(db.text("SELECT 1"))
    return {"status": "ok"}


@bp.get("/vendor/<package>/<path:filename>")
def vendor(package: str, filename: str):
    folder = VENDORED.get(package)
    if folder is None:
        abort(404)
    return send_from_directory(folder, filename, max_age=86400)
