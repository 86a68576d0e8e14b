"""The REST API's shared pieces: the flask-smorest Api and authentication docs."""

from __future__ import annotations

from flask import Flask
from flask_smorest import Api

API_PREFIX = "/api/v1"


def init_api(app: Flask) -> Api:
    app.config.setdefault("API_SPEC_OPTIONS", {
        "info": {
            "description": (
                "Book school rooms in the municipality. Local times in requests are "
                "Europe/Oslo; responses carry ISO 8601 with offsets. Errors use one envelope: "
                '`{"error": {"code", "message", "details"}}`. Messages follow Accept-Language '
                "(nb, nn, en)."
            ),
        },
        "components": {
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer",
                               "description": "A token from POST /api/v1/auth/token"},
            },
        },
    })
    api = Api(app)
    return api
