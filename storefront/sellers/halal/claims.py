"""Validating a halal claim, the halal fields of a product form: status, number, ingredient and reason.

The rules are in docs/domain.md, "Halal": statuses and out-of-scope reasons, certificate
numbers, non-halal products (the "tidak halal" statement).
"""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from storefront.sellers.halal.deadlines import is_mandatory
from storefront.sellers.halal.statuses import HalalStatus, coerce_status, shows_halal_badge, status_label
from storefront.sellers.identifiers.core import InvalidIdentifier
from storefront.sellers.identifiers.permits import (
    MSG_HALAL_BPJPH,
    MSG_HALAL_MUI,
    HalalNumberKind,
    halal_number_kind,
    validate_halal_number,
)
from storefront.text import lazy_gettext as _l

# --- validating a halal claim (a product form's halal fields) ------------------------------------

class OutOfScopeReason(str, enum.Enum):
    """Why a product is outside the mandatory scope; the Dinas must choose one."""

    LATER_PHASE = "later_phase"
    NOT_REGULATED = "not_regulated"

    @property
    def label(self):
        return OUT_OF_SCOPE_REASON_LABELS[self]


OUT_OF_SCOPE_REASON_LABELS = {
    OutOfScopeReason.LATER_PHASE: _l("Kewajiban halal untuk jenis produk ini baru berlaku nanti"),
    OutOfScopeReason.NOT_REGULATED: _l("Jenis produk ini tidak termasuk yang diatur wajib halal"),
}

NON_HALAL_INGREDIENT_MAX = 200

MSG_INGREDIENT_REQUIRED = _l("Sebutkan bahan yang tidak halal, misalnya: babi, atau angciu (arak "
                             "masak). Bahan ini ditampilkan di halaman produk.")
MSG_INGREDIENT_TOO_LONG = _l("Tulis bahan yang tidak halal dengan singkat, paling banyak 200 huruf.")
MSG_INGREDIENT_NOT_EXPECTED = _l("Bahan tidak halal hanya diisi untuk produk berstatus Tidak halal. "
                                 "Pilih status Tidak halal, atau kosongkan isian ini.")
MSG_NUMBER_NOT_EXPECTED = _l("Status ini tidak memakai nomor sertifikat. Kosongkan nomornya, atau "
                             "pilih status Bersertifikat Halal jika sertifikat dari BPJPH sudah terbit.")
MSG_NUMBER_IS_BPJPH = _l("Nomor yang diawali ID adalah sertifikat halal dari BPJPH. Pilih status "
                         "Bersertifikat Halal (reguler atau pernyataan pelaku usaha).")
MSG_NUMBER_IS_MUI = _l("Nomor 14 angka adalah sertifikat MUI lama. Pilih status Sertifikat MUI "
                       "(lama), atau isi nomor sertifikat BPJPH yang diawali ID.")
MSG_REASON_REQUIRED = _l("Pilih alasan produk ini tidak termasuk wajib halal.")
MSG_OUT_OF_SCOPE_MANDATORY = _l("Produk jenis ini wajib bersertifikat halal, jadi tidak bisa diberi "
                                "status Tidak termasuk wajib halal. Pilih Belum bersertifikat atau Dalam "
                                "proses sertifikasi jika sertifikat belum terbit.")


class InvalidHalalClaim(ValueError):
    """A halal claim that does not hold together; `field` says which form field to mark."""

    def __init__(self, message, field: str):
        super().__init__(message)
        self.message = message
        # "status" | "certificate_number" | "non_halal_ingredient" | "out_of_scope_reason"
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


@dataclass(frozen=True)
class HalalClaim:
    status: HalalStatus
    certificate_number: str | None = None
    non_halal_ingredient: str | None = None
    out_of_scope_reason: OutOfScopeReason | None = None

    @property
    def certificate_kind(self) -> HalalNumberKind | None:
        return self.status.certificate_kind

    @property
    def shows_badge(self) -> bool:
        return shows_halal_badge(self.status, self.certificate_number)

    @property
    def label(self):
        return status_label(self.status, self.non_halal_ingredient)


def validate_non_halal_ingredient(text) -> str:
    """The non-halal ingredient a NOT_HALAL product must name, tidied."""
    cleaned = re.sub(r"\s+", " ", text or "").strip()
    if not cleaned:
        raise InvalidHalalClaim(MSG_INGREDIENT_REQUIRED, "non_halal_ingredient")
    if len(cleaned) > NON_HALAL_INGREDIENT_MAX:
        raise InvalidHalalClaim(MSG_INGREDIENT_TOO_LONG, "non_halal_ingredient")
    return cleaned


def validate_halal_claim(status, certificate_number=None, non_halal_ingredient=None,
                         out_of_scope_reason=None, category_kind=None, scale=None) -> HalalClaim:
    """Check that the status, number, ingredient and reason fit together; return the clean claim.

    - certified (regular, self-declare): a BPJPH number `ID…`; legacy MUI: a 14-digit number;
      any other status: no number (a number there would read as a claim it is not).
    - not halal: the non-halal ingredient is required; no other status takes one.
    - out of scope: a reason is required; and with `category_kind` given, a kind that has a
      mandatory deadline cannot be out of scope (textiles and cosmetics included).
    """
    try:
        status = coerce_status(status)
    except ValueError:
        raise InvalidHalalClaim(_l("Pilih status halal produk."), "status") from None
    number_given = bool(str(certificate_number or "").strip())
    ingredient_given = bool(str(non_halal_ingredient or "").strip())

    number = None
    kind = status.certificate_kind
    if kind is not None:
        found = halal_number_kind(certificate_number)
        if kind is HalalNumberKind.MUI_LEGACY and found is HalalNumberKind.BPJPH:
            raise InvalidHalalClaim(MSG_NUMBER_IS_BPJPH, "certificate_number")
        if kind is HalalNumberKind.BPJPH and found is HalalNumberKind.MUI_LEGACY:
            raise InvalidHalalClaim(MSG_NUMBER_IS_MUI, "certificate_number")
        try:
            number = validate_halal_number(certificate_number, kind)
        except (InvalidIdentifier, TypeError):
            message = MSG_HALAL_BPJPH if kind is HalalNumberKind.BPJPH else MSG_HALAL_MUI
            raise InvalidHalalClaim(message, "certificate_number") from None
    elif number_given:
        raise InvalidHalalClaim(MSG_NUMBER_NOT_EXPECTED, "certificate_number")

    ingredient = None
    if status is HalalStatus.NOT_HALAL:
        ingredient = validate_non_halal_ingredient(non_halal_ingredient)
    elif ingredient_given:
        raise InvalidHalalClaim(MSG_INGREDIENT_NOT_EXPECTED, "non_halal_ingredient")

    reason = None
    if status is HalalStatus.OUT_OF_SCOPE:
        if category_kind is not None and is_mandatory(category_kind, scale):
            raise InvalidHalalClaim(MSG_OUT_OF_SCOPE_MANDATORY, "status")
        try:
            reason = OutOfScopeReason(out_of_scope_reason)
        except ValueError:
            raise InvalidHalalClaim(MSG_REASON_REQUIRED, "out_of_scope_reason") from None

    return HalalClaim(status=status, certificate_number=number, non_halal_ingredient=ingredient,
                      out_of_scope_reason=reason)
