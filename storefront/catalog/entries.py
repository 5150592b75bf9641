"""Keeping `catalog_entries` (the read model of the public results pages and of search) equal to
the live rows.

One place decides what is public (listings/visibility.py) and one place copies it here: after
every flush, the entries of each product, photo, seller, unit or category that the flush touched
are rebuilt from the rows as they now are (search terms included), in the same transaction. So a
suspended seller's products vanish from listings and search when the suspension commits, and a
rolled-back change leaves no trace. Bulk Core writes that bypass the ORM (the benchmark seeder, migrations) call
`rebuild_all` themselves.
"""
from __future__ import annotations

from itertools import chain
from types import SimpleNamespace

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from storefront.catalog.models import CatalogEntry
from storefront.catalog.search_index import document_for
from storefront.catalog.urls import slugify
from storefront.listings.models import Product, ProductPhoto
from storefront.listings.visibility import public_product_filter
from storefront.media.models import MediaDerivative
from storefront.reference.models import Category, Unit
from storefront.sellers.halal.statuses import shows_halal_badge
from storefront.sellers.models import Seller

BATCH = 2000
_entries = CatalogEntry.__table__


def rebuild(connection: Connection, *, product_ids=(), seller_ids=(), unit_ids=(), category_ids=()) -> None:
    """Rebuild the entries of these products, and of every product of these sellers, counted in
    these units or listed in these categories."""
    conditions = [column.in_(sorted(ids)) for column, ids in (
        (Product.id, product_ids), (Product.seller_id, seller_ids), (Product.unit_id, unit_ids),
        (Product.category_id, category_ids)) if ids]
    if not conditions:
        return
    stale = [_entries.c.product_id.in_(sa.select(Product.id).where(sa.or_(*conditions)))]
    if product_ids:  # a product deleted in this flush is gone from `products` already
        stale.append(_entries.c.product_id.in_(sorted(product_ids)))
    connection.execute(_entries.delete().where(sa.or_(*stale)))
    rows = entry_rows(connection, sa.or_(*conditions))
    if rows:
        connection.execute(_entries.insert(), rows)


def rebuild_all(connection: Connection) -> int:
    """Every entry from scratch, in batches of products; returns how many products are public."""
    connection.execute(_entries.delete())
    last_id, count = 0, 0
    while True:
        ids = connection.scalars(sa.select(Product.id).where(Product.id > last_id)
                                 .order_by(Product.id).limit(BATCH)).all()
        if not ids:
            return count
        rows = entry_rows(connection, Product.id.between(ids[0], ids[-1]))
        if rows:
            connection.execute(_entries.insert(), rows)
        last_id, count = ids[-1], count + len(rows)


def entry_rows(connection: Connection, condition) -> list[dict]:
    """The entries the public products matching `condition` give now (what a rebuild writes)."""
    products = connection.execute(
        sa.select(Product.id, Product.seller_id, Product.category_id, Seller.kecamatan_id, Seller.scale,
                  Product.halal_status, Product.halal_certificate_number, Product.price, Product.lead_time_days,
                  Product.published_at, Product.created_at, Product.name, Product.description,
                  Product.claims_verified_at, Seller.business_name, Unit.name_id, Unit.name_en,
                  Category.name_id.label("category_name_id"), Category.name_en.label("category_name_en"))
        .join(Seller, Seller.id == Product.seller_id).join(Unit, Unit.id == Product.unit_id)
        .outerjoin(Category, Category.id == Product.category_id)
        .where(public_product_filter(), condition)).all()
    if not products:
        return []
    photos = _primary_photos(connection, [row.id for row in products])
    rows = []
    for row in products:
        alt, derivatives = photos.get(row.id, ("", []))
        name_terms, body_terms = document_for(
            row, SimpleNamespace(name_id=row.category_name_id or "", name_en=row.category_name_en or ""))
        rows.append({
            "product_id": row.id, "seller_id": row.seller_id, "category_id": row.category_id,
            "kecamatan_id": row.kecamatan_id, "scale": row.scale.value if row.scale else "",
            "halal_badge": shows_halal_badge(row.halal_status, row.halal_certificate_number),
            "price": row.price, "lead_time_days": row.lead_time_days,
            "published_at": row.published_at or row.created_at, "name": row.name, "slug": slugify(row.name),
            "seller_name": row.business_name, "unit_name_id": row.name_id, "unit_name_en": row.name_en,
            "claims_verified": row.claims_verified_at is not None, "photo_alt": alt, "photo": derivatives,
            "name_terms": name_terms, "body_terms": body_terms,
        })
    return rows


def _primary_photos(connection: Connection, product_ids: list[int]) -> dict[int, tuple[str, list]]:
    """product id -> (alt text, [[width, key], ...]) of the photo a card shows: the one marked
    primary, else the first in display order (the same choice as Product.primary_photo)."""
    rows = connection.execute(
        sa.select(ProductPhoto.product_id, ProductPhoto.id, ProductPhoto.alt_text,
                  MediaDerivative.width, MediaDerivative.key)
        .join(MediaDerivative, MediaDerivative.image_id == ProductPhoto.image_id)
        .where(ProductPhoto.product_id.in_(product_ids))
        .order_by(ProductPhoto.product_id, ProductPhoto.is_primary.desc(), ProductPhoto.position,
                  ProductPhoto.id, MediaDerivative.width)).all()
    chosen: dict[int, tuple[int, str, list]] = {}
    for product_id, photo_id, alt, width, key in rows:
        entry = chosen.setdefault(product_id, (photo_id, alt, []))
        if entry[0] == photo_id:
            entry[2].append([width, key])
    return {product_id: (alt, derivatives) for product_id, (_, alt, derivatives) in chosen.items()}


@sa.event.listens_for(Session, "after_flush")
def keep_entries_current(session: Session, flush_context) -> None:
    """Whatever service changed a product, a photo, a seller, a unit or a category, its entries
    follow here."""
    product_ids, seller_ids, unit_ids, category_ids = set(), set(), set(), set()
    for obj in chain(session.new, session.dirty, session.deleted):
        if isinstance(obj, Product):
            product_ids.add(obj.id)
        elif isinstance(obj, ProductPhoto):
            product_ids.add(obj.product_id)
        elif isinstance(obj, Seller):
            seller_ids.add(obj.id)
        elif isinstance(obj, Unit):
            unit_ids.add(obj.id)
        elif isinstance(obj, Category):
            category_ids.add(obj.id)
    product_ids.discard(None)
    if product_ids or seller_ids or unit_ids or category_ids:
        rebuild(session.connection(), product_ids=product_ids, seller_ids=seller_ids, unit_ids=unit_ids,
                category_ids=category_ids)
