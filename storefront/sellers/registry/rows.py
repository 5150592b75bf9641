"""The registry's columns, and checking one entry's values: cleaning, validating, normalising, with their messages."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time

from storefront.sellers.identifiers.business import validate_nib
from storefront.sellers.identifiers.contact import validate_phone
from storefront.sellers.identifiers.core import InvalidIdentifier, normalise
from storefront.text import lazy_gettext as _l
from storefront.web.forms import INVISIBLE_CATEGORIES

MAX_CELL_LENGTH = 200
HEADER_SCAN_ROWS = 10  # a title row or two above the column headers is common


@dataclass(frozen=True)
class Column:
    key: str  # the value's name in RegistryRow.values and in forms
    header: str  # the canonical header, as the template and messages write it
    aliases: tuple[str, ...]  # normalised header names accepted for this column
    required: bool = False
    max_length: int = MAX_CELL_LENGTH  # the database column's width


COLUMNS: tuple[Column, ...] = (
    Column("business_name", "nama_usaha",
           ("nama_usaha", "usaha", "nama_umkm", "umkm", "nama_toko", "nama_perusahaan", "nama_badan_usaha"),
           required=True, max_length=120),
    Column("owner_name", "nama_pemilik",
           ("nama_pemilik", "pemilik", "nama_pemilik_usaha", "nama_pelaku_usaha", "pelaku_usaha",
            "penanggung_jawab"),
           required=True, max_length=120),
    Column("nib", "nib", ("nib", "no_nib", "nomor_nib", "nomor_induk_berusaha")),
    Column("kecamatan", "kecamatan",
           ("kecamatan", "kec", "nama_kecamatan", "kode_kecamatan", "kecamatan_kode")),
    Column("whatsapp", "telepon",
           ("telepon", "telp", "tlp", "no_telp", "no_telepon", "nomor_telepon", "hp", "no_hp", "nomor_hp",
            "whatsapp", "wa", "no_wa", "nomor_wa", "nomor_whatsapp", "telepon_whatsapp", "telepon_wa",
            "hp_wa", "no_hp_wa")),
    Column("address", "alamat", ("alamat", "alamat_usaha", "alamat_lengkap")),
    Column("category", "kategori", ("kategori", "kategori_usaha", "jenis_usaha", "bidang_usaha", "sektor"),
           max_length=80),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
COLUMN_BY_ALIAS = {alias: column for column in COLUMNS for alias in column.aliases}
REQUIRED_HEADERS = tuple(column.header for column in COLUMNS if column.required)

# --- messages (lazily translated; Indonesian is the source language) ----------------------------

MSG_REQUIRED = _l("Wajib diisi.")


def msg_too_long(limit: int):
    # The WTForms message of storefront/web/forms.py, so that forms and files say the same.
    return _l("Isian maksimal %(max)d karakter.", max=limit)


def msg_formula(formula: str):
    return _l("Sel ini berisi rumus (%(formula)s). Rumus tidak dihitung: salin kolomnya lalu tempel sebagai "
              "nilai (Tempel Spesial > Nilai), atau ketik isinya langsung.", formula=formula)


def msg_formula_start(text: str):
    return _l("Isian ini diawali tanda %(sign)s (%(text)s); program spreadsheet menjalankannya sebagai rumus. "
              "Hapus tanda di depannya, atau tulis isinya dengan kata-kata.", sign=text[:1], text=text)


def msg_cell_too_long(length: int):
    return _l("Isi sel ini %(length)s karakter; paling banyak %(max)d karakter.",
              length=_thousands(length), max=MAX_CELL_LENGTH)


def msg_nib_scientific(value: str):
    return _l("NIB tertulis sebagai angka ilmiah (%(value)s), sehingga angka-angkanya sudah hilang. Di Excel, "
              "format kolom NIB sebagai Teks lalu ketik ulang NIB-nya.", value=value)


def msg_nib_lost_zero(length: int):
    return _l("NIB ini hanya %(length)s angka, mungkin angka 0 di depannya hilang karena kolom NIB diformat "
              "sebagai angka. Format kolom NIB sebagai Teks lalu ketik ulang NIB-nya.", length=str(length))


def msg_kecamatan(value: str, example: str, code: str):
    return _l("Kecamatan \u201c%(value)s\u201d tidak dikenal. Tulis nama kecamatan (misalnya %(example)s) atau "
              "kodenya (misalnya %(code)s).", value=value, example=example, code=code)


def msg_nib_twice(rows: str):
    return _l("NIB ini juga ada di baris %(rows)s berkas ini. Satu NIB hanya untuk satu usaha.", rows=rows)


def msg_nib_exists(name: str):
    return _l("NIB ini sudah ada di daftar binaan (%(name)s). Hapus baris ini dari berkas, atau ubah data yang "
              "sudah ada di daftar.", name=name)


# --- kecamatan -----------------------------------------------------------------------------------

class KecamatanLookup:
    """Find a known kecamatan by name ("Medan Kota", "kec. medan kota") or Kemendagri code
    ("12.71.01", "127101"). `known` holds objects with `id`, `code` and `name`."""

    _PREFIX = re.compile(r"^(?:kecamatan|kec)\b\.?\s*", re.I)

    def __init__(self, known: Iterable):
        self.known = list(known)
        self._by_name = {self._name_key(k.name): k for k in self.known}
        self._by_code = {self._code_key(k.code): k for k in self.known if self._code_key(k.code)}

    @classmethod
    def _name_key(cls, text: str) -> str:
        text = cls._PREFIX.sub("", unicodedata.normalize("NFKC", text).strip())
        return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())

    @staticmethod
    def _code_key(text: str) -> str:
        digits = re.sub(r"[\s.\-/]", "", text)
        return digits if digits.isascii() and digits.isdigit() else ""

    def find(self, text: str):
        code = self._code_key(text)
        if code:
            return self._by_code.get(code)
        return self._by_name.get(self._name_key(text))

    @property
    def example(self) -> tuple[str, str]:
        if not self.known:
            return "Medan Kota", "12.71.01"
        first = min(self.known, key=lambda k: k.code)
        return first.name, first.code


# --- checking values (shared with the form and the services) ---------------------------------------

_PLACEHOLDER = re.compile(r"^[-\u2010-\u2015.\s]+$")  # "-", "—", "." : the spreadsheet way of "none"
# Spreadsheet formula injection (OWASP "CSV Injection"): Excel, LibreOffice and Google Sheets run a
# cell that starts with = + - or @ (also after a tab or carriage return, which clean_cell and
# clean_text turn into spaces and trim). Refused on the way in, so no stored value can ever start
# a formula in a file made from it; spreadsheet_safe guards the way out as well.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PHONE = re.compile(r"^\+\d[\d\s().-]*$")  # "+62 812-3456-7890": a number, not a formula


def looks_like_formula(text: str) -> bool:
    """A value a spreadsheet would run as a formula; "-" alone (no value) and phone numbers are data."""
    return text.startswith(FORMULA_STARTS) and not _PLACEHOLDER.match(text) and not _PHONE.match(text)


def spreadsheet_safe(text: str) -> str:
    """A value to write into a CSV or workbook cell: one that a spreadsheet would run as a formula
    gets a leading apostrophe, which Excel and LibreOffice read as "this is text" (OWASP)."""
    return "'" + text if isinstance(text, str) and text.startswith(FORMULA_STARTS) else text


_SCIENTIFIC = re.compile(r"^\d+(?:[.,]\d+)?E\+?\d+$", re.I)


def clean_cell(value) -> str:
    """A cell as text: invisible characters removed (tabs and line breaks become spaces), trimmed."""
    if value is None:
        return ""
    text = cell_text(value)
    kept = "".join(" " if ch in "\t\r\n" else ch for ch in text
                   if ch in "\t\r\n" or unicodedata.category(ch) not in INVISIBLE_CATEGORIES)
    return " ".join(kept.split())


def cell_text(value) -> str:
    """What a workbook cell holds, as the text a person would type for it."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def check_values(raw: Mapping[str, str], *, kecamatan: KecamatanLookup | None = None,
                 numeric: Iterable[str] = ()) -> tuple[dict[str, object], list[tuple[str, object]]]:
    """Validate and normalise one entry of the registry.

    `raw` maps column keys to cleaned text; only the keys present are checked (a form without a
    kecamatan box leaves it out). `numeric` names the keys that were number cells in a workbook
    (their leading zeros are gone). Returns (values, [(key, message), ...]).
    """
    values: dict[str, object] = {}
    problems: list[tuple[str, object]] = []
    numeric = set(numeric)
    for key, text in raw.items():
        column = COLUMN_BY_KEY[key]
        text = text or ""
        if text.startswith("="):
            problems.append((key, msg_formula(_shorten(text))))
            continue
        if looks_like_formula(text):
            problems.append((key, msg_formula_start(_shorten(text))))
            continue
        if len(text) > MAX_CELL_LENGTH:
            problems.append((key, msg_cell_too_long(len(text))))
            continue
        if _PLACEHOLDER.match(text):
            text = ""
        if not text:
            if column.required:
                problems.append((key, MSG_REQUIRED))
            values[key] = None if key in ("nib", "kecamatan") else ""
            continue
        if len(text) > column.max_length:
            problems.append((key, msg_too_long(column.max_length)))
            continue
        try:
            values[key] = _normalise(key, text, kecamatan=kecamatan, numeric=key in numeric)
        except InvalidIdentifier as error:
            problems.append((key, error.message))
    return values, problems


