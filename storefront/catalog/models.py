"""The catalog's read model: one row per public product, as the public pages list, filter and find it.

The products themselves are the listings feature's (listings/models.py).
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from storefront.extensions import db

# What the listings filter on besides their order; the covering indexes below carry them.
FILTER_COLUMNS = ("category_id", "kecamatan_id", "scale", "halal_badge", "price", "lead_time_days")


class CatalogEntry(db.Model):
    """A public product as a results page lists, filters and finds it: one row per published
    product of a verified seller, kept current by catalog/entries.py after every flush.

    Listings, search results and facets read this table alone, so a page needs no joins, costs
    the same at 100 or 100,000 products, and a product that stops being public simply has no row
    (nor any place in the search index, which is built on this table: catalog/search_index.py).
    """

    __tablename__ = "catalog_entries"
    # Each listing order has an index that also holds what a candidate carries and is filtered on,
    # so reading the 1,201 candidates of any filter set never touches the wider rows.
    __table_args__ = (
        sa.Index("ix_catalog_entries_published", "published_at", "product_id", *FILTER_COLUMNS),
        sa.Index("ix_catalog_entries_price", "price", "product_id", *FILTER_COLUMNS[:4], "lead_time_days"),
        sa.Index("ix_catalog_entries_category", "category_id", "published_at", "product_id", *FILTER_COLUMNS[1:]),
        sa.Index("ix_catalog_entries_seller", "seller_id", "published_at", "product_id", *FILTER_COLUMNS),
    )

    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id", ondelete="CASCADE"), primary_key=True,
                                            autoincrement=False)
    seller_id: Mapped[int] = mapped_column(sa.ForeignKey("sellers.id", ondelete="CASCADE"))
    # Copies for filtering; their names come from the reference tables when a page shows them.
    category_id: Mapped[int]
    kecamatan_id: Mapped[int | None]
    scale: Mapped[str] = mapped_column(sa.String(20), default="")
    halal_badge: Mapped[bool]
    price: Mapped[int] = mapped_column(sa.BigInteger)
    lead_time_days: Mapped[int]
    published_at: Mapped[datetime]
    # What the card shows.
    name: Mapped[str] = mapped_column(sa.String(120))
    slug: Mapped[str] = mapped_column(sa.String(60))
    seller_name: Mapped[str] = mapped_column(sa.String(120))
    unit_name_id: Mapped[str] = mapped_column(sa.String(60))
    unit_name_en: Mapped[str] = mapped_column(sa.String(60))
    claims_verified: Mapped[bool]
    photo_alt: Mapped[str] = mapped_column(sa.String(200), default="")
    # The primary photo's derivatives as [[width, storage key], ...], narrowest first; [] without.
    photo: Mapped[list] = mapped_column(sa.JSON, default=list)
    # What search finds it by, stemmed in Python so both databases index the same terms: the name,
    # and the body (description and category names).
    name_terms: Mapped[str] = mapped_column(sa.Text, default="")
    body_terms: Mapped[str] = mapped_column(sa.Text, default="")
