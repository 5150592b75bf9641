"""What procurement adds to the catalog's public pages: on a product page, whether the visitor may
put it in a purchase request and from when; on a seller page, the OPDs' ratings for buyers.

The catalog sits below procurement and never imports it; these parts are added to its pages when
the app is built (web/page_parts.py).
"""
from __future__ import annotations

from flask_login import current_user

from storefront.accounts.roles import RATING_READERS, Role
from storefront.procurement import ordering, queries
from storefront.web import page_parts


def order_part(product) -> dict:
    """A pemesan may request it; a product listed or re-priced moments ago only after the pause."""
    can_request = current_user.is_authenticated and current_user.role is Role.PEMESAN
    ends = ordering.orderable_from(product) if can_request else None
    cooling = ordering.cooling_message(product, ends) if ends else None
    return {"can_request": can_request, "cooling": cooling}


def ratings_part(seller) -> dict:
    # Buyers (OPD staff and the auditor, never the public cache) see how other OPDs rated it.
    buyer = current_user.is_authenticated and current_user.role in RATING_READERS
    return {"ratings": queries.seller_ratings(seller.id) if buyer else None}


def init_app(app) -> None:
    page_parts.add(app, "catalog.product", order_part)
    page_parts.add(app, "catalog.seller", ratings_part)
