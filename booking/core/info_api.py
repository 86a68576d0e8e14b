"""GET /api/v1/info: who runs this installation and how to reach them."""

from __future__ import annotations

from flask import current_app
from flask_smorest import Blueprint
from marshmallow import Schema, fields

blp = Blueprint("info", __name__, url_prefix="/api/v1", description="About this municipality")


class InfoSchema(Schema):
    municipality = fields.String()
    contact = fields.String()
    languages = fields.List(fields.String())


@blp.get("/info")
@blp.response(200, InfoSchema)
def info():
    """The municipality's name and contact (what the assistant gives when it cannot help)."""
    config = current_app.config
    return {"municipality": config["MUNICIPALITY_NAME"], "contact": config["MUNICIPALITY_CONTACT"],
            "languages": config["LANGUAGES"]}
