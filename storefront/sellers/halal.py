"""Halal status of a product: the seven statuses, the badge rule and the mandatory deadlines. Pure.

Sources, in shared/reference/domain-indonesia.md:
  statuses §1.7 · certificate numbers §1.3 (and identifiers.py) · badge §0.1, §1.2 (a KH number is
  not a certificate), §8.5 business rule 1 · deadlines §0.2, §1.5, §2.3 · non-halal products §1.5
  ("tidak halal" statement), §8.5 rule 3 · business scale §3 (PP 7/2021, OSS codes 01-04) ·
  the banner §8.5 rule 2.

Nothing here knows about a product row: callers pass the status, the certificate number, the
category kind of the product's category and the seller's scale.
"""
from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from storefront.sellers.identifiers import (
    MSG_HALAL_BPJPH,
    MSG_HALAL_MUI,
    HalalNumberKind,
    InvalidIdentifier,
    halal_number_kind,
    validate_halal_number,
)


# --- the seven statuses (§1.7) -------------------------------------------------------------------

class HalalStatus(str, enum.Enum):
    CERTIFIED_REGULAR = "certified_regular"  # §1.7 SERTIFIKAT_REGULER
    CERTIFIED_SELF_DECLARE = "certified_self_declare"  # §1.7 SERTIFIKAT_SELF_DECLARE
    LEGACY_MUI = "legacy_mui"  # §1.7 SERTIFIKAT_MUI_LAMA
    IN_PROCESS = "in_process"  # §1.7 DALAM_PROSES
    NOT_CERTIFIED = "not_certified"  # §1.7 BELUM_BERSERTIFIKAT
    NOT_HALAL = "not_halal"  # §1.7 TIDAK_HALAL
    OUT_OF_SCOPE = "out_of_scope"  # §1.7 TIDAK_WAJIB

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

# Which statuses need a certificate number, and of which kind (§1.3, §1.7).
CERTIFICATE_KINDS = {
    HalalStatus.CERTIFIED_REGULAR: HalalNumberKind.BPJPH,
    HalalStatus.CERTIFIED_SELF_DECLARE: HalalNumberKind.BPJPH,
    HalalStatus.LEGACY_MUI: HalalNumberKind.MUI_LEGACY,
}

