"""The local Stripe-compatible server for development and tests: ``python -m
booking.payments.local_stripe --port 8420 --webhook-url ...``.

Runs localstripe (GPL-3) in a process of its own; the app never imports this module,
it only talks to the server over HTTP like to the real Stripe. Bound to 127.0.0.1 (its
stock command listens on all interfaces) and keeping its state in memory only (the stock
one pickles it to /tmp on every write), or in ``--state-file`` when given, so that a
restart (``make run`` again, or a test that stops it) keeps the payments it made and
their refunds still work. With ``--webhook-url`` it signs and posts its
``payment_intent.*`` events there, as Stripe does to a registered endpoint.
"""

from __future__ import annotations

import argparse
import os
import pickle

from aiohttp import web
from localstripe import resources, server, webhooks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8420)
    parser.add_argument("--webhook-url", default="")
    parser.add_argument("--webhook-secret", default="")
    parser.add_argument("--state-file", default="")
    args = parser.parse_args()
    resources.Store.dump_to_disk = _dump_to(args.state_file)
    if args.state_file and os.path.exists(args.state_file):
        with open(args.state_file, "rb") as state:
            resources.store.update(pickle.load(state))
    if args.webhook_url:
        webhooks.register_webhook("booking", args.webhook_url, args.webhook_secret, None)
    web.run_app(server.app, host=args.host, port=args.port, access_log=None, print=None)


def _dump_to(path: str):
    def dump(store: dict) -> None:
        if path:
            with open(path + ".new", "wb") as state:
                pickle.dump(dict(store), state, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(path + ".new", path)
    return dump


if __name__ == "__main__":
    main()
