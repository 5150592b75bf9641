"""The products' part of the seller's dashboard (sellers/views.py): how many in each status, and
which wait for the seller to fix them. Added to that page when the app is built (web/page_parts.py),
since sellers sit below listings and never import them."""
from __future__ import annotations

import sqlalchemy as sa

from storefront.extensions import db
from storefront.listings.models import Product
from storefront.listings.workflow import ProductStatus
from storefront.web import page_parts


def products_part(seller) -> dict:
    counts = dict(db.session.execute(sa.select(Product.status, sa.func.count()).where(Product.seller_id == seller.id)
                                     .group_by(Product.status)).all())
    to_fix = db.session.scalars(sa.select(Product).where(
        Product.seller_id == seller.id,
        Product.status.in_([ProductStatus.REVISION_REQUESTED, ProductStatus.SUSPENDED]))).all()
    return {"counts": counts, "to_fix": to_fix, "statuses": list(ProductStatus)}


def init_app(app) -> None:
    page_parts.add(app, "sellers.dashboard", products_part)
