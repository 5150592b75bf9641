"""Product permits and certificates: P-IRT, BPOM registration and notification, halal certificate numbers.

The rules, with their sources: docs/domain.md, "P-IRT", "BPOM" and "Halal certificate numbers".
"""
from __future__ import annotations

import enum
import re
from datetime import date

from storefront.sellers.identifiers.core import (
    PROVINCE_CODES,
    InvalidIdentifier,
    is_digits,
    label_pattern,
    lenient_display,
    normalise,
    strip_label,
)
from storefront.text import lazy_gettext as _l

_PIRT_LABEL = label_pattern("SPPIRT|PIRT")
_BPOM_LABEL = label_pattern("BPOMRI|BPOM|POMRI|POM")
_HALAL_LABEL = label_pattern("SERTIFIKATHALAL|HALAL")


# --- P-IRT (15 digits, the first 1-8, the last two the year it ends) -------------------------------

MSG_PIRT = _l("Nomor P-IRT terdiri dari 15 angka, misalnya P-IRT No. 2061271010001-30. Lihat di label "
              "kemasan atau di sertifikat SPP-IRT.")

PIRT_MAX_YEARS = 5  # valid at most 5 years (Peraturan BPOM 22/2018)

# First digit, the packaging: 1 glass, 2 plastic, 3 paper/carton, 4 can, 5 aluminium foil,
# 6 other (e.g. leaf), 7 composite, 8 double. Digits 2-3 food type, 4-7 kab/kota (Medan 1271),
# 8-9 product serial, 10-13 producer (IRTP) serial, 14-15 the year the permit ends.
PIRT_PACKAGING_DIGITS = frozenset("12345678")


def validate_pirt(value) -> str:
    text = strip_label(normalise(value), _PIRT_LABEL)
    if not is_digits(text, 15) or text[0] not in PIRT_PACKAGING_DIGITS:
        raise InvalidIdentifier(MSG_PIRT, "pirt")
    return text


def pirt_end_year(pirt: str) -> int:
    """The year the permit ends: 2000 + the last two digits (valid to 31 December of it)."""
    return 2000 + int(validate_pirt(pirt)[13:])


def pirt_valid_until(pirt: str) -> date:
    return date(pirt_end_year(pirt), 12, 31)


def pirt_is_expired(pirt: str, today: date) -> bool:
    """Expired once the year in its last two digits is over (the daily check suspends the product)."""
    return today > pirt_valid_until(pirt)


def pirt_region_code(pirt: str) -> str:
    """Digits 4-7, the province + kab/kota code of the issuer (Medan 1271)."""
    return validate_pirt(pirt)[3:7]


def pirt_warnings(pirt: str, *, city_code: str | None = None, today: date | None = None) -> list:
    """Soft checks: issued by another kab/kota, expired, or ends > 5 years ahead.

    city_code is the tenant's Kemendagri code, "12.71" or "1271".
    """
    text = validate_pirt(pirt)
    warnings = []
    region = text[3:7]
    expected = normalise(city_code) if city_code else None
    if expected is not None and not is_digits(expected, 4):
        raise ValueError(f"city_code must be a Kemendagri kab/kota code like 12.71, got {city_code!r}")
    if expected is not None and region != expected:
        warnings.append(_l("Angka ke-4 sampai ke-7 nomor P-IRT adalah kode daerah yang "
                           "menerbitkannya, yaitu %(found)s, bukan %(expected)s. Periksa lagi dengan "
                           "sertifikat SPP-IRT.", found=region, expected=expected))
    year = pirt_end_year(text)
    if today is not None and pirt_is_expired(text, today):
        warnings.append(_l("P-IRT ini berlaku sampai akhir tahun %(year)s dan sudah habis. "
                           "Perpanjang SPP-IRT melalui OSS (oss.go.id).", year=str(year)))
    elif today is not None and year > today.year + PIRT_MAX_YEARS:
        warnings.append(_l("Dua angka terakhir nomor P-IRT adalah tahun berakhirnya (%(year)s), "
                           "tetapi P-IRT berlaku paling lama 5 tahun. Periksa lagi dengan sertifikat "
                           "SPP-IRT.", year=str(year)))
    return warnings


def format_pirt(pirt: str) -> str:
    """`P-IRT No. 2061271010001-30`, as printed on labels."""
    return lenient_display(validate_pirt, pirt, lambda value: f"P-IRT No. {value[:13]}-{value[13:]}")


# --- BPOM (MD/ML + 12 digits, optionally 3 more; input may start with "BPOM RI") -----------------

MSG_BPOM = _l("Nomor izin edar BPOM untuk pangan diawali MD atau ML lalu 12 atau 15 angka, misalnya "
              "BPOM RI MD 224510001234. Lihat di label kemasan atau cek di cekbpom.pom.go.id.")
MSG_BPOM_OTHER = _l("Nomor notifikasi BPOM diawali NA (kosmetik, lalu 11 angka) atau TR (obat "
                    "tradisional, lalu 9 angka), misalnya NA18191200123. Lihat di label kemasan "
                    "atau cek di cekbpom.pom.go.id.")

