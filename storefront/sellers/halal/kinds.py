"""What a product is (its category kind) and how big its seller is (business scale): the deadlines' inputs.

The rules, with their sources: docs/domain.md, "Category kinds and business scale" (PP 7/2021,
OSS codes 01-04).
"""
from __future__ import annotations

import enum

from storefront.text import lazy_gettext as _l


class CategoryKind(str, enum.Enum):
    """What a product category is for the halal obligation; each category names one kind.

    food_beverage    food and drink, incl. catering/nasi kotak, snack box, frozen food, packaged
                     coffee and spices
    textile_fashion  barang gunaan sandang, penutup kepala, aksesoris: ulos, songket, batik,
                     clothing, hijab, peci, bags, wallets, shoes
    cosmetics_health cosmetics, soap, traditional medicine (jamu), supplements
    craft_other      souvenirs, wood/metal crafts, ATK, printing, household goods: later phase
                     or out of scope, not yet dated
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

# A default for the seeded category tree (storefront/reference/data/catalog.json); the most
# specific slug wins. Categories are data: an admin may decide otherwise per category.
DEFAULT_CATEGORY_KINDS = {
    "kuliner": CategoryKind.FOOD_BEVERAGE,
    "wastra-fesyen": CategoryKind.TEXTILE_FASHION,
    "kerajinan": CategoryKind.CRAFT_OTHER,
    "tas-aksesoris": CategoryKind.TEXTILE_FASHION,  # bags and accessories are barang gunaan
    "kantor-percetakan": CategoryKind.CRAFT_OTHER,
    "kesehatan-kecantikan": CategoryKind.COSMETICS_HEALTH,
    "hasil-bumi": CategoryKind.FOOD_BEVERAGE,  # kopi, rempah, buah: sold as food
    "jasa": CategoryKind.SERVICES,
}


class BusinessScale(str, enum.Enum):
    """Skala usaha per PP 7/2021. Same values as sellers.models.Scale, plus `besar`."""

    MIKRO = "mikro"
    KECIL = "kecil"
    MENENGAH = "menengah"
    BESAR = "besar"

    @property
    def label(self):
        return SCALE_LABELS[self]

    @property
    def oss_code(self) -> str:
        """The OSS skala usaha code, 01-04."""
        return OSS_SCALE_CODES[self]

    @property
    def is_umk(self) -> bool:
        """Usaha mikro dan kecil: the group with the later food deadline."""
        return self in (BusinessScale.MIKRO, BusinessScale.KECIL)


SCALE_LABELS = {
    BusinessScale.MIKRO: _l("Mikro"),
    BusinessScale.KECIL: _l("Kecil"),
    BusinessScale.MENENGAH: _l("Menengah"),
    BusinessScale.BESAR: _l("Besar"),
}
# What each scale means, where the seller picks theirs: the profile form.
SCALE_DESCRIPTIONS = {
    BusinessScale.MIKRO: _l("Mikro — modal sampai Rp1 miliar atau omzet sampai Rp2 miliar per tahun"),
    BusinessScale.KECIL: _l("Kecil — modal Rp1–5 miliar atau omzet Rp2–15 miliar per tahun"),
    BusinessScale.MENENGAH: _l("Menengah — modal Rp5–10 miliar atau omzet Rp15–50 miliar per tahun"),
    BusinessScale.BESAR: _l("Besar — modal lebih dari Rp10 miliar atau omzet lebih dari Rp50 miliar per tahun"),
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