# Products in the mandatory scope that still have no BPJPH certificate: these get the deadline
# banner (§8.5 rule 2) and are overdue after it. A legacy MUI certificate is a certificate
# (prompted to migrate, §1.7), a non-halal product is exempt but labelled (§1.5), and
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

    Never for a legacy MUI number, a KH number or a product in process (§1.2, §8.5 rule 1).
    Pass the number of a certificate the Dinas has verified: verification is the caller's part.
    """
    try:
        status = coerce_status(status)
    except ValueError:
        return False
    return status in CERTIFIED and halal_number_kind(certificate_number) is HalalNumberKind.BPJPH


# --- what must be certified, and by when (§1.5, §2.3, §3) ----------------------------------------

class CategoryKind(str, enum.Enum):
    """What a product category is for the halal obligation; each category names one kind.

    food_beverage    food and drink, incl. catering/nasi kotak, snack box, frozen food, packaged
                     coffee and spices (§1.5 rows 2-3, §2.3)
    textile_fashion  barang gunaan sandang, penutup kepala, aksesoris: ulos, songket, batik,
                     clothing, hijab, peci, bags, wallets, shoes (§1.5 row 4, §2.3)
    cosmetics_health cosmetics, soap, traditional medicine (jamu), supplements (§1.5 row 4)
    craft_other      souvenirs, wood/metal crafts, ATK, printing, household goods: later phase
                     or out of scope, not yet dated (§1.5 row 5 "verify", §2.3)
    services         services that are not food: sablon, tailoring, decoration
    """

    FOOD_BEVERAGE = "food_beverage"
    TEXTILE_FASHION = "textile_fashion"
    COSMETICS_HEALTH = "cosmetics_health"
    CRAFT_OTHER = "craft_other"
    SERVICES = "services"

    @property
    def label(self):
        return CATEGORY_KIND_LABELS[self]


CATEGORY_KIND_LABELS = {
    CategoryKind.FOOD_BEVERAGE: _l("Makanan dan minuman"),
    CategoryKind.TEXTILE_FASHION: _l("Pakaian, kain, tas dan aksesoris"),
    CategoryKind.COSMETICS_HEALTH: _l("Kosmetik, jamu dan obat tradisional"),
    CategoryKind.CRAFT_OTHER: _l("Kerajinan, alat tulis dan barang lainnya"),
    CategoryKind.SERVICES: _l("Jasa"),
}

# A default for the seeded category tree (storefront/reference/data/catalog.json, §6.3); the most
# specific slug wins. Categories are data: an admin may decide otherwise per category.
DEFAULT_CATEGORY_KINDS = {
    "kuliner": CategoryKind.FOOD_BEVERAGE,
    "wastra-fesyen": CategoryKind.TEXTILE_FASHION,
    "kerajinan": CategoryKind.CRAFT_OTHER,
    "tas-aksesoris": CategoryKind.TEXTILE_FASHION,  # bags and accessories: §1.5, §2.3
    "kantor-percetakan": CategoryKind.CRAFT_OTHER,
    "kesehatan-kecantikan": CategoryKind.COSMETICS_HEALTH,
    "hasil-bumi": CategoryKind.FOOD_BEVERAGE,  # kopi, rempah, buah: sold as food
    "jasa": CategoryKind.SERVICES,
}


class BusinessScale(str, enum.Enum):
    """Skala usaha per PP 7/2021 (§3). Same values as sellers.models.Scale, plus `besar`."""

    MIKRO = "mikro"
    KECIL = "kecil"
    MENENGAH = "menengah"
    BESAR = "besar"

    @property
    def label(self):
        return SCALE_LABELS[self]

    @property
    def oss_code(self) -> str:
        """The OSS skala usaha code, 01-04 (§2.1)."""
        return OSS_SCALE_CODES[self]

    @property
    def is_umk(self) -> bool:
        """Usaha mikro dan kecil: the group with the later food deadline (§1.5, §3)."""
        return self in (BusinessScale.MIKRO, BusinessScale.KECIL)


SCALE_LABELS = {
    BusinessScale.MIKRO: _l("Mikro"),
    BusinessScale.KECIL: _l("Kecil"),
    BusinessScale.MENENGAH: _l("Menengah"),
    BusinessScale.BESAR: _l("Besar"),
}

OSS_SCALE_CODES = {BusinessScale.MIKRO: "01", BusinessScale.KECIL: "02",
                   BusinessScale.MENENGAH: "03", BusinessScale.BESAR: "04"}

_SCALE_ALIASES = {
    **{code: scale for scale, code in OSS_SCALE_CODES.items()},
    "micro": BusinessScale.MIKRO, "small": BusinessScale.KECIL,
    "medium": BusinessScale.MENENGAH, "large": BusinessScale.BESAR,
}


def coerce_scale(scale) -> BusinessScale | None:
    """A BusinessScale from any enum with the same values (sellers.models.Scale), a value
    ("mikro"), an OSS code ("01") or an English name ("small"); None stays None."""
    if scale is None or isinstance(scale, BusinessScale):
        return scale
    key = str(scale.value if isinstance(scale, enum.Enum) else scale).strip().lower()
    return _SCALE_ALIASES.get(key) or BusinessScale(key)


# Last day before the obligation is in force (BPJPH: "mulai 18 Oktober 2026").
DEADLINE_UMK_FOOD = date(2026, 10, 17)  # PP 42/2024 (§1.5 row 3)
DEADLINE_MEDIUM_LARGE_FOOD = date(2024, 10, 17)  # §1.5 row 2
DEADLINE_NON_FOOD_2026 = date(2026, 10, 17)  # cosmetics, jamu, sandang, aksesoris (§1.5 row 4)


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
    (not yet certified, or in process) and its kind has a deadline (§8.5 rule 2)."""
    if coerce_status(status) not in AWAITING_CERTIFICATE:
        return None
    return halal_deadline(category_kind, scale)


def is_overdue(status, category_kind, scale, today: date) -> bool:
    """True from the day after the deadline while the product is still without a certificate."""
    deadline = pending_deadline(status, category_kind, scale)
    return deadline is not None and today > deadline


# --- validating a halal claim (a product form's halal fields) ------------------------------------

class OutOfScopeReason(str, enum.Enum):
    """Why a product is outside the mandatory scope; the Dinas must choose one (§1.7)."""

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
    """The non-halal ingredient a TIDAK_HALAL product must name (§1.5, §8.5 rule 3), tidied."""
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
      mandatory deadline cannot be out of scope (textiles and cosmetics included, §0.2).
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
