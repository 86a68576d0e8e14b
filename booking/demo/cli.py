"""`flask booking ...` commands: demo data and municipality-scale data."""

from __future__ import annotations

import click
from flask import Blueprint

cli = Blueprint("booking_cli", __name__, cli_group="booking")


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
    summary = municipality.load_demo()
    click.echo(summary)
    if scale > 0:
        click.echo(generate.generate(scale))
