"""Indonesian identifiers: normalise, validate, explain, format and mask. Pure: no app, no database.

Every validator first normalises what the seller typed (spaces, dots, dashes and slashes
removed, letters uppercased, full-width characters folded, a leading label such as "NIB:" or
"BPOM RI" dropped), then checks the shape and returns the canonical value to store. When the
shape is wrong it raises `InvalidIdentifier`, whose str() is a message in plain Indonesian
saying what the number looks like and where to find it (lazily translated, so it is rendered
in the visitor's language when shown).

Hard rules raise; soft rules (a NIK whose birth date looks odd, a P-IRT from another city, a
BPJPH number whose province digits are unknown) only return warnings, because the reference
gives them as plausibility checks and a wrong rejection would stop a real seller
(shared/reference/domain-indonesia.md §8.5 "Strictness").

Sources, in shared/reference/domain-indonesia.md:
  NIB §2.1 · NPWP and NITKU §2.1 · NIK §2.1 · P-IRT §2.2 · BPOM §2.2 · halal numbers §1.3 ·
  all regular expressions §8.5 · WhatsApp numbers §8.5 (telepon_wa) · personal data §8.2, §8.5
  rule 9 and DESIGN.md ("Personal data (NIK, phone, bank account) is never public").
"""
from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from urllib.parse import quote

from flask_babel import lazy_gettext as _l


class InvalidIdentifier(ValueError):
    """The value does not have the shape of the identifier; str() is the message for the user."""

    def __init__(self, message, kind: str = ""):
        super().__init__(message)
        self.message = message
        self.kind = kind  # "nib", "npwp", ... (for logs and tests; the user sees the message)

    def __str__(self) -> str:
        return str(self.message)


# --- normalising ---------------------------------------------------------------------------------

# Full-width forms (U+FF01..U+FF5E) as some phone keyboards and PDFs produce them -> ASCII.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_SEPARATOR_CHARS = frozenset(".-/")
# Dashes (Pd: ‐ – — − ...), invisible format marks that pasted text carries (Cf: zero-width
# space, left-to-right mark, BOM), and every kind of space or line break.
_SEPARATOR_CATEGORIES = frozenset({"Pd", "Cf", "Zs", "Zl", "Zp"})


def _is_separator(char: str) -> bool:
    return (char in _SEPARATOR_CHARS or char.isspace()
            or unicodedata.category(char) in _SEPARATOR_CATEGORIES)


def normalise(value) -> str:
    """Strip spaces, dots, dashes and slashes; uppercase letters (§8.5). Idempotent.

    None is treated as an empty field. Integers are accepted (a NIB read from a spreadsheet).
    """
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    text = str(value).translate(_FULLWIDTH).upper()
    return "".join(char for char in text if not _is_separator(char))


def _digits(text: str, length: int | tuple[int, ...]) -> bool:
    lengths = (length,) if isinstance(length, int) else length
    return len(text) in lengths and text.isascii() and text.isdigit()


def _strip_label(text: str, pattern: re.Pattern) -> str:
    """Drop a printed label ("NIB:", "P-IRT No.", "BPOM RI") in front of the number."""
    return pattern.sub("", text, count=1)


def _label(words: str) -> re.Pattern:
    """`NIB`, `NIB:`, `NIB No.`, `Nomor:` ... in front of the number (after normalising)."""
    return re.compile(rf"^(?:{words})?:?(?:NOMOR|NO)?:?")


_NIB_LABEL = _label("NIB")
_NPWP_LABEL = _label("NPWP")
_NITKU_LABEL = _label("NITKU")
_NIK_LABEL = _label("NIK")
_PIRT_LABEL = _label("SPPIRT|PIRT")
_BPOM_LABEL = _label("BPOMRI|BPOM|POMRI|POM")
_HALAL_LABEL = _label("SERTIFIKATHALAL|HALAL")

# Province codes (Kepmendagri 2025; the NIK pattern of §8.5): 11-19 Sumatra, 21 Kepri,
# 31-36 Java, 51-53 Bali/Nusa Tenggara, 61-65 Kalimantan, 71-76 Sulawesi, 81-82 Maluku,
# 91-96 Papua (93-96 created in 2022).
PROVINCE_CODES = frozenset(
    [str(code) for code in range(11, 20)] + ["21"] + [str(code) for code in range(31, 37)]
    + ["51", "52", "53"] + [str(code) for code in range(61, 66)]
    + [str(code) for code in range(71, 77)] + ["81", "82"] + [str(code) for code in range(91, 97)]
)


