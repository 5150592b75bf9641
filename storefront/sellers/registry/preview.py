"""Reading the Dinas's list of UMKM binaan from a spreadsheet. Pure: no app, no database.

`parse_registry(data, filename, kecamatan=..., existing_nibs=...)` reads a CSV (comma, semicolon
or tab, detected; UTF-8 with or without BOM, else Windows-1252) or an Excel workbook (.xlsx, its
first sheet) and returns a `RegistryPreview`: every row with its normalised values and its
problems, plus the problems of the file as a whole. Nothing is ever refused silently: what the
parser cannot take is a problem with the row number as the spreadsheet shows it, the column,
and a message in plain Indonesian saying how to fix it. Saving (all rows or none) is
`services.import_registry`, which refuses a preview with any problem.

The kind of file is decided by its content, never by its name: a workbook renamed .csv is read
as a workbook, and a binary file named .csv is refused as not being text.

Formulas are refused, not evaluated. Workbooks are read with openpyxl in read-only mode with
`data_only=False`, so a formula cell reads as its formula ("=PROPER(B2)") and becomes a problem
whether or not the file carries a cached result. (With `data_only=True` a formula whose result
was never cached, as in files written by scripts, reads as an empty cell: a formula would pass
as "no NIB".) A text cell starting with "=" is a problem in CSV files too, as the first line of
defence against spreadsheet formula injection when the registry is exported again later.

Reading the bytes (CSV decoding, workbooks, size bounds) and the download templates live in
files; the columns and checking one entry's values in rows.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from storefront.sellers.registry.files import MAX_BYTES, OLE_MAGIC, XLSX_MAGIC, FileProblem, csv_records, xlsx_records
from storefront.sellers.registry.rows import (
    COLUMN_BY_ALIAS,
    COLUMN_BY_KEY,
    COLUMNS,
    HEADER_SCAN_ROWS,
    REQUIRED_HEADERS,
    KecamatanLookup,
    check_values,
    clean_cell,
    column_letter,
    header_key,
    msg_nib_exists,
    msg_nib_twice,
    recognised_columns,
)
from storefront.text import lazy_gettext as _l

MAX_ROWS = 5_000

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


# --- reading a file into a preview ------------------------------------------------------------------

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
            records = xlsx_records(data, preview)
        elif data.startswith(OLE_MAGIC):
            raise FileProblem(_l("Format Excel lama (.xls) tidak bisa dibaca. Di Excel, pilih Simpan Sebagai "
                                 "> Buku Kerja Excel (.xlsx), lalu unggah berkas itu."))
        else:
            if filename.lower().endswith(".xlsx"):
                raise FileProblem(_l("Berkas ini bernama .xlsx tetapi isinya bukan buku kerja Excel. Simpan "
                                     "ulang dari Excel sebagai .xlsx, atau sebagai CSV."))
            preview.file_format = "csv"
            records = csv_records(data, preview)
        _read_rows(records, preview, KecamatanLookup(kecamatan))
    except FileProblem as problem:
        preview.rows = []
        return preview.fail(problem.message)
    _check_duplicates(preview, existing_nibs)
    return preview


# --- the rows: header, columns, entries, duplicate NIBs ---------------------------------------------

def _read_rows(records: Iterator[tuple[int, list, set]], preview: RegistryPreview,
               kecamatan: KecamatanLookup) -> None:
    records = iter(records)
    header = None
    scanned = []
    for number, cells, _numeric in records:
        scanned.append((number, cells))
        if recognised_columns([clean_cell(cell) for cell in cells]):
            header = (number, cells)
            break
        if len(scanned) >= HEADER_SCAN_ROWS:
            break
    if header is None:
        if not any(clean_cell(cell) for _, cells in scanned for cell in cells):
            raise FileProblem(_l("Berkas ini tidak berisi data. Baris pertama harus berisi judul kolom "
                                 "(%(columns)s), lalu satu baris untuk setiap UMKM.",
                                 columns=", ".join(REQUIRED_HEADERS)))
        raise FileProblem(_l("Judul kolom tidak ditemukan di %(count)s baris pertama. Kolom yang wajib ada: "
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
            raise FileProblem(_l("Berkas ini berisi lebih dari 5.000 baris data. Pecah daftarnya menjadi "
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
        raise FileProblem(_l("Berkas ini hanya berisi judul kolom. Tambahkan satu baris untuk setiap UMKM "
                             "binaan di bawahnya."))


def _map_columns(header_cells: list, preview: RegistryPreview) -> dict[str, int]:
    positions: dict[str, int] = {}
    problems = []
    for index, cell in enumerate(header_cells):
        text = clean_cell(cell)
        column = COLUMN_BY_ALIAS.get(header_key(text))
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
        raise FileProblem(problems[-1])
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
