"""`flask media prune`: remove stored files that no image row refers to (safe to run from cron)."""
from __future__ import annotations

from datetime import timedelta

import click
from flask import current_app
from flask.cli import AppGroup

from storefront.extensions import db
from storefront.media import services
from storefront.media.storage import get_storage

media = AppGroup("media", help="Berkas gambar (media).")


@media.command("prune")
@click.option("--dry-run", is_flag=True, help="Hanya tampilkan berkas yang akan dihapus.")
@click.option("--grace-minutes", default=int(services.PRUNE_GRACE.total_seconds() // 60), show_default=True,
              type=click.IntRange(min=0),
              help="Berkas yang lebih baru dari ini tidak disentuh (unggahan yang sedang berjalan).")
def prune(dry_run: bool, grace_minutes: int) -> None:
    """Remove orphaned media files (left by failed or rolled-back uploads and interrupted deletes)."""
    storage = get_storage(current_app)
    removed = services.prune_orphans(storage, db.session, grace=timedelta(minutes=grace_minutes),
                                     dry_run=dry_run)
    for key in removed:
        click.echo(key)
    verb = "akan dihapus" if dry_run else "dihapus"
    click.echo(f"{len(removed)} berkas tanpa pemilik {verb} dari {storage}.")