# --- NIB (§2.1: 13 digits issued by OSS; §8.5 ^\d{13}$, hard) ------------------------------------

MSG_NIB = _l("NIB terdiri dari 13 angka. Lihat di dokumen NIB dari OSS (oss.go.id).")


def validate_nib(value) -> str:
    text = _strip_label(normalise(value), _NIB_LABEL)
    if not _digits(text, 13):
        raise InvalidIdentifier(MSG_NIB, "nib")
    return text


def format_nib(nib: str) -> str:
    """NIB is shown plain, as OSS prints it."""
    return _lenient(validate_nib, nib, lambda value: value)


# --- NPWP (§2.1; §8.5: accept 15 legacy or 16, store 16, legacy -> "0" + 15) ---------------------

MSG_NPWP = _l("NPWP terdiri dari 16 angka. NPWP lama 15 angka (misalnya 01.234.567.8-121.000) juga "
              "bisa. Lihat di kartu NPWP atau akun Coretax pajak. Untuk perorangan, NPWP sekarang "
              "sama dengan NIK di KTP.")


def validate_npwp(value) -> str:
    """16 digits to store. A legacy 15-digit NPWP becomes "0" + the 15 digits (PMK 112/2022).

    For an individual the 16-digit NPWP is the NIK, which cannot be derived from the old number;
    the form should say so (MSG_NPWP does) and let the seller type the NIK instead.
    """
    text = _strip_label(normalise(value), _NPWP_LABEL)
    if _digits(text, 15):
        return "0" + text
    if not _digits(text, 16):
        raise InvalidIdentifier(MSG_NPWP, "npwp")
    return text


def is_legacy_npwp(value) -> bool:
    """True if the seller typed the old 15-digit form (before validation turned it into 16)."""
    return _digits(_strip_label(normalise(value), _NPWP_LABEL), 15)


def format_npwp(npwp: str) -> str:
    """The 16-digit NPWP has no dots or dashes (§2.1): shown plain."""
    return _lenient(validate_npwp, npwp, lambda value: value)


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


# --- NITKU (§2.1; §8.5: 22 digits, first 16 = NPWP, 000000 = head office) ------------------------

MSG_NITKU = _l("NITKU terdiri dari 22 angka: 16 angka NPWP lalu 6 angka (000000 untuk kantor pusat). "
               "Lihat di akun Coretax pajak.")
MSG_NITKU_NPWP = _l("16 angka pertama NITKU harus sama dengan NPWP usaha Anda.")


def validate_nitku(value, npwp: str | None = None) -> str:
    text = _strip_label(normalise(value), _NITKU_LABEL)
    if not _digits(text, 22):
        raise InvalidIdentifier(MSG_NITKU, "nitku")
    if npwp is not None and text[:16] != validate_npwp(npwp):
        raise InvalidIdentifier(MSG_NITKU_NPWP, "nitku")
    return text


def is_head_office_nitku(nitku: str) -> bool:
    return validate_nitku(nitku).endswith("000000")


# --- NIK (§2.1; §8.5: hard on 16 digits, soft on structure) --------------------------------------

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
    text = _strip_label(normalise(value), _NIK_LABEL)
    if not _digits(text, 16):
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
    """Soft checks of §2.1/§8.5: province code, birth date (women: day + 40), sequence not 0000."""
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


# --- P-IRT (§2.2: 15 digits, last two = the year it ends; §8.5 ^[1-8]\d{14}$) --------------------

MSG_PIRT = _l("Nomor P-IRT terdiri dari 15 angka, misalnya P-IRT No. 2061271010001-30. Lihat di label "
              "kemasan atau di sertifikat SPP-IRT.")

PIRT_MAX_YEARS = 5  # §2.2: valid at most 5 years

# First digit, the packaging (§2.2): 1 glass, 2 plastic, 3 paper/carton, 4 can, 5 aluminium foil,
# 6 other (e.g. leaf), 7 composite, 8 double. Digits 2-3 food type, 4-7 kab/kota (Medan 1271),
# 8-9 product serial, 10-13 producer (IRTP) serial, 14-15 the year the permit ends.
PIRT_PACKAGING_DIGITS = frozenset("12345678")


