"""Site-wide pages and plumbing: the health check, the vendored front-end assets, the
accessibility statement and the privacy page."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, send_from_directory

from booking.core.config import PROJECT_ROOT
from booking.core.db import db

bp = Blueprint("core", __name__)

# Front-end packages are installed from npm at install time and served from here.
NODE_MODULES = PROJECT_ROOT / "node_modules"
VENDORED = {
    "swagger-ui": NODE_MODULES / "swagger-ui-dist",
    "designsystemet-css": NODE_MODULES / "@digdir" / "designsystemet-css" / "dist" / "src",
    "designsystemet-theme": NODE_MODULES / "@digdir" / "designsystemet-theme" / "brand",
}


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


@bp.get("/tilgjengelighetserklaering")
def accessibility() -> str:
    return render_template("core/accessibility.html")


@bp.get("/personvern")
def privacy() -> str:
    return render_template("core/privacy.html")
