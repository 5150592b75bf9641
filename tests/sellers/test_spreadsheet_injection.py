"""Spreadsheet formula injection (OWASP "CSV Injection"), issue 10 point 18: every place where the
app reads or writes a spreadsheet.

The app's spreadsheet places are the registry import (CSV and Excel), the registry entry form
(checked with the same rules, since its values are exported alike), and the import templates it
writes. A value a spreadsheet would run as a formula (starting with = + - @, also after a tab or a
carriage return) is refused on the way in, in every column, and neutralised on the way out.
"""
from __future__ import annotations

import csv
import io

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.reference.models import Kecamatan
from storefront.sellers.models import Seller
from storefront.sellers.registry.rows import COLUMNS, looks_like_formula, spreadsheet_safe
from tests.helpers.registry_files import HEADER, csv_bytes, parse, xlsx_bytes

# The OWASP list of formula starts, with payloads from its examples.
PAYLOADS = ["=1+1", "+1+1", "-1+1", "@SUM(1+1)*cmd|' /C calc'!A0", "=cmd|' /C calc'!A0", "+cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0", "@Kopi", "-Rahma-", "\t=1+1", "\r+1+1", "\t-1+1", " @SUM(A1)",
            '=HYPERLINK("http://contoh.invalid","Klik")']
# Data that starts like a formula but is not one (and must keep being accepted).
NOT_FORMULAS = {"+62 812-3456-7890": "an international phone number", "-": "the spreadsheet way of 'none'",
                "—": "a dash for 'none'"}
GOOD = ["Usaha Uji", "Pemilik Uji", "", "", "", "", ""]


def test_the_header_of_these_tests_matches_the_import_columns():
    assert [column.header for column in COLUMNS] == HEADER


@pytest.mark.parametrize("payload", PAYLOADS, ids=repr)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_formula_start_is_refused_in_every_column(payload, fmt):
    for index, column in enumerate(COLUMNS):
        row = list(GOOD)
        row[index] = payload
        data = csv_bytes([HEADER, row]) if fmt == "csv" else xlsx_bytes([HEADER, row])
        preview = parse(data, f"binaan.{fmt}")
        flagged = [p.column for p in preview.problems if p.row == 2]
        assert column.header in flagged, f"{payload!r} in {column.header} ({fmt}) was accepted"
        assert not preview.ok


@pytest.mark.parametrize("value", NOT_FORMULAS, ids=repr)
def test_phone_numbers_and_placeholders_are_data(value):
    assert not looks_like_formula(value), NOT_FORMULAS[value]


def test_the_message_says_what_to_do():
    preview = parse(csv_bytes([HEADER, ["@Kopi", "Pemilik", "", "", "", "", ""]]))
    assert str(preview.problems[0]) == ("Isian ini diawali tanda @ (@Kopi); program spreadsheet menjalankannya "
                                        "sebagai rumus. Hapus tanda di depannya, atau tulis isinya dengan kata-kata.")


@pytest.fixture
def verifier(make, login):
    make.reference()
    return login(make.user(Role.VERIFIER))


ENTRY = {"business_name": "Lemang Tembung", "owner_name": "Erlina Pohan", "nib": "", "kecamatan_id": "",
         "whatsapp": "+62 812-3456-7890", "address": "Jl. Tembung 1", "category": "Makanan"}


@pytest.mark.parametrize("field", ["business_name", "owner_name", "address", "category", "whatsapp", "nib"])
@pytest.mark.parametrize("payload", ["+1+1", "-1+1", "@SUM(A1)", "=1+1", "\t=1+1"], ids=repr)
def test_the_entry_form_refuses_formulas_in_every_text_field(app, verifier, field, payload):
    response = verifier.post("/dinas/binaan/baru", data={**ENTRY, field: payload})
    assert response.status_code == 200
    assert 'data-testid="field-error"' in response.text
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Seller)) == 0


def test_the_entry_form_keeps_an_international_phone_number(app, verifier):
    assert verifier.post("/dinas/binaan/baru", data=ENTRY).status_code == 302


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"], ids=repr)
def test_spreadsheet_safe_quotes_every_formula_start(value):
    assert spreadsheet_safe(value) == "'" + value
    assert spreadsheet_safe("Medan Kota") == "Medan Kota"


def test_the_templates_neutralise_a_kecamatan_name_typed_as_a_formula(app, verifier):
    """The template's example row carries a kecamatan name, which an admin typed."""
    payload = '=HYPERLINK("http://contoh.invalid","Klik")'
    with app.app_context():
        db.session.scalar(sa.select(Kecamatan).order_by(Kecamatan.code)).name = payload
        db.session.commit()
    text = verifier.get("/dinas/binaan/impor/templat.csv").data.decode("utf-8-sig")
    example = list(csv.reader(io.StringIO(text), delimiter=";"))[1]
    assert "'" + payload in example
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in example)
    workbook = load_workbook(io.BytesIO(verifier.get("/dinas/binaan/impor/templat.xlsx").data))
    cells = [cell for cell in workbook["Binaan"][2] if cell.value == payload]
    assert cells and all(cell.data_type == "s" for cell in cells), "written as text, not as a formula"
