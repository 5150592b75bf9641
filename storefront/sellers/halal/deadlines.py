"""The mandatory-halal deadlines: by when a product must be certified, and whether it is overdue.

The rules, with their sources: docs/domain.md, "Category kinds and business scale" and "The badge and the banner".
"""
from __future__ import annotations

from datetime import date

from storefront.sellers.halal.kinds import CategoryKind, coerce_scale
from storefront.sellers.halal.statuses import AWAITING_CERTIFICATE, coerce_status

# --- what must be certified, and by when ---------------------------------------------------------

# Last day before the obligation is in force (BPJPH: "mulai 18 Oktober 2026").
DEADLINE_UMK_FOOD = date(2026, 10, 17)  # PP 42/2024: micro and small businesses
DEADLINE_MEDIUM_LARGE_FOOD = date(2024, 10, 17)  # PP 42/2024: medium and large businesses
DEADLINE_NON_FOOD_2026 = date(2026, 10, 17)  # cosmetics, jamu, sandang, aksesoris


def halal_deadline(category_kind, scale=None) -> date | None:
    """The date by which products of this kind must be halal-certified, or None if not (yet) dated.

    Food and drink: 17 Oct 2026 for micro and small businesses, 17 Oct 2024 for medium and large.
    Textiles, clothing, bags, accessories, cosmetics and jamu: 17 Oct 2026, for every scale.
    Crafts, stationery, other goods and non-food services: None (later phases, not yet fixed).
    An unknown scale (None) counts as micro/small: every Etalase seller is an UMKM binaan, and
    the later date never shows a product as overdue too early.
    """
    kind = CategoryKind(category_kind)
    if kind is CategoryKind.FOOD_BEVERAGE:
        business = coerce_scale(scale)
        if business is None or business.is_umk:
            return DEADLINE_UMK_FOOD
        return DEADLINE_MEDIUM_LARGE_FOOD
    if kind in (CategoryKind.TEXTILE_FASHION, CategoryKind.COSMETICS_HEALTH):
        return DEADLINE_NON_FOOD_2026
    return None


def is_mandatory(category_kind, scale=None) -> bool:
    """In the mandatory-halal scope with a known deadline (past or future)."""
    return halal_deadline(category_kind, scale) is not None


def pending_deadline(status, category_kind, scale=None) -> date | None:
    """The deadline to show on a banner: set only while the product still lacks a certificate
    (not yet certified, or in process) and its kind has a deadline."""
    if coerce_status(status) not in AWAITING_CERTIFICATE:
        return None
    return halal_deadline(category_kind, scale)


def is_overdue(status, category_kind, scale, today: date) -> bool:
    """True from the day after the deadline while the product is still without a certificate."""
    deadline = pending_deadline(status, category_kind, scale)
    return deadline is not None and today > deadline
