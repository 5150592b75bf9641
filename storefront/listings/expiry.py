"""Permit expiry: flag documents past their end, suspend live products whose P-IRT has ended.

Run daily by `flask --app wsgi sellers check-expiry`. Idempotent: what was flagged or suspended
before is left as it is, so a second run the same day changes nothing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from storefront.extensions import db
from storefront.i18n import long_date
from storefront.listings import services as listings
from storefront.listings.models import Product
from storefront.listings.workflow import ProductAction, ProductStatus
from storefront.sellers import documents
from storefront.sellers.identifiers.permits import pirt_is_expired, pirt_valid_until
from storefront.sellers.workflow import Party


@dataclass
class ExpiryReport:
    flagged_documents: list[int] = field(default_factory=list)
    suspended_products: list[int] = field(default_factory=list)


def check_expiry(today: date) -> ExpiryReport:
    """Flag expired documents and suspend published products with an ended P-IRT. Flushes."""
    report = ExpiryReport()
    report.flagged_documents.extend(documents.flag_expired(today))
    products = db.session.scalars(sa.select(Product).where(
        Product.status == ProductStatus.PUBLISHED, Product.pirt_number != "")).all()
    for product in products:
        if pirt_is_expired(product.pirt_number, today):
            end = pirt_valid_until(product.pirt_number)
            listings.act(product, ProductAction.SUSPEND, actor=None, party=Party.SYSTEM,
                         reason=f"P-IRT {product.pirt_number} berakhir {long_date(end, locale='id')}; perbarui izinnya lalu "
                                f"hubungi Dinas.")
            report.suspended_products.append(product.id)
    db.session.flush()
    return report