def _normalise(key: str, text: str, *, kecamatan: KecamatanLookup | None, numeric: bool):
    if key == "nib":
        if _SCIENTIFIC.match(text):
            raise InvalidIdentifier(msg_nib_scientific(text), "nib")
        digits = normalise(text)
        if numeric and digits.isdigit() and len(digits) < 13:
            raise InvalidIdentifier(msg_nib_lost_zero(len(digits)), "nib")
        return validate_nib(text)
    if key == "whatsapp":
        return validate_phone(text)
    if key == "kecamatan":
        found = kecamatan.find(text) if kecamatan is not None else None
        if found is None:
            name, code = kecamatan.example if kecamatan is not None else ("Medan Kota", "12.71.01")
            raise InvalidIdentifier(msg_kecamatan(_shorten(text), name, code), "kecamatan")
        return found
    return text


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


# --- headers ---------------------------------------------------------------------------------------

def header_key(text: str) -> str:
    """`Nama Usaha*`, `NAMA_USAHA`, `nama usaha (wajib)` -> `nama_usaha`."""
    text = unicodedata.normalize("NFKC", clean_cell(text)).casefold()
    text = re.sub(r"[^0-9a-z]+", "_", text).strip("_")
    return re.sub(r"_(?:wajib|opsional|optional|boleh_kosong)$", "", text)


def recognised_columns(cells: list[str]) -> dict[int, Column]:
    """The known columns among a row's cells, by position (the first row with any is the header row)."""
    return {index: COLUMN_BY_ALIAS[header_key(cell)] for index, cell in enumerate(cells)
            if header_key(cell) in COLUMN_BY_ALIAS}


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters

