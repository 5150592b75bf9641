"""`flask catalog reindex`: rebuild every catalog entry, search terms included (after the stemmer
changed, or after rows were written around the ORM)."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from storefront.catalog import entries
from storefront.extensions import db
from storefront.web import page_cache

catalog = AppGroup("catalog", help="Katalog publik dan pencarian.")


@catalog.command("reindex")
def reindex() -> None:
    """Rebuild the public entries and their search terms from the live rows; safe at any time."""
    count = entries.rebuild_all(db.session.connection())
    db.session.commit()
    page_cache.invalidate()
    click.echo(f"{count} produk diindeks ulang.")
