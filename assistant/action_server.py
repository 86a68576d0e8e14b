"""The action server (rasa-sdk's own app), behind a bearer token (see auth.py).

Run from assistant/: ``python action_server.py --port 5055``. Rasa sends the token
as a header (endpoints.yml: action_endpoint.headers). Only /health is open, for
the readiness checks.
"""

from __future__ import annotations

import argparse
import logging

from auth import bearer_matches, required_token, unauthorised
from rasa_sdk.endpoint import create_app
from sanic.request import Request

TOKEN_VARIABLE = "ACTIONS_TOKEN"


def build_app(token: str):
    app = create_app("actions", cors_origins=[])

    @app.middleware("request")
    async def check_token(request: Request):
        if request.path != "/health" and not bearer_matches(request, token):
            return unauthorised()
        return None

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=5055)
    arguments = parser.parse_args()
    logging.basicConfig(level=logging.INFO)
    app = build_app(required_token(TOKEN_VARIABLE))
    # Loopback only: the web app and Rasa run on the same machine.
    app.run("127.0.0.1", arguments.port, workers=1, access_log=False)


if __name__ == "__main__":
    main()
