"""Who may still take part in a request: read again before every step that commits the city.

A request was checked at checkout, but the seller or a product can drop out while it waits: the
Dinas suspends the product or the seller, the seller unpublishes the product, or the daily
permit check (`flask sellers check-expiry`) suspends it when its P-IRT ends. From then on the
PPK must not issue the Surat Pesanan, the seller must not accept or counter, and the pemesan must
not send a counter-offer back to the PPK (workflow.COMMITS_CITY); ending the request stays open.
"""
from __future__ import annotations

import sqlalchemy as sa

from storefront.extensions import db
from storefront.listings.models import Product, ProductEvent
from storefront.listings.workflow import ProductAction, ProductStatus
from storefront.procurement.models import PurchaseRequest
from storefront.procurement.workflow import COMMITS_CITY, TRANSITIONS
from storefront.sellers.models import Seller
from storefront.sellers.workflow import SellerStatus
from storefront.text import lazy_gettext as _l

# The statuses in which a step that commits the city is still ahead (the page warns there).
BEFORE_COMMITMENT = frozenset(source for (source, action) in TRANSITIONS if action in COMMITS_CITY)


def blockers(request: PurchaseRequest, items) -> list[str]:
    """Why the request cannot go on (empty: it can), in words the pemesan and PPK understand."""
    reasons = []
    seller = db.session.get(Seller, request.seller_id)
    if seller.status is SellerStatus.SUSPENDED:
        reasons.append(str(_l("Penjual %(name)s dibekukan oleh Dinas.", name=seller.business_name)))
    elif seller.status is not SellerStatus.VERIFIED:
        reasons.append(str(_l("Penjual %(name)s tidak terverifikasi lagi.", name=seller.business_name)))
    ids = [item.product_id for item in items if item.product_id is not None]
    products = {product.id: product for product in db.session.scalars(sa.select(Product).where(Product.id.in_(ids)))}
    for item in items:
        product = products.get(item.product_id)
        if product is None:
            reasons.append(str(_l("%(name)s tidak ada lagi di katalog.", name=item.name)))
        elif product.status is ProductStatus.SUSPENDED:
            reasons.append(_suspended(product, item.name))
        elif product.status is ProductStatus.UNPUBLISHED:
            reasons.append(str(_l("%(name)s tidak ditayangkan lagi oleh penjualnya.", name=item.name)))
        elif product.status is not ProductStatus.PUBLISHED:
            reasons.append(str(_l("%(name)s tidak tayang di katalog.", name=item.name)))
    return reasons


def _suspended(product: Product, name: str) -> str:
    """A suspension by the permit check says which permit ended; the Dinas's own reasons stay
    between the Dinas and the seller."""
    event = db.session.scalar(sa.select(ProductEvent).where(
        ProductEvent.product_id == product.id, ProductEvent.action == ProductAction.SUSPEND.value)
        .order_by(ProductEvent.id.desc()).limit(1))
    if event is not None and event.actor_id is None and event.reason:
        return str(_l("%(name)s dibekukan otomatis: %(reason)s", name=name, reason=event.reason))
    return str(_l("%(name)s dibekukan oleh Dinas.", name=name))


def pending(request: PurchaseRequest, items) -> list[str]:
    """The blockers worth showing on the request's page: only while a committing step is ahead."""
    return blockers(request, items) if request.status in BEFORE_COMMITMENT else []
