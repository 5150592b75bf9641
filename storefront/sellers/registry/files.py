"""Registry files as bytes: decoding CSV, reading Excel workbooks within size bounds, and the download templates."""
from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from typing import Protocol

from storefront.sellers.registry.rows import (
    COLUMNS,
    HEADER_SCAN_ROWS,
    column_letter,
    recognised_columns,
    spreadsheet_safe,
)
from storefront.text import lazy_gettext as _l

MAX_BYTES = 2 * 1024 * 1024
MAX_COLUMNS = 100  # columns read from a workbook row; a sheet is never read wider than this
MAX_XLSX_UNCOMPRESSED = 40 * 1024 * 1024  # a 2 MB zip that inflates beyond this is refused

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls (and .doc)
UTF8_BOM = b"\xef\xbb\xbf"


# --- reading files ---------------------------------------------------------------------------------

class ReadingNotes(Protocol):
    """Where a reader notes how it read the file (preview.RegistryPreview is one). A protocol, so that
    this module does not import the preview, which imports this module."""

    delimiter: str  # CSV only
    encoding: str  # CSV only
    sheet: str  # workbook only


class FileProblem(Exception):
    """The file as a whole cannot be read; `message` (a lazy string) says how to fix it."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def csv_records(data: bytes, preview: ReadingNotes) -> Iterator[tuple[int, list, set]]:
    """(row number, cells, positions of numeric cells: none in a CSV) for each record of a CSV file."""
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
            raise FileProblem(_l("Baris %(row)s berkas CSV ini rusak (%(error)s). Buka di Excel lalu simpan "
                                 "lagi sebagai CSV.", row=str(number + 1), error=str(error))) from error

    return records()


def _decode(data: bytes, preview: ReadingNotes) -> str:
    if data.startswith(UTF8_BOM):
        data = data[len(UTF8_BOM):]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        raise FileProblem(_l("Berkas ini bukan teks CSV yang bisa dibaca (mungkin gambar, PDF, atau teks "
                             "UTF-16). Di Excel, pilih Simpan Sebagai > CSV UTF-8, atau unggah berkas .xlsx."))
    try:
        text = data.decode("utf-8")
        preview.encoding = "utf-8"
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
            preview.encoding = "cp1252"
        except UnicodeDecodeError as error:
            raise FileProblem(_l("Huruf-huruf di berkas ini tidak bisa dibaca. Di Excel, pilih Simpan Sebagai "
                                 "> CSV UTF-8, lalu unggah lagi.")) from error
    text = text.rstrip("\x1a")  # an old DOS end-of-file mark
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\r\n" for ch in text):
        raise FileProblem(_l("Berkas ini bukan teks CSV yang bisa dibaca (berisi karakter biner). Unggah "
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
        recognised = max((len(recognised_columns(row)) for row in rows), default=0)
        widest = max((len(row) for row in rows), default=0)
        if (recognised, widest) > best_score:
            best, best_score = delimiter, (recognised, widest)
    return best


def xlsx_records(data: bytes, preview: ReadingNotes) -> Iterator[tuple[int, list, set]]:
    """(row number, cells, positions of numeric cells) for each row of a workbook's first sheet."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise FileProblem(_l("Berkas Excel ini rusak atau tidak lengkap. Buka di Excel, simpan lagi sebagai "
                             ".xlsx, lalu unggah.")) from error
    if inflated > MAX_XLSX_UNCOMPRESSED:
        raise FileProblem(_l("Isi berkas Excel ini terlalu besar untuk dibaca. Hapus lembar (sheet) dan "
                             "kolom yang tidak perlu, atau pecah menjadi beberapa berkas."))
    try:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet = workbook.worksheets[0]
        preview.sheet = sheet.title
    except Exception as error:  # noqa: BLE001  (a malformed workbook raises many kinds of errors)
        raise FileProblem(_l("Berkas Excel ini tidak bisa dibaca. Buka di Excel, simpan lagi sebagai .xlsx "
                             "(Buku Kerja Excel), lalu unggah.")) from error

    def records():
        try:
            for number, row in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1):
                cells = list(row)
                numeric = {i for i, value in enumerate(cells)
                           if isinstance(value, (int, float)) and not isinstance(value, bool)}
                yield number, cells, numeric
        except FileProblem:
            raise
        except Exception as error:  # noqa: BLE001
            raise FileProblem(_l("Berkas Excel ini rusak di tengah jalan dan tidak bisa dibaca sampai habis. "
                                 "Buka di Excel, simpan lagi sebagai .xlsx, lalu unggah.")) from error
        finally:
            workbook.close()

    return records()


# --- the template offered for download ----------------------------------------------------------------

TEMPLATE_EXAMPLE = {  # fictional (docs/domain.md, "Demo data"): the Dinas overwrites it
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
    # The kecamatan example is a name an admin typed: neutralised like any value written to a sheet.
    writer.writerow([spreadsheet_safe(example.get(column.key, "")) for column in COLUMNS])
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
    for cell in sheet[2]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # openpyxl stores a text starting with "=" as a formula; this is text
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
