"""`flask catalog reindex`: rebuild every product's search terms (after the stemmer changed)."""
from __future__ import annotations

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from storefront.catalog.models import Product, ProductSearch
from storefront.catalog.search_index import document_for
from storefront.extensions import db
from storefront.reference.models import Category
from storefront.web import page_cache

catalog = AppGroup("catalog", help="Katalog publik dan pencarian.")
BATCH = 2000


@catalog.command("reindex")
def reindex() -> None:
    """Recompute the stemmed terms of every product, in batches; safe to run at any time."""
    categories = {category.id: category for category in db.session.scalars(sa.select(Category))}
    last_id, done = 0, 0
    while True:
        rows = db.session.execute(
            sa.select(Product.id, Product.name, Product.description, Product.category_id)
            .where(Product.id > last_id).order_by(Product.id).limit(BATCH)).all()
        if not rows:
            break
        existing = set(db.session.scalars(sa.select(ProductSearch.product_id)
                                          .where(ProductSearch.product_id.in_([row.id for row in rows]))))
        for row in rows:
            name_terms, body_terms = document_for(row, categories.get(row.category_id))
            if row.id in existing:
                db.session.execute(sa.update(ProductSearch).where(ProductSearch.product_id == row.id)
                                   .values(name_terms=name_terms, body_terms=body_terms))
            else:
                db.session.add(ProductSearch(product_id=row.id, name_terms=name_terms, body_terms=body_terms))
        db.session.commit()
        last_id, done = rows[-1].id, done + len(rows)
    page_cache.invalidate()
    click.echo(f"{done} produk diindeks ulang.")
