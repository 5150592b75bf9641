"""Halal status of a product: the seven statuses, the badge rule and the mandatory deadlines. Pure.

Nothing here knows about a product row: callers pass the status, the certificate number, the
category kind of the product's category and the seller's scale.

The statuses, their labels and the badge rule are in statuses; category kinds and business
scale in kinds; the deadlines (and the banner) in deadlines; validating a product form's halal
fields in claims. Each module cites its rules in docs/domain.md. Every name this module
held before the split is still importable from here.
"""
from __future__ import annotations

from storefront.sellers.halal.claims import (
    MSG_INGREDIENT_NOT_EXPECTED,
    MSG_INGREDIENT_REQUIRED,
    MSG_INGREDIENT_TOO_LONG,
    MSG_NUMBER_IS_BPJPH,
    MSG_NUMBER_IS_MUI,
    MSG_NUMBER_NOT_EXPECTED,
    MSG_OUT_OF_SCOPE_MANDATORY,
    MSG_REASON_REQUIRED,
    NON_HALAL_INGREDIENT_MAX,
    OUT_OF_SCOPE_REASON_LABELS,
    HalalClaim,
    InvalidHalalClaim,
    OutOfScopeReason,
    validate_halal_claim,
    validate_non_halal_ingredient,
)
from storefront.sellers.halal.deadlines import (
    DEADLINE_MEDIUM_LARGE_FOOD,
    DEADLINE_NON_FOOD_2026,
    DEADLINE_UMK_FOOD,
    halal_deadline,
    is_mandatory,
    is_overdue,
    pending_deadline,
)
from storefront.sellers.halal.kinds import (
    CATEGORY_KIND_LABELS,
    DEFAULT_CATEGORY_KINDS,
    OSS_SCALE_CODES,
    SCALE_LABELS,
    BusinessScale,
    CategoryKind,
    coerce_scale,
)
from storefront.sellers.halal.statuses import (
    AWAITING_CERTIFICATE,
    CERTIFICATE_KINDS,
    CERTIFIED,
    NOT_HALAL_WITH_INGREDIENT,
    STATUS_EXPLANATIONS,
    STATUS_LABELS,
    HalalStatus,
    IngredientLabel,
    coerce_status,
    shows_halal_badge,
    status_label,
)
from storefront.sellers.identifiers import (
    MSG_HALAL_BPJPH,
    MSG_HALAL_MUI,
    HalalNumberKind,
    InvalidIdentifier,
    halal_number_kind,
    validate_halal_number,
)

__all__ = [  # everything importable from here before the split into statuses, kinds, deadlines, claims
    "HalalStatus", "CERTIFIED", "CERTIFICATE_KINDS", "AWAITING_CERTIFICATE", "STATUS_LABELS",
    "STATUS_EXPLANATIONS", "coerce_status", "NOT_HALAL_WITH_INGREDIENT", "IngredientLabel", "status_label",
    "shows_halal_badge",
    "CategoryKind", "CATEGORY_KIND_LABELS", "DEFAULT_CATEGORY_KINDS", "BusinessScale", "SCALE_LABELS",
    "OSS_SCALE_CODES", "coerce_scale",
    "DEADLINE_UMK_FOOD", "DEADLINE_MEDIUM_LARGE_FOOD", "DEADLINE_NON_FOOD_2026", "halal_deadline",
    "is_mandatory", "pending_deadline", "is_overdue",
    "OutOfScopeReason", "OUT_OF_SCOPE_REASON_LABELS", "NON_HALAL_INGREDIENT_MAX", "MSG_INGREDIENT_REQUIRED",
    "MSG_INGREDIENT_TOO_LONG", "MSG_INGREDIENT_NOT_EXPECTED", "MSG_NUMBER_NOT_EXPECTED", "MSG_NUMBER_IS_BPJPH",
    "MSG_NUMBER_IS_MUI", "MSG_REASON_REQUIRED", "MSG_OUT_OF_SCOPE_MANDATORY", "InvalidHalalClaim", "HalalClaim",
    "validate_non_halal_ingredient", "validate_halal_claim",
    # imported from identifiers before the split, and so importable from here
    "MSG_HALAL_BPJPH", "MSG_HALAL_MUI", "HalalNumberKind", "InvalidIdentifier", "halal_number_kind",
    "validate_halal_number",
]
