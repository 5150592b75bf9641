"""The seven halal statuses, their labels and explanations, and the rule for the halal badge.

The rules, with their sources: docs/domain.md, "Statuses", "Certificate numbers" (checked in
identifiers/permits.py), "The badge and the banner" (a KH number is not a certificate) and
"Non-halal products" (the "tidak halal" statement).
"""
from __future__ import annotations

import enum

from markupsafe import Markup, escape

from storefront.sellers.identifiers.permits import HalalNumberKind, halal_number_kind
from storefront.text import lazy_gettext as _l

# --- the seven statuses ------------------------------------------------------------------------

class HalalStatus(str, enum.Enum):
    CERTIFIED_REGULAR = "certified_regular"
    CERTIFIED_SELF_DECLARE = "certified_self_declare"
    LEGACY_MUI = "legacy_mui"
    IN_PROCESS = "in_process"
    NOT_CERTIFIED = "not_certified"
    NOT_HALAL = "not_halal"
    OUT_OF_SCOPE = "out_of_scope"

    @property
    def label(self):
        return STATUS_LABELS[self]

    @property
    def explanation(self):
        return STATUS_EXPLANATIONS[self]

    @property
    def certificate_kind(self) -> HalalNumberKind | None:
        return CERTIFICATE_KINDS.get(self)

    @property
    def requires_certificate_number(self) -> bool:
        return self in CERTIFICATE_KINDS

    @property
    def is_certified(self) -> bool:
        """Certified by BPJPH: the only statuses that may show the halal badge."""
        return self in CERTIFIED


CERTIFIED = frozenset({HalalStatus.CERTIFIED_REGULAR, HalalStatus.CERTIFIED_SELF_DECLARE})

# Which statuses need a certificate number, and of which kind.
CERTIFICATE_KINDS = {
    HalalStatus.CERTIFIED_REGULAR: HalalNumberKind.BPJPH,
    HalalStatus.CERTIFIED_SELF_DECLARE: HalalNumberKind.BPJPH,
    HalalStatus.LEGACY_MUI: HalalNumberKind.MUI_LEGACY,
}

# Products in the mandatory scope that still have no BPJPH certificate: these get the deadline
# banner and are overdue after it. A legacy MUI certificate is a certificate
# (prompted to migrate), a non-halal product is exempt but labelled, and
# out-of-scope products have no deadline.
AWAITING_CERTIFICATE = frozenset({HalalStatus.NOT_CERTIFIED, HalalStatus.IN_PROCESS})

STATUS_LABELS = {
    HalalStatus.CERTIFIED_REGULAR: _l("Bersertifikat Halal (reguler)"),
    HalalStatus.CERTIFIED_SELF_DECLARE: _l("Bersertifikat Halal (pernyataan pelaku usaha)"),
    HalalStatus.LEGACY_MUI: _l("Sertifikat MUI (lama)"),
    HalalStatus.IN_PROCESS: _l("Dalam proses sertifikasi"),
    HalalStatus.NOT_CERTIFIED: _l("Belum bersertifikat"),
    HalalStatus.NOT_HALAL: _l("Tidak halal"),
    HalalStatus.OUT_OF_SCOPE: _l("Tidak termasuk wajib halal"),
}

STATUS_EXPLANATIONS = {
    HalalStatus.CERTIFIED_REGULAR: _l(
        "Sertifikat halal dari BPJPH (nomornya diawali ID) setelah diperiksa Lembaga Pemeriksa Halal "
        "(LPH)."),
    HalalStatus.CERTIFIED_SELF_DECLARE: _l(
        "Sertifikat halal dari BPJPH (nomornya diawali ID) lewat pernyataan pelaku usaha "
        "(self-declare, misalnya program SEHATI) yang diperiksa pendamping PPH."),
    HalalStatus.LEGACY_MUI: _l(
        "Sertifikat lama dari MUI (14 angka), terbit sebelum BPJPH. Perbarui menjadi sertifikat BPJPH "
        "melalui SIHALAL (ptsp.halal.go.id)."),
    HalalStatus.IN_PROCESS: _l(
        "Sudah mengajukan di SIHALAL, tetapi sertifikat halal belum terbit. Nomor Ketetapan Halal (KH) "
        "saja belum cukup."),
    HalalStatus.NOT_CERTIFIED: _l(
        "Produk ini wajib bersertifikat halal tetapi belum mengajukan. Ajukan melalui SIHALAL "
        "(ptsp.halal.go.id); usaha mikro dan kecil bisa lewat program gratis SEHATI."),
    HalalStatus.NOT_HALAL: _l(
        "Produk mengandung bahan yang tidak halal. Bahan itu wajib disebutkan dan ditampilkan."),
    HalalStatus.OUT_OF_SCOPE: _l(
        "Jenis produk ini tidak (atau belum) wajib bersertifikat halal."),
}


def coerce_status(status) -> HalalStatus:
    """A HalalStatus from itself or its stored value; ValueError for anything else."""
    return status if isinstance(status, HalalStatus) else HalalStatus(status)


NOT_HALAL_WITH_INGREDIENT = _l("Tidak halal (mengandung %(ingredient)s)")


class IngredientLabel:
    """`Tidak halal (mengandung babi)`, translated when rendered, with the seller's text escaped.

    Not a lazy_gettext string with the ingredient filled in: Jinja treats those as safe HTML
    (LazyString.__html__), so a seller's "<script>" would reach the page unescaped.
    """

    def __init__(self, ingredient: str):
        self.ingredient = ingredient

    def __str__(self) -> str:
        return str(NOT_HALAL_WITH_INGREDIENT) % {"ingredient": self.ingredient}

    def __html__(self) -> Markup:
        return Markup(escape(str(NOT_HALAL_WITH_INGREDIENT))) % {"ingredient": self.ingredient}

    def __eq__(self, other) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))


def status_label(status, non_halal_ingredient: str | None = None):
    """The label; for a non-halal product with the ingredient: `Tidak halal (mengandung babi)`."""
    status = coerce_status(status)
    if status is HalalStatus.NOT_HALAL and non_halal_ingredient:
        return IngredientLabel(non_halal_ingredient)
    return status.label


def shows_halal_badge(status, certificate_number) -> bool:
    """The halal badge: only a BPJPH-certified status with a BPJPH number (`ID` + digits).

    Never for a legacy MUI number, a KH number or a product in process.
    Pass the number of a certificate the Dinas has verified: verification is the caller's part.
    """
    try:
        status = coerce_status(status)
    except ValueError:
        return False
    return status in CERTIFIED and halal_number_kind(certificate_number) is HalalNumberKind.BPJPH
