"""Indonesian identifiers: normalise, validate, explain, format and mask. Pure: no app, no database.

Every validator first normalises what the seller typed (spaces, dots, dashes and slashes
removed, letters uppercased, full-width characters folded, a leading label such as "NIB:" or
"BPOM RI" dropped), then checks the shape and returns the canonical value to store. When the
shape is wrong it raises `InvalidIdentifier`, whose str() is a message in plain Indonesian
saying what the number looks like and where to find it (lazily translated, so it is rendered
in the visitor's language when shown).

Hard rules raise; soft rules (a NIK whose birth date looks odd, a P-IRT from another city, a
BPJPH number whose province digits are unknown) only return warnings, because they are
plausibility checks and a wrong rejection would stop a real seller
(docs/domain.md, "Normalising, hard and soft rules").

The shared pieces (the error, normalising, province codes) are in core; NIB, NPWP, NITKU and
NIK in business; P-IRT, BPOM and halal certificate numbers in permits; mobile/WhatsApp numbers
in contact; masking in masking. Each module cites its rules in docs/domain.md. Every
name this module held before the split is still importable from here.
"""
from __future__ import annotations

from storefront.sellers.identifiers.business import (
    MSG_NIB,
    MSG_NIK,
    MSG_NIK_SEQUENCE,
    MSG_NITKU,
    MSG_NITKU_NPWP,
    MSG_NPWP,
    NikParts,
    format_nib,
    format_npwp,
    format_npwp_legacy,
    is_head_office_nitku,
    is_legacy_npwp,
    nik_warnings,
    parse_nik,
    validate_nib,
    validate_nik,
    validate_nitku,
    validate_npwp,
)
from storefront.sellers.identifiers.contact import MSG_PHONE, format_phone, phone_e164, validate_phone, whatsapp_link
from storefront.sellers.identifiers.core import PROVINCE_CODES, InvalidIdentifier, normalise
from storefront.sellers.identifiers.masking import MASK_CHAR, mask_private
from storefront.sellers.identifiers.permits import (
    BPOM_FOOD_PREFIXES,
    BPOM_OTHER_DIGITS,
    MSG_BPOM,
    MSG_BPOM_OTHER,
    MSG_HALAL,
    MSG_HALAL_BPJPH,
    MSG_HALAL_MUI,
    MSG_PIRT,
    PIRT_MAX_YEARS,
    PIRT_PACKAGING_DIGITS,
    HalalNumberKind,
    bpom_warnings,
    format_bpom,
    format_halal_number,
    format_pirt,
    halal_number_kind,
    halal_number_warnings,
    is_bpjph_number,
    is_legacy_mui_number,
    pirt_end_year,
    pirt_is_expired,
    pirt_region_code,
    pirt_valid_until,
    pirt_warnings,
    validate_bpom,
    validate_bpom_notification,
    validate_halal_number,
    validate_pirt,
)

__all__ = [  # everything importable from here before the split into core, business, permits, contact, masking
    "InvalidIdentifier", "normalise", "PROVINCE_CODES",
    "MSG_NIB", "validate_nib", "format_nib",
    "MSG_NPWP", "validate_npwp", "is_legacy_npwp", "format_npwp", "format_npwp_legacy",
    "MSG_NITKU", "MSG_NITKU_NPWP", "validate_nitku", "is_head_office_nitku",
    "MSG_NIK", "MSG_NIK_SEQUENCE", "NikParts", "validate_nik", "parse_nik", "nik_warnings",
    "MSG_PIRT", "PIRT_MAX_YEARS", "PIRT_PACKAGING_DIGITS", "validate_pirt", "pirt_end_year", "pirt_valid_until",
    "pirt_is_expired", "pirt_region_code", "pirt_warnings", "format_pirt",
    "MSG_BPOM", "MSG_BPOM_OTHER", "BPOM_FOOD_PREFIXES", "BPOM_OTHER_DIGITS", "validate_bpom",
    "validate_bpom_notification", "bpom_warnings", "format_bpom",
    "HalalNumberKind", "MSG_HALAL", "MSG_HALAL_BPJPH", "MSG_HALAL_MUI", "halal_number_kind",
    "validate_halal_number", "is_bpjph_number", "is_legacy_mui_number", "halal_number_warnings",
    "format_halal_number",
    "MSG_PHONE", "validate_phone", "phone_e164", "format_phone", "whatsapp_link",
    "MASK_CHAR", "mask_private",
]
