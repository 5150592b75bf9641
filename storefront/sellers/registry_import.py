"""Reading the Dinas's list of UMKM binaan from a spreadsheet. Pure: no app, no database.

`parse_registry(data, filename, kecamatan=..., existing_nibs=...)` reads a CSV (comma, semicolon
or tab, detected; UTF-8 with or without BOM, else Windows-1252) or an Excel workbook (.xlsx, its
first sheet) and returns a `RegistryPreview`: every row with its normalised values and its
problems, plus the problems of the file as a whole. Nothing is ever refused silently: what the
parser cannot take is a problem with the row number as the spreadsheet shows it, the column,
and a message in plain Indonesian saying how to fix it. Saving (all rows or none) is
`registry_services.import_registry`, which refuses a preview with any problem.

The kind of file is decided by its content, never by its name: a workbook renamed .csv is read
as a workbook, and a binary file named .csv is refused as not being text.

Formulas are refused, not evaluated. Workbooks are read with openpyxl in read-only mode with
`data_only=False`, so a formula cell reads as its formula ("=PROPER(B2)") and becomes a problem
whether or not the file carries a cached result. (With `data_only=True` a formula whose result
was never cached, as in files written by scripts, reads as an empty cell: a formula would pass
as "no NIB".) A text cell starting with "=" is a problem in CSV files too, as the first line of
defence against spreadsheet formula injection when the registry is exported again later.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time

from flask_babel import lazy_gettext as _l

from storefront.sellers import identifiers
from storefront.sellers.identifiers import InvalidIdentifier

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5_000
MAX_CELL_LENGTH = 200
MAX_COLUMNS = 100  # columns read from a workbook row; a sheet is never read wider than this
HEADER_SCAN_ROWS = 10  # a title row or two above the column headers is common
MAX_XLSX_UNCOMPRESSED = 40 * 1024 * 1024  # a 2 MB zip that inflates beyond this is refused

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls (and .doc)
UTF8_BOM = b"\xef\xbb\xbf"


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
_ALIASES = {alias: column for column in COLUMNS for alias in column.aliases}
REQUIRED_HEADERS = tuple(column.header for column in COLUMNS if column.required)

# --- messages (lazily translated; Indonesian is the source language) ----------------------------

MSG_REQUIRED = _l("Wajib diisi.")


def msg_too_long(limit: int):
    # The WTForms message of storefront/web/forms.py, so that forms and files say the same.
    return _l("Isian maksimal %(max)d karakter.", max=limit)


def msg_formula(formula: str):
    return _l("Sel ini berisi rumus (%(formula)s). Rumus tidak dihitung: salin kolomnya lalu tempel sebagai "
              "nilai (Tempel Spesial > Nilai), atau ketik isinya langsung.", formula=formula)


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


# --- the result -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Problem:
    """One thing to fix: in a row and column, or (row None) in the file as a whole."""

    message: object  # a lazy string: str() in the reader's language
    row: int | None = None  # the row number as the spreadsheet shows it (the header row included)
    column: str | None = None  # the canonical header ("nib"), None for the whole row or file
    cell: str | None = None  # "C5", when the column is in the file

    def __str__(self) -> str:
        return str(self.message)


@dataclass
class RegistryRow:
    number: int  # spreadsheet row number
    raw: dict[str, str]  # key -> the cell as read (cleaned of invisible characters)
    values: dict[str, object]  # key -> the normalised value to store
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problems_for(self, key: str) -> list[Problem]:
        header = COLUMN_BY_KEY[key].header
        return [problem for problem in self.problems if problem.column == header]


@dataclass
class RegistryPreview:
    filename: str
    file_format: str = ""  # "csv" or "xlsx" once recognised
    rows: list[RegistryRow] = field(default_factory=list)
    file_problems: list[Problem] = field(default_factory=list)
    header_row: int | None = None
    columns: dict[str, str] = field(default_factory=dict)  # key -> header as written in the file
    column_letters: dict[str, str] = field(default_factory=dict)  # key -> "A", "B", ...
    ignored_headers: list[str] = field(default_factory=list)
    delimiter: str = ""  # CSV only
    encoding: str = ""  # CSV only: "utf-8" or "cp1252"
    sheet: str = ""  # workbook only: the sheet that was read

    @property
    def problems(self) -> list[Problem]:
        return [*self.file_problems, *(problem for row in self.rows for problem in row.problems)]

    @property
    def rows_with_problems(self) -> list[RegistryRow]:
        return [row for row in self.rows if row.problems]

    @property
    def good_rows(self) -> list[RegistryRow]:
        return [row for row in self.rows if not row.problems]

    @property
    def ok(self) -> bool:
        """Ready to save: at least one row and no problem anywhere."""
        return bool(self.rows) and not self.problems

    def file_header(self, header: str | None) -> str:
        """The header as the file writes it ("No. NIB") for a canonical one ("nib")."""
        column = next((c for c in COLUMNS if c.header == header), None)
        return self.columns.get(column.key, header) if column is not None else (header or "")

    def fail(self, message) -> RegistryPreview:
        self.file_problems.append(Problem(message))
        return self


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
_SCIENTIFIC = re.compile(r"^\d+(?:[.,]\d+)?E\+?\d+$", re.I)
_INVISIBLE = {"Cc", "Cf"}


def clean_cell(value) -> str:
    """A cell as text: invisible characters removed (tabs and line breaks become spaces), trimmed."""
    if value is None:
        return ""
    text = cell_text(value)
    kept = "".join(" " if ch in "\t\r\n" else ch for ch in text
                   if ch in "\t\r\n" or unicodedata.category(ch) not in _INVISIBLE)
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
        digits = identifiers.normalise(text)
        if numeric and digits.isdigit() and len(digits) < 13:
            raise InvalidIdentifier(msg_nib_lost_zero(len(digits)), "nib")
        return identifiers.validate_nib(text)
    if key == "whatsapp":
        return identifiers.validate_phone(text)
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


def _recognised(cells: list[str]) -> dict[int, Column]:
    return {index: _ALIASES[header_key(cell)] for index, cell in enumerate(cells)
            if header_key(cell) in _ALIASES}


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


# --- reading files ---------------------------------------------------------------------------------

class _FileProblem(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def parse_registry(data: bytes, filename: str = "", *, kecamatan: Iterable = (),
                   existing_nibs: Mapping[str, str] | Iterable[str] = ()) -> RegistryPreview:
    """Read a registry file into a preview. Never raises for what is in the file.

    `kecamatan`: the known kecamatan (objects with id, code, name). `existing_nibs`: the NIBs
    already in the registry, as a mapping NIB -> business name (or just the NIBs).
    """
    preview = RegistryPreview(filename=filename)
    if not data:
        return preview.fail(_l("Berkas ini kosong. Pilih berkas CSV atau Excel (.xlsx) yang berisi daftar "
                               "UMKM binaan."))
    if len(data) > MAX_BYTES:
        return preview.fail(_l("Berkas ini lebih dari 2 MB. Pecah daftarnya menjadi beberapa berkas, "
                               "masing-masing paling banyak 5.000 baris."))
    try:
        if data.startswith(XLSX_MAGIC):
            preview.file_format = "xlsx"
            records = _xlsx_records(data, preview)
        elif data.startswith(OLE_MAGIC):
            raise _FileProblem(_l("Format Excel lama (.xls) tidak bisa dibaca. Di Excel, pilih Simpan Sebagai "
                                  "> Buku Kerja Excel (.xlsx), lalu unggah berkas itu."))
        else:
            if filename.lower().endswith(".xlsx"):
                raise _FileProblem(_l("Berkas ini bernama .xlsx tetapi isinya bukan buku kerja Excel. Simpan "
                                      "ulang dari Excel sebagai .xlsx, atau sebagai CSV."))
            preview.file_format = "csv"
            records = _csv_records(data, preview)
        _read_rows(records, preview, KecamatanLookup(kecamatan))
    except _FileProblem as problem:
        preview.rows = []
        return preview.fail(problem.message)
    _check_duplicates(preview, existing_nibs)
    return preview


def _csv_records(data: bytes, preview: RegistryPreview) -> Iterator[tuple[int, list, set]]:
    text = _decode(data, preview)
    delimiter = _detect_delimiter(text)
    preview.delimiter = delimiter
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)

    def records():
        number = 0
        try:
            for record in reader:
                number += 1
                yield number, record, set()
        except csv.Error as error:
            raise _FileProblem(_l("Baris %(row)s berkas CSV ini rusak (%(error)s). Buka di Excel lalu simpan "
                                  "lagi sebagai CSV.", row=str(number + 1), error=str(error))) from error

    return records()


def _decode(data: bytes, preview: RegistryPreview) -> str:
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM):]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        raise _FileProblem(_l("Berkas ini bukan teks CSV yang bisa dibaca (mungkin gambar, PDF, atau teks "
                              "UTF-16). Di Excel, pilih Simpan Sebagai > CSV UTF-8, atau unggah berkas .xlsx."))
    try:
        text = data.decode("utf-8")
        preview.encoding = "utf-8"
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
            preview.encoding = "cp1252"
        except UnicodeDecodeError as error:
            raise _FileProblem(_l("Huruf-huruf di berkas ini tidak bisa dibaca. Di Excel, pilih Simpan Sebagai "
                                  "> CSV UTF-8, lalu unggah lagi.")) from error
    text = text.rstrip("\x1a")  # an old DOS end-of-file mark
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\r\n" for ch in text):
        raise _FileProblem(_l("Berkas ini bukan teks CSV yang bisa dibaca (berisi karakter biner). Unggah "
                              "berkas CSV atau Excel (.xlsx) yang berisi daftar UMKM binaan."))
    return text


def _detect_delimiter(text: str) -> str:
    """The delimiter that makes the most known column headers appear in the first rows."""
    head = "\n".join(text.splitlines()[:HEADER_SCAN_ROWS])
    best, best_score = ",", (-1, -1)
    for delimiter in (",", ";", "\t"):
        try:
            rows = list(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter, strict=False))
        except csv.Error:
            continue
        recognised = max((len(_recognised(row)) for row in rows), default=0)
        widest = max((len(row) for row in rows), default=0)
        if (recognised, widest) > best_score:
            best, best_score = delimiter, (recognised, widest)
    return best


def _xlsx_records(data: bytes, preview: RegistryPreview) -> Iterator[tuple[int, list, set]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise _FileProblem(_l("Berkas Excel ini rusak atau tidak lengkap. Buka di Excel, simpan lagi sebagai "
                              ".xlsx, lalu unggah.")) from error
    if inflated > MAX_XLSX_UNCOMPRESSED:
        raise _FileProblem(_l("Isi berkas Excel ini terlalu besar untuk dibaca. Hapus lembar (sheet) dan "
                              "kolom yang tidak perlu, atau pecah menjadi beberapa berkas."))
    try:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
        preview.sheet = sheet.title
    except Exception as error:  # noqa: BLE001  (a malformed workbook raises many kinds of errors)
        raise _FileProblem(_l("Berkas Excel ini tidak bisa dibaca. Buka di Excel, simpan lagi sebagai .xlsx "
                              "(Buku Kerja Excel), lalu unggah.")) from error

    def records():
        try:
            for number, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1):
                cells = list(row)
                numeric = {i for i, value in enumerate(cells)
                           if isinstance(value, (int, float)) and not isinstance(value, bool)}
                yield number, cells, numeric
        except _FileProblem:
            raise
        except Exception as error:  # noqa: BLE001
            raise _FileProblem(_l("Berkas Excel ini rusak di tengah jalan dan tidak bisa dibaca sampai habis. "
                                  "Buka di Excel, simpan lagi sebagai .xlsx, lalu unggah.")) from error
        finally:
            workbook.close()

    return records()


def _read_rows(records: Iterator[tuple[int, list, set]], preview: RegistryPreview,
               kecamatan: KecamatanLookup) -> None:
    records = iter(records)
    header = None
    scanned = []
    for number, cells, _numeric in records:
        scanned.append((number, cells))
        if _recognised([clean_cell(cell) for cell in cells]):
            header = (number, cells)
            break
        if len(scanned) >= HEADER_SCAN_ROWS:
            break
    if header is None:
        if not any(clean_cell(cell) for _, cells in scanned for cell in cells):
            raise _FileProblem(_l("Berkas ini tidak berisi data. Baris pertama harus berisi judul kolom "
                                  "(%(columns)s), lalu satu baris untuk setiap UMKM.",
                                  columns=", ".join(REQUIRED_HEADERS)))
        raise _FileProblem(_l("Judul kolom tidak ditemukan di %(count)s baris pertama. Kolom yang wajib ada: "
                              "%(columns)s. Kolom lain yang dikenali: %(optional)s.",
                              count=str(HEADER_SCAN_ROWS), columns=", ".join(REQUIRED_HEADERS),
                              optional=", ".join(c.header for c in COLUMNS if not c.required)))
    header_number, header_cells = header
    preview.header_row = header_number
    positions = _map_columns(header_cells, preview)
    rows = 0
    for number, cells, numeric in records:
        raw = {key: clean_cell(cells[index] if index < len(cells) else None)
               for key, index in positions.items()}
        if not any(clean_cell(cell) for cell in cells):
            continue  # an empty row (or one with only spaces) is not an entry
        if not any(raw.values()):
            continue  # something only in ignored columns (a "No." or a note): not an entry either
        rows += 1
        if rows > MAX_ROWS:
            raise _FileProblem(_l("Berkas ini berisi lebih dari 5.000 baris data. Pecah daftarnya menjadi "
                                  "beberapa berkas, masing-masing paling banyak 5.000 baris."))
        numeric_keys = {key for key, index in positions.items() if index in numeric}
        values, problems = check_values(raw, kecamatan=kecamatan, numeric=numeric_keys)
        for key in COLUMN_BY_KEY:
            values.setdefault(key, None if key in ("nib", "kecamatan") else "")
        row = RegistryRow(number=number, raw=raw, values=values)
        for key, message in problems:
            column = COLUMN_BY_KEY[key]
            row.problems.append(Problem(message, row=number, column=column.header,
                                        cell=f"{column_letter(positions[key])}{number}"))
        preview.rows.append(row)
    if not preview.rows:
        raise _FileProblem(_l("Berkas ini hanya berisi judul kolom. Tambahkan satu baris untuk setiap UMKM "
                              "binaan di bawahnya."))


def _map_columns(header_cells: list, preview: RegistryPreview) -> dict[str, int]:
    positions: dict[str, int] = {}
    problems = []
    for index, cell in enumerate(header_cells):
        text = clean_cell(cell)
        column = _ALIASES.get(header_key(text))
        if column is None:
            if text:
                preview.ignored_headers.append(text)
            continue
        if column.key in positions:
            first = positions[column.key]
            problems.append(_l("Kolom %(column)s muncul dua kali: %(first)s (%(first_name)s) dan %(second)s "
                               "(%(second_name)s). Hapus atau ganti nama salah satunya.",
                               column=column.header, first=column_letter(first),
                               first_name=preview.columns[column.key], second=column_letter(index),
                               second_name=text))
            continue
        positions[column.key] = index
        preview.columns[column.key] = text
        preview.column_letters[column.key] = column_letter(index)
    missing = [column.header for column in COLUMNS if column.required and column.key not in positions]
    if missing:
        problems.append(_l("Kolom wajib tidak ada: %(missing)s. Baris judul (baris %(row)s) harus memuat "
                           "kolom %(columns)s.", missing=", ".join(missing), row=str(preview.header_row),
                           columns=", ".join(REQUIRED_HEADERS)))
    if problems:
        preview.file_problems.extend(Problem(message) for message in problems[:-1])
        raise _FileProblem(problems[-1])
    return positions


def _check_duplicates(preview: RegistryPreview, existing_nibs) -> None:
    existing = existing_nibs if isinstance(existing_nibs, Mapping) else {nib: "" for nib in existing_nibs}
    by_nib: dict[str, list[RegistryRow]] = {}
    for row in preview.rows:
        nib = row.values.get("nib")
        if nib:
            by_nib.setdefault(nib, []).append(row)
    header = COLUMN_BY_KEY["nib"].header
    letter = preview.column_letters.get("nib", "")
    for nib, rows in by_nib.items():
        if nib in existing:
            name = existing[nib] or nib
            for row in rows:
                row.problems.append(Problem(msg_nib_exists(name), row=row.number, column=header,
                                            cell=f"{letter}{row.number}"))
        if len(rows) > 1:
            for row in rows:
                others = ", ".join(str(other.number) for other in rows if other is not row)
                row.problems.append(Problem(msg_nib_twice(others), row=row.number, column=header,
                                            cell=f"{letter}{row.number}"))


# --- the template offered for download ----------------------------------------------------------------

TEMPLATE_EXAMPLE = {  # fictional (reference/domain-indonesia.md §10): the Dinas overwrites it
    "business_name": "Dapur Bika Tiga Saudara", "owner_name": "Rahmawati Lubis", "nib": "",
    "whatsapp": "0812-0000-0001", "address": "Jl. Contoh No. 1", "category": "Makanan",
}
TEXT_COLUMNS = ("nib", "whatsapp")  # typed as text in Excel, or NIBs lose digits (9,00E+12)


def template_csv(kecamatan_example: str = "Medan Kota") -> bytes:
    """Semicolon-separated UTF-8 with BOM: what Excel set to Indonesian opens in columns."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.header for column in COLUMNS])
    example = {**TEMPLATE_EXAMPLE, "kecamatan": kecamatan_example}
    writer.writerow([example.get(column.key, "") for column in COLUMNS])
    return UTF8_BOM + out.getvalue().encode("utf-8")


def template_xlsx(kecamatan_example: str = "Medan Kota", notes: Iterable[str] = ()) -> bytes:
    """A workbook whose NIB and phone columns are text (leading zeros and all 13 digits survive)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Binaan"
    sheet.append([column.header for column in COLUMNS])
    example = {**TEMPLATE_EXAMPLE, "kecamatan": kecamatan_example}
    sheet.append([example.get(column.key, "") for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, column in enumerate(COLUMNS):
        letter = column_letter(index)
        sheet.column_dimensions[letter].width = 16 if column.key in TEXT_COLUMNS else 28
        if column.key in TEXT_COLUMNS:
            sheet.column_dimensions[letter].number_format = "@"
            for row in range(2, 1002):
                sheet[f"{letter}{row}"].number_format = "@"
    sheet.freeze_panes = "A2"
    if notes:
        help_sheet = workbook.create_sheet("Petunjuk")
        for line in notes:
            help_sheet.append([str(line)])
        help_sheet.column_dimensions["A"].width = 110
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
