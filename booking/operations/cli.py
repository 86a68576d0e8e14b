"""`flask booking backup / restore / retention`: thin over ``backup`` and ``retention``."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app

from booking.core.cli import commands


def _database_url() -> str:
    return str(current_app.config["SQLALCHEMY_DATABASE_URI"])


@commands.cli.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(file: Path) -> None:
    """Write a consistent backup of the database to FILE (PostgreSQL: pg_dump's custom
    format; SQLite: a copy made with SQLite's online backup). Safe while the site runs."""
    from booking.operations.backup import BackupError, backup

    try:
        path = backup(_database_url(), file)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Backed up to {path} ({path.stat().st_size:,} bytes).")


@commands.cli.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a database that already has data.")
def restore_command(file: Path, force: bool) -> None:
    """Replace the database by the backup in FILE. Stop the app servers and the job
    worker first."""
    from booking.core.db import db
    from booking.operations.backup import BackupError, restore

    db.engine.dispose()  # this process's own connections must not hold the database
    try:
        result = restore(_database_url(), file, force=force)
    except BackupError as error:
        raise click.ClickException(str(error)) from error
    finally:
        db.engine.dispose()
    click.echo(f"Restored {file} (migration {result.revision}).")
    if result.needs_upgrade:
        click.echo("The backup is older than this code: run `flask db upgrade` before starting "
                   "the site.")


@commands.cli.command("retention")
def retention_command() -> None:
    """Clear personal data past its retention period now (the job does it nightly)."""
    from booking.operations.retention import apply_retention

    click.echo(str(apply_retention()))