BPOM_FOOD_PREFIXES = ("MD", "ML")  # pangan olahan: MD domestic, ML imported
BPOM_OTHER_DIGITS = {"NA": 11, "TR": 9}  # cosmetics, traditional medicine (a soft rule)
_BPOM_FOOD = re.compile(r"(MD|ML)[0-9]{12}(?:[0-9]{3})?")
_BPOM_OTHER = re.compile(r"(NA|TR)[0-9]+")


def validate_bpom(value) -> str:
    """Processed food registration: `MD224510001234` (hard)."""
    text = strip_label(normalise(value), _BPOM_LABEL)
    if not (text.isascii() and _BPOM_FOOD.fullmatch(text)):
        raise InvalidIdentifier(MSG_BPOM, "bpom")
    return text


def validate_bpom_notification(value) -> str:
    """Cosmetics (NA) or traditional medicine (TR): hard on the prefix and digits only; the
    number of digits is a soft rule, see bpom_warnings()."""
    text = strip_label(normalise(value), _BPOM_LABEL)
    if not (text.isascii() and _BPOM_OTHER.fullmatch(text)):
        raise InvalidIdentifier(MSG_BPOM_OTHER, "bpom")
    return text


def bpom_warnings(number: str) -> list:
    text = validate_bpom_notification(number)
    expected = BPOM_OTHER_DIGITS[text[:2]]
    if len(text) - 2 != expected:
        return [_l("Nomor BPOM %(prefix)s biasanya diikuti %(count)s angka. Periksa lagi dengan label "
                   "kemasan atau cekbpom.pom.go.id.", prefix=text[:2], count=str(expected))]
    return []


def format_bpom(number: str) -> str:
    """`BPOM RI MD 224510001234`, the way it is printed on packaging."""
    def display(value: str) -> str:
        return f"BPOM RI {value[:2]} {value[2:]}"

    try:
        return display(validate_bpom(number))
    except (InvalidIdentifier, TypeError):
        return lenient_display(validate_bpom_notification, number, display)


# --- Halal certificate numbers (docs/domain.md, "Certificate numbers") -----------------------------

class HalalNumberKind(str, enum.Enum):
    BPJPH = "bpjph"  # `ID` + 15-18 digits: the national certificate (Sertifikat Halal, "SH")
    MUI_LEGACY = "mui_legacy"  # 14 digits: old MUI certificate, before BPJPH


MSG_HALAL = _l("Nomor sertifikat halal dari BPJPH diawali ID lalu 15 sampai 18 angka, misalnya "
               "ID12110000123450724. Lihat di sertifikat halal yang diunduh dari SIHALAL "
               "(ptsp.halal.go.id). Sertifikat MUI lama bernomor 14 angka.")
MSG_HALAL_BPJPH = _l("Nomor sertifikat halal dari BPJPH diawali ID lalu 15 sampai 18 angka, misalnya "
                     "ID12110000123450724. Lihat di sertifikat halal yang diunduh dari SIHALAL "
                     "(ptsp.halal.go.id). Nomor Ketetapan Halal (KH) bukan nomor sertifikat.")
MSG_HALAL_MUI = _l("Nomor sertifikat MUI lama terdiri dari 14 angka, misalnya 00150099991220. Lihat di "
                   "sertifikat halal MUI Anda.")

_BPJPH = re.compile(r"ID[0-9]{15,18}")


def halal_number_kind(value) -> HalalNumberKind | None:
    """Which kind of halal number this is, or None if it is neither (no exception)."""
    try:
        text = strip_label(normalise(value), _HALAL_LABEL)
    except TypeError:
        return None
    if text.isascii() and _BPJPH.fullmatch(text):
        return HalalNumberKind.BPJPH
    if is_digits(text, 14):
        return HalalNumberKind.MUI_LEGACY
    return None


def validate_halal_number(value, kind: HalalNumberKind | None = None) -> str:
    """A BPJPH number, or a legacy MUI number; with `kind`, only that kind."""
    found = halal_number_kind(value)
    if found is None or (kind is not None and found is not kind):
        message = {None: MSG_HALAL, HalalNumberKind.BPJPH: MSG_HALAL_BPJPH,
                   HalalNumberKind.MUI_LEGACY: MSG_HALAL_MUI}[kind]
        raise InvalidIdentifier(message, "halal")
    return strip_label(normalise(value), _HALAL_LABEL)


def is_bpjph_number(value) -> bool:
    return halal_number_kind(value) is HalalNumberKind.BPJPH


def is_legacy_mui_number(value) -> bool:
    return halal_number_kind(value) is HalalNumberKind.MUI_LEGACY


def halal_number_warnings(number: str) -> list:
    """Soft: the two digits after ID should be a province code (12 = Sumatera Utara)."""
    text = validate_halal_number(number)
    if text.startswith("ID") and text[2:4] not in PROVINCE_CODES:
        return [_l("Dua angka setelah ID biasanya kode provinsi, tetapi %(code)s bukan kode provinsi. "
                   "Periksa lagi dengan sertifikat halal.", code=text[2:4])]
    return []


def format_halal_number(number: str) -> str:
    """Shown plain (`ID12110000123450724`), as printed beside the Halal Indonesia label."""
    return lenient_display(validate_halal_number, number, lambda value: value)
