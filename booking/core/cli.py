"""The `flask booking ...` command group, one blueprint that every package adds its
commands to (two blueprints with the same group name would replace each other's)."""

from __future__ import annotations

from flask import Blueprint

commands = Blueprint("booking_cli", __name__, cli_group="booking")
