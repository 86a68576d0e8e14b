"""`flask booking ...` commands: demo data and municipality-scale data."""

from __future__ import annotations

import click

from booking.core.cli import commands as cli


@cli.cli.command("seed")
@click.option("--scale", type=int, default=0, show_default=True,
              help="0: the demo municipality only. N: add N times Bærum's size of generated "
                   "schools, rooms and a season of weekly bookings (for benchmarks).")
@click.option("--if-empty", is_flag=True, help="Do nothing if the database has buildings.")
def seed_command(scale: int, if_empty: bool) -> None:
    """Load the demo municipality (and generated data with --scale)."""
    from booking.demo import generate, municipality

    if if_empty and municipality.has_data():
        click.echo("The database already has data; not seeding.")
        return
    forget_old_conversations()
    summary = municipality.load_demo()
    click.echo(summary)
    if scale > 0:
        click.echo(generate.generate(scale))


def forget_old_conversations() -> None:
    """A database being filled for the first time meets no conversations of an earlier
    database of the same name (their slots point at rows that no longer exist)."""
    from flask import current_app

    from booking.chat.tracker_store import sqlite_tracker_path

    path = sqlite_tracker_path(current_app.config["SQLALCHEMY_DATABASE_URI"])
    if path is not None and path.exists():
        path.unlink()
        click.echo(f"Removed the old conversations in {path}.")


@cli.cli.command("assistant-endpoints")
@click.option("--actions-port", type=int, default=5055, show_default=True)
def assistant_endpoints_command(actions_port: int) -> None:
    """Print Rasa's endpoints.yml for the configured database (for `make run`)."""
    from flask import current_app

    from booking.chat.tracker_store import endpoints_yaml

    click.echo(endpoints_yaml(current_app.config["SQLALCHEMY_DATABASE_URI"], actions_port),
               nl=False)
