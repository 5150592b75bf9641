"""Business and personal tax and registration numbers: NIB, NPWP, NITKU and NIK.

The rules, with their sources: docs/domain.md, "NIB", "NPWP and NITKU" and "NIK".
"""
from __future__ import annotations

from dataclasses import dataclass
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

_NIB_LABEL = label_pattern("NIB")
_NPWP_LABEL = label_pattern("NPWP")
_NITKU_LABEL = label_pattern("NITKU")
_NIK_LABEL = label_pattern("NIK")


# --- NIB (13 digits issued by OSS, hard; docs/domain.md, "NIB") ------------------------------------

MSG_NIB = _l("NIB terdiri dari 13 angka. Lihat di dokumen NIB dari OSS (oss.go.id).")


def validate_nib(value) -> str:
    text = strip_label(normalise(value), _NIB_LABEL)
    if not is_digits(text, 13):
        raise InvalidIdentifier(MSG_NIB, "nib")
    return text


def format_nib(nib: str) -> str:
    """NIB is shown plain, as OSS prints it."""
    return lenient_display(validate_nib, nib, lambda value: value)


# --- NPWP (accept 15 legacy or 16, store 16, legacy -> "0" + 15; docs/domain.md, "NPWP and NITKU") ---

MSG_NPWP = _l("NPWP terdiri dari 16 angka. NPWP lama 15 angka (misalnya 01.234.567.8-121.000) juga "
              "bisa. Lihat di kartu NPWP atau akun Coretax pajak. Untuk perorangan, NPWP sekarang "
              "sama dengan NIK di KTP.")


def validate_npwp(value) -> str:
    """16 digits to store. A legacy 15-digit NPWP becomes "0" + the 15 digits (PMK 112/2022).

    For an individual the 16-digit NPWP is the NIK, which cannot be derived from the old number;
    the form should say so (MSG_NPWP does) and let the seller type the NIK instead.
    """
    text = strip_label(normalise(value), _NPWP_LABEL)
    if is_digits(text, 15):
        return "0" + text
    if not is_digits(text, 16):
        raise InvalidIdentifier(MSG_NPWP, "npwp")
    return text


def is_legacy_npwp(value) -> bool:
    """True if the seller typed the old 15-digit form (before validation turned it into 16)."""
    return is_digits(strip_label(normalise(value), _NPWP_LABEL), 15)


def format_npwp(npwp: str) -> str:
    """The 16-digit NPWP has no dots or dashes: shown plain."""
    return lenient_display(validate_npwp, npwp, lambda value: value)


def format_npwp_legacy(npwp: str) -> str | None:
    """`01.234.567.8-121.000` for a legacy number (15 digits, or 16 that are "0" + 15), else None."""
    try:
        value = validate_npwp(npwp)
    except (InvalidIdentifier, TypeError):
        return None
    if not value.startswith("0"):
        return None
    d = value[1:]
    return f"{d[0:2]}.{d[2:5]}.{d[5:8]}.{d[8]}-{d[9:12]}.{d[12:15]}"


# --- NITKU (22 digits, first 16 = NPWP, 000000 = head office) -------------------------------------

MSG_NITKU = _l("NITKU terdiri dari 22 angka: 16 angka NPWP lalu 6 angka (000000 untuk kantor pusat). "
               "Lihat di akun Coretax pajak.")
MSG_NITKU_NPWP = _l("16 angka pertama NITKU harus sama dengan NPWP usaha Anda.")


def validate_nitku(value, npwp: str | None = None) -> str:
    text = strip_label(normalise(value), _NITKU_LABEL)
    if not is_digits(text, 22):
        raise InvalidIdentifier(MSG_NITKU, "nitku")
    if npwp is not None and text[:16] != validate_npwp(npwp):
        raise InvalidIdentifier(MSG_NITKU_NPWP, "nitku")
    return text


def is_head_office_nitku(nitku: str) -> bool:
    return validate_nitku(nitku).endswith("000000")


# --- NIK (hard on 16 digits, soft on structure; docs/domain.md, "NIK") ------------------------------

MSG_NIK = _l("NIK terdiri dari 16 angka. Lihat di KTP atau Kartu Keluarga.")
MSG_NIK_SEQUENCE = _l("Empat angka terakhir NIK tidak pernah 0000. Periksa lagi dengan KTP.")


@dataclass(frozen=True)
class NikParts:
    province: str  # 2 digits, e.g. "12" Sumatera Utara
    regency: str  # 4 digits with the province, e.g. "1271" Kota Medan
    district: str  # 6 digits, kecamatan of first registration
    day: int  # birth day, already minus 40 for women
    month: int
    year: int  # two digits, century unknown
    female: bool
    sequence: str  # last 4 digits

    @property
    def date_is_plausible(self) -> bool:
        if not (1 <= self.month <= 12 and self.day >= 1):
            return False
        for century in (1900, 2000):  # either century, so 29 February of "00" passes
            try:
                date(century + self.year, self.month, self.day)
                return True
            except ValueError:
                continue
        return False


def validate_nik(value, *, strict: bool = False) -> str:
    """16 digits (hard). With strict=True the structure checks of nik_warnings() also reject."""
    text = strip_label(normalise(value), _NIK_LABEL)
    if not is_digits(text, 16):
        raise InvalidIdentifier(MSG_NIK, "nik")
    if strict:
        problems = nik_warnings(text)
        if problems:
            raise InvalidIdentifier(problems[0], "nik")
    return text


def parse_nik(nik: str) -> NikParts:
    text = validate_nik(nik)
    day = int(text[6:8])
    female = day > 40
    return NikParts(province=text[:2], regency=text[:4], district=text[:6],
                    day=day - 40 if female else day, month=int(text[8:10]), year=int(text[10:12]),
                    female=female, sequence=text[12:])


def nik_warnings(nik: str) -> list:
    """Soft checks: province code, birth date (women: day + 40), sequence not 0000."""
    parts = parse_nik(nik)
    warnings = []
    if parts.province not in PROVINCE_CODES:
        warnings.append(_l("Dua angka pertama NIK biasanya kode provinsi, tetapi %(code)s bukan kode "
                           "provinsi. Periksa lagi dengan KTP.", code=parts.province))
    if not parts.date_is_plausible:
        warnings.append(_l("Angka ke-7 sampai ke-12 NIK adalah tanggal lahir (untuk perempuan "
                           "tanggalnya ditambah 40), tetapi %(digits)s bukan tanggal. Periksa lagi "
                           "dengan KTP.", digits=validate_nik(nik)[6:12]))
    if parts.sequence == "0000":
        warnings.append(MSG_NIK_SEQUENCE)
    return warnings
