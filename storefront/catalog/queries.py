"""The catalog's read side: what the public sees, loaded in a fixed number of statements."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, selectinload

from storefront.catalog.models import Product, ProductPhoto
from storefront.extensions import db
from storefront.media.models import MediaImage
from storefront.sellers.visibility import public_product_filter


def newest_products(limit: int = 8) -> list[Product]:
    """Recently published products of verified sellers, with seller, unit and photos loaded."""
    return db.session.scalars(
        sa.select(Product).join(Product.seller).where(public_product_filter())
        .options(contains_eager(Product.seller), selectinload(Product.unit),
                 selectinload(Product.photos).selectinload(ProductPhoto.image).selectinload(MediaImage.derivatives))
        .order_by(Product.published_at.desc(), Product.id.desc()).limit(limit)).all()