def validate_pirt(value) -> str:
    text = _strip_label(normalise(value), _PIRT_LABEL)
    if not _digits(text, 15) or text[0] not in PIRT_PACKAGING_DIGITS:
        raise InvalidIdentifier(MSG_PIRT, "pirt")
    return text


def pirt_end_year(pirt: str) -> int:
    """The year the permit ends: 2000 + the last two digits (§2.2, §8.5 "31-12-20YY")."""
    return 2000 + int(validate_pirt(pirt)[13:])


def pirt_valid_until(pirt: str) -> date:
    return date(pirt_end_year(pirt), 12, 31)


def pirt_is_expired(pirt: str, today: date) -> bool:
    """Expired once the year in its last two digits is over (§8.5 rule 5: auto-unpublish warning)."""
    return today > pirt_valid_until(pirt)


def pirt_region_code(pirt: str) -> str:
    """Digits 4-7, the province + kab/kota code of the issuer (Medan 1271)."""
    return validate_pirt(pirt)[3:7]


def pirt_warnings(pirt: str, *, city_code: str | None = None, today: date | None = None) -> list:
    """Soft checks: issued by another kab/kota (§8.5), expired, or ends > 5 years ahead (§2.2).

    city_code is the tenant's Kemendagri code, "12.71" or "1271".
    """
    text = validate_pirt(pirt)
    warnings = []
    region = text[3:7]
    expected = normalise(city_code) if city_code else None
    if expected is not None and not _digits(expected, 4):
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
    """`P-IRT No. 2061271010001-30`, as printed on labels (§8.5)."""
    return _lenient(validate_pirt, pirt, lambda value: f"P-IRT No. {value[:13]}-{value[13:]}")


# --- BPOM (§2.2; §8.5: MD/ML + 12 digits, optionally 3 more; input may start with "BPOM RI") -----

MSG_BPOM = _l("Nomor izin edar BPOM untuk pangan diawali MD atau ML lalu 12 atau 15 angka, misalnya "
              "BPOM RI MD 224510001234. Lihat di label kemasan atau cek di cekbpom.pom.go.id.")
MSG_BPOM_OTHER = _l("Nomor notifikasi BPOM diawali NA (kosmetik, lalu 11 angka) atau TR (obat "
                    "tradisional, lalu 9 angka), misalnya NA18191200123. Lihat di label kemasan "
                    "atau cek di cekbpom.pom.go.id.")

BPOM_FOOD_PREFIXES = ("MD", "ML")  # pangan olahan: MD domestic, ML imported
BPOM_OTHER_DIGITS = {"NA": 11, "TR": 9}  # cosmetics, traditional medicine (§8.5 "soft")
_BPOM_FOOD = re.compile(r"(MD|ML)[0-9]{12}(?:[0-9]{3})?")
_BPOM_OTHER = re.compile(r"(NA|TR)[0-9]+")


def validate_bpom(value) -> str:
    """Processed food registration: `MD224510001234` (hard, §8.5)."""
    text = _strip_label(normalise(value), _BPOM_LABEL)
    if not (text.isascii() and _BPOM_FOOD.fullmatch(text)):
        raise InvalidIdentifier(MSG_BPOM, "bpom")
    return text


def validate_bpom_notification(value) -> str:
    """Cosmetics (NA) or traditional medicine (TR): hard on the prefix and digits only; the
    number of digits is a soft rule in §8.5, see bpom_warnings()."""
    text = _strip_label(normalise(value), _BPOM_LABEL)
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
        return _lenient(validate_bpom_notification, number, display)


# --- Halal certificate numbers (§1.3; §8.5) ------------------------------------------------------

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
        text = _strip_label(normalise(value), _HALAL_LABEL)
    except TypeError:
        return None
    if text.isascii() and _BPJPH.fullmatch(text):
        return HalalNumberKind.BPJPH
    if _digits(text, 14):
        return HalalNumberKind.MUI_LEGACY
    return None


def validate_halal_number(value, kind: HalalNumberKind | None = None) -> str:
    """A BPJPH number, or a legacy MUI number; with `kind`, only that kind."""
    found = halal_number_kind(value)
    if found is None or (kind is not None and found is not kind):
        message = {None: MSG_HALAL, HalalNumberKind.BPJPH: MSG_HALAL_BPJPH,
                   HalalNumberKind.MUI_LEGACY: MSG_HALAL_MUI}[kind]
        raise InvalidIdentifier(message, "halal")
    return _strip_label(normalise(value), _HALAL_LABEL)


