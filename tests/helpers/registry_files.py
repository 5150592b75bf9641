"""Registry files as the Dinas makes them (csv module, openpyxl), and reading one the way the
import does, against three known kecamatan (no database)."""
from __future__ import annotations

import csv
import io
from types import SimpleNamespace

from openpyxl import Workbook

from storefront.sellers.registry.preview import parse_registry

KECAMATAN = [SimpleNamespace(id=1, code="12.71.01", name="Medan Kota"),
             SimpleNamespace(id=2, code="12.71.02", name="Medan Sunggal"),
             SimpleNamespace(id=17, code="12.71.17", name="Medan Baru")]
HEADER = ["nama_usaha", "nama_pemilik", "nib", "kecamatan", "telepon", "alamat", "kategori"]


def csv_bytes(rows, *, delimiter=",", encoding="utf-8", bom=False) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + out.getvalue().encode(encoding)


def xlsx_bytes(rows, *, title_rows=()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in [*title_rows, *rows]:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def parse(data: bytes, filename="binaan.csv", existing=()):
    return parse_registry(data, filename, kecamatan=KECAMATAN, existing_nibs=existing)
