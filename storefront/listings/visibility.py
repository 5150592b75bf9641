"""What the public may see: published products of verified sellers, and those sellers' logos.

One place for the rule, used by the media route, the catalog's entries and pages, and ordering.
"""
from __future__ import annotations

import sqlalchemy as sa

from storefront.accounts.roles import DINAS_READERS
from storefront.extensions import db
from storefront.listings.models import Product, ProductPhoto
from storefront.listings.workflow import ProductStatus
from storefront.sellers.models import Seller
from storefront.sellers.workflow import SellerStatus


def public_product_filter():
    """WHERE clause for products anyone may see (join Product.seller first)."""
    return sa.and_(Product.status == ProductStatus.PUBLISHED, Seller.status == SellerStatus.VERIFIED)


def image_visible(user, image) -> bool:
    """The uploader and the Dinas side see every image; everyone else only public ones."""
    if getattr(user, "is_authenticated", False) and (user.id == image.owner_id or user.role in DINAS_READERS):
        return True
    on_public_product = sa.select(ProductPhoto.id).join(ProductPhoto.product).join(Product.seller).where(
        ProductPhoto.image_id == image.id, public_product_filter())
    public_logo = sa.select(Seller.id).where(Seller.logo_image_id == image.id,
                                             Seller.status == SellerStatus.VERIFIED)
    return bool(db.session.scalar(sa.select(sa.or_(sa.exists(on_public_product), sa.exists(public_logo)))))