def is_bpjph_number(value) -> bool:
    return halal_number_kind(value) is HalalNumberKind.BPJPH


def is_legacy_mui_number(value) -> bool:
    return halal_number_kind(value) is HalalNumberKind.MUI_LEGACY


def halal_number_warnings(number: str) -> list:
    """Soft (§1.3): the two digits after ID should be a province code (12 = Sumatera Utara)."""
    text = validate_halal_number(number)
    if text.startswith("ID") and text[2:4] not in PROVINCE_CODES:
        return [_l("Dua angka setelah ID biasanya kode provinsi, tetapi %(code)s bukan kode provinsi. "
                   "Periksa lagi dengan sertifikat halal.", code=text[2:4])]
    return []


def format_halal_number(number: str) -> str:
    """Shown plain (`ID12110000123450724`), as printed beside the Halal Indonesia label."""
    return _lenient(validate_halal_number, number, lambda value: value)


# --- Mobile / WhatsApp numbers (§8.5 telepon_wa) -------------------------------------------------

MSG_PHONE = _l("Nomor HP/WhatsApp diawali 08 (atau +62 8), panjangnya 10 sampai 13 angka, misalnya "
               "0812-3456-7890. Nomor telepon rumah atau kantor tidak bisa dipakai.")

# National form: 0 + 8 + operator digit 1-9 + 7..10 digits = 10..13 digits in all.
_MOBILE_NATIONAL = re.compile(r"08[1-9][0-9]{7,10}")


def validate_phone(value) -> str:
    """An Indonesian mobile number as E.164 without the plus, the form wa.me takes: `6281234567890`.

    Accepts 0812..., 812..., +62 812..., 62812..., 0062 812... and "+62 (0) 812...".
    """
    text = normalise(value).replace("(", "").replace(")", "")
    if text.startswith("+"):
        text = text[1:]
        if not text.startswith("62"):
            raise InvalidIdentifier(MSG_PHONE, "phone")
    elif text.startswith("0062"):
        text = text[2:]
    if text.startswith("620"):  # "+62 (0) 812..."
        text = "62" + text[3:]
    if text.startswith("62"):
        national = "0" + text[2:]
    elif text.startswith("8"):
        national = "0" + text
    else:
        national = text
    if not (national.isascii() and _MOBILE_NATIONAL.fullmatch(national)):
        raise InvalidIdentifier(MSG_PHONE, "phone")
    return "62" + national[1:]


def phone_e164(value) -> str:
    """`+6281234567890`, the form the data model sketch of §8.2 stores."""
    return "+" + validate_phone(value)


def format_phone(value) -> str:
    """`0812-3456-7890`: the national form Indonesians read, in groups of four."""
    def display(number: str) -> str:
        national = "0" + number[2:]
        return "-".join(national[i:i + 4] for i in range(0, len(national), 4))

    return _lenient(validate_phone, value, display)


def whatsapp_link(phone, text: str | None = None) -> str:
    """`https://wa.me/6281234567890?text=...` with the text percent-encoded as UTF-8.

    Spaces become %20 (not +), so "&", "?", "#", "+", line breaks and emoji all arrive intact.
    """
    link = f"https://wa.me/{validate_phone(phone)}"
    if text:
        link += "?text=" + quote(str(text), safe="")
    return link


# --- Masking private numbers (DESIGN.md; §8.2 PII; §8.5 rule 9) ----------------------------------

MASK_CHAR = "\u2022"  # •


def mask_private(value, visible: int = 4) -> str:
    """`3271••••••••0004`: NIK, bank account and the like, never shown whole.

    At most `visible` characters at each end, and never more than a quarter of the value at
    each end (a 10-digit account shows 2 + 2), so at least half is always hidden.
    Works on anything (it does not validate); the value is normalised first.
    """
    text = normalise(value)
    keep = min(visible, len(text) // 4)
    if keep <= 0:
        return MASK_CHAR * len(text)
    return text[:keep] + MASK_CHAR * (len(text) - 2 * keep) + text[-keep:]


# --- helpers -------------------------------------------------------------------------------------

def _lenient(validate, value, display) -> str:
    """Formatters are for templates: a value that does not validate is shown as it was stored."""
    try:
        return display(validate(value))
    except (InvalidIdentifier, TypeError):
        return "" if value is None else str(value)
