"""Reading the Dinas's registry file (storefront/sellers/registry/: preview, files, rows): pure, no database.

Every file is made here (csv module, openpyxl). Each test names what the user would see: the
row number as the spreadsheet shows it, the column, and the Indonesian message.
"""
from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from storefront.sellers.registry.files import MAX_BYTES, template_csv, template_xlsx
from storefront.sellers.registry.preview import MAX_ROWS
from storefront.sellers.registry.rows import KecamatanLookup, column_letter, header_key
from tests.helpers.registry_files import HEADER, KECAMATAN, csv_bytes, parse, xlsx_bytes

GOOD_ROWS = [
    ["Dapur Bika Tiga Saudara", "Rahmawati Lubis", "9000000000001", "Medan Kota", "0812-3456-7890",
     "Jl. Contoh No. 1", "Makanan"],
    ["Sari Markisa Bukit Barisan", "Jonatan Ginting", "", "12.71.02", "+62 813 1111 2222", "", "Minuman"],
    ["Tenun Ulos Boru Hasian", "Roslina br. Tobing", "9000000000003", "", "", "", ""],
]


def problems(preview) -> list[tuple]:
    """(row, column, message) of every problem, the way the preview page lists them."""
    return [(p.row, p.column, str(p)) for p in preview.problems]


def row_problems(preview, number: int) -> list[tuple]:
    return [(p.column, str(p)) for p in preview.problems if p.row == number]


# ---------------------------------------------------------------- good files

def assert_good(preview):
    assert problems(preview) == []
    assert preview.ok
    assert [row.number for row in preview.rows] == [2, 3, 4]
    first, second, third = (row.values for row in preview.rows)
    assert first["business_name"] == "Dapur Bika Tiga Saudara"
    assert first["owner_name"] == "Rahmawati Lubis"
    assert first["nib"] == "9000000000001"
    assert first["kecamatan"].id == 1
    assert first["whatsapp"] == "6281234567890"
    assert first["address"] == "Jl. Contoh No. 1"
    assert first["category"] == "Makanan"
    assert second["nib"] is None and second["kecamatan"].id == 2 and second["whatsapp"] == "6281311112222"
    assert third["kecamatan"] is None and third["whatsapp"] == ""


def test_a_good_file_with_commas():
    preview = parse(csv_bytes([HEADER, *GOOD_ROWS]))
    assert preview.file_format == "csv" and preview.delimiter == "," and preview.encoding == "utf-8"
    assert_good(preview)


def test_semicolons_as_excel_in_indonesian_writes_them():
    preview = parse(csv_bytes([HEADER, *GOOD_ROWS], delimiter=";"))
    assert preview.delimiter == ";"
    assert_good(preview)


def test_a_semicolon_file_whose_addresses_contain_commas():
    rows = [HEADER, ["Kopi Bubuk Lembah Dairi", "Hotman Sitanggang", "", "Medan Kota", "", "Jl. A, No. 2, Medan", ""]]
    preview = parse(csv_bytes(rows, delimiter=";"))
    assert preview.ok
    assert preview.rows[0].values["address"] == "Jl. A, No. 2, Medan"


def test_windows_1252_names_are_read_right():
    rows = [HEADER, ["Café Señor Deli", "José Peña", "", "Medan Baru", "", "", ""]]
    data = csv_bytes(rows, delimiter=";", encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # really not UTF-8
    preview = parse(data)
    assert preview.encoding == "cp1252"
    assert preview.ok
    assert preview.rows[0].values["business_name"] == "Café Señor Deli"
    assert preview.rows[0].values["owner_name"] == "José Peña"


def test_utf8_with_bom_keeps_the_first_header():
    rows = [HEADER, ["Café Señor Deli", "José Peña", "", "", "", "", ""]]
    preview = parse(csv_bytes(rows, bom=True))
    assert preview.encoding == "utf-8"
    assert preview.columns["business_name"] == "nama_usaha"
    assert preview.rows[0].values["business_name"] == "Café Señor Deli"
    assert preview.ok


def test_an_excel_workbook_with_numbers_and_a_title_row():
    rows = [["No", "Nama Usaha", "NAMA PEMILIK", "NIB", "Kecamatan", "No. HP/WA", "Alamat Usaha", "Jenis Usaha"],
            [1, "Dapur Bika Tiga Saudara", "Rahmawati Lubis", 9000000000001, "medan kota", 81234567890, "Jl. A", "Kue"],
            [2, "Sari Markisa", "Jonatan Ginting", "9000000000002", "127102", "0813-1111-2222", None, None]]
    preview = parse(xlsx_bytes(rows, title_rows=[["DAFTAR UMKM BINAAN KOTA MEDAN 2026"], []]), "binaan.xlsx")
    assert preview.file_format == "xlsx"
    assert preview.header_row == 3
    assert preview.ignored_headers == ["No"]
    assert preview.file_header("telepon") == "No. HP/WA"  # problems name the column as the file does
    assert problems(preview) == []
    assert [row.number for row in preview.rows] == [4, 5]
    first, second = (row.values for row in preview.rows)
    assert first["nib"] == "9000000000001"  # a number cell, all 13 digits kept
    assert first["whatsapp"] == "6281234567890"  # the leading 0 lost by Excel does not matter
    assert first["kecamatan"].id == 1 and second["kecamatan"].id == 2
    assert first["category"] == "Kue"


def test_headers_are_matched_without_case_spaces_or_marks():
    assert header_key(" Nama  Usaha* ") == "nama_usaha"
    assert header_key("NAMA_PEMILIK (wajib)") == "nama_pemilik"
    assert header_key("Telepon/WhatsApp") == "telepon_whatsapp"
    rows = [["NAMA USAHA", "Pemilik", "WhatsApp", "Catatan Dinas"],
            ["Lemang Tembung", "Erlina Pohan", "081234567890", "x"]]
    preview = parse(csv_bytes(rows))
    assert preview.ok
    assert preview.ignored_headers == ["Catatan Dinas"]
    assert preview.rows[0].values["whatsapp"] == "6281234567890"


def test_kecamatan_by_name_or_kemendagri_code():
    lookup = KecamatanLookup(KECAMATAN)
    for text in ("Medan Kota", "medan kota", "MEDAN  KOTA", "Kec. Medan Kota", "Kecamatan Medan Kota",
                 "12.71.01", "127101", "12 71 01"):
        assert lookup.find(text).id == 1, text
    for text in ("Kota", "Medan", "12.71.99", "Medan Kota Lama"):
        assert lookup.find(text) is None, text


def test_empty_rows_are_skipped_but_row_numbers_stay_those_of_the_sheet():
    rows = [HEADER, GOOD_ROWS[0], [], ["", "  ", ""], GOOD_ROWS[1]]
    preview = parse(csv_bytes(rows))
    assert [row.number for row in preview.rows] == [2, 5]


def test_a_cell_with_a_line_break_is_one_spreadsheet_row():
    rows = [HEADER, ["Usaha A", "Pemilik A", "", "", "", "Jl. A\nGang B", ""], ["Usaha B", "", "", "", "", "", ""]]
    preview = parse(csv_bytes(rows))
    assert preview.rows[0].values["address"] == "Jl. A Gang B"
    assert row_problems(preview, 3) == [("nama_pemilik", "Wajib diisi.")]


def test_a_workbook_renamed_csv_is_read_as_a_workbook():
    preview = parse(xlsx_bytes([HEADER, *GOOD_ROWS]), "binaan.csv")
    assert preview.file_format == "xlsx"
    assert_good(preview)


# ---------------------------------------------------------------- files refused as a whole

def file_problems(preview) -> list[str]:
    assert preview.rows == []
    return [str(p) for p in preview.file_problems]


def test_wrong_columns_name_the_missing_ones():
    preview = parse(csv_bytes([["nama_usaha", "alamat"], ["Usaha A", "Jl. A"]]))
    assert file_problems(preview) == [
        "Kolom wajib tidak ada: nama_pemilik. Baris judul (baris 1) harus memuat kolom nama_usaha, nama_pemilik."]
    assert not preview.ok


def test_no_known_header_at_all():
    preview = parse(csv_bytes([["name", "owner", "id"], ["A", "B", "1"]]))
    (message,) = file_problems(preview)
    assert message.startswith("Judul kolom tidak ditemukan di 10 baris pertama. Kolom yang wajib ada: "
                              "nama_usaha, nama_pemilik.")


def test_a_column_twice_is_a_problem():
    preview = parse(csv_bytes([["nama_usaha", "nama_pemilik", "telepon", "whatsapp"], ["A", "B", "", ""]]))
    (message,) = file_problems(preview)
    assert message == ("Kolom telepon muncul dua kali: C (telepon) dan D (whatsapp). Hapus atau ganti nama salah "
                       "satunya.")


def test_an_empty_file():
    assert file_problems(parse(b"")) == [
        "Berkas ini kosong. Pilih berkas CSV atau Excel (.xlsx) yang berisi daftar UMKM binaan."]
    assert file_problems(parse(b"\r\n\r\n ;; \r\n"))[0].startswith("Berkas ini tidak berisi data.")
    assert file_problems(parse(xlsx_bytes([]), "kosong.xlsx"))[0].startswith("Berkas ini tidak berisi data.")


def test_headers_only():
    assert file_problems(parse(csv_bytes([HEADER])))[0].startswith("Berkas ini hanya berisi judul kolom.")


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,  # a picture named .csv
    b"%PDF-1.7\n\x01\x02\x03\x04binary",
    "nama_usaha,nama_pemilik\nA,B\n".encode("utf-16"),  # UTF-16 text has NUL bytes
    bytes(range(1, 32)) * 10,
], ids=["png", "pdf", "utf16", "control-characters"])
def test_a_binary_file_named_csv_is_refused(data):
    (message,) = file_problems(parse(data, "binaan.csv"))
    assert message.startswith("Berkas ini bukan teks CSV yang bisa dibaca")


def test_old_excel_and_broken_workbooks():
    assert file_problems(parse(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "lama.xls"))[0].startswith(
        "Format Excel lama (.xls) tidak bisa dibaca.")
    assert file_problems(parse(b"PK\x03\x04 not really a zip", "rusak.xlsx"))[0].startswith(
        "Berkas Excel ini rusak atau tidak lengkap.")
    assert file_problems(parse(csv_bytes([HEADER, *GOOD_ROWS]), "teks.xlsx"))[0].startswith(
        "Berkas ini bernama .xlsx tetapi isinya bukan buku kerja Excel.")


def test_a_zip_that_is_not_a_workbook():
    out = io.BytesIO()
    import zipfile
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    assert file_problems(parse(out.getvalue(), "x.xlsx"))[0].startswith("Berkas Excel ini tidak bisa dibaca.")


def test_a_workbook_that_inflates_too_much_is_refused():
    out = io.BytesIO()
    import zipfile
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<" * (41 * 1024 * 1024))
    assert len(out.getvalue()) < MAX_BYTES
    assert file_problems(parse(out.getvalue(), "bom.xlsx"))[0].startswith("Isi berkas Excel ini terlalu besar")


def test_bounds_on_rows_and_bytes():
    rows = [HEADER] + [[f"Usaha {i}", f"Pemilik {i}", "", "", "", "", ""] for i in range(MAX_ROWS)]
    assert parse(csv_bytes(rows)).ok  # exactly 5.000 rows is fine
    too_many = parse(csv_bytes(rows + [["Satu lagi", "Pemilik", "", "", "", "", ""]]))
    assert file_problems(too_many)[0].startswith("Berkas ini berisi lebih dari 5.000 baris data.")
    too_big = parse(b"nama_usaha,nama_pemilik\n" + b"a" * MAX_BYTES)
    assert file_problems(too_big)[0].startswith("Berkas ini lebih dari 2 MB.")


# ---------------------------------------------------------------- problems in rows

def test_bad_nibs_are_named_by_row_and_column():
    rows = [HEADER,
            ["Usaha Dua Belas", "A", "900000000001", "", "", "", ""],      # 12 digits
            ["Usaha Huruf", "B", "90000000000AB", "", "", "", ""],         # letters
            ["Usaha Baik", "C", "9000.0000.0000.4", "", "", "", ""],       # dots are fine
            ["Usaha Ilmiah", "D", "9,00E+12", "", "", "", ""]]             # what Excel writes to CSV
    preview = parse(csv_bytes(rows, delimiter=";"))
    nib_message = "NIB terdiri dari 13 angka. Lihat di dokumen NIB dari OSS (oss.go.id)."
    assert row_problems(preview, 2) == [("nib", nib_message)]
    assert row_problems(preview, 3) == [("nib", nib_message)]
    assert row_problems(preview, 4) == []
    assert preview.rows[2].values["nib"] == "9000000000004"
    assert row_problems(preview, 5) == [("nib", "NIB tertulis sebagai angka ilmiah (9,00E+12), sehingga "
                                                "angka-angkanya sudah hilang. Di Excel, format kolom NIB sebagai "
                                                "Teks lalu ketik ulang NIB-nya.")]
    assert [p.cell for p in preview.problems] == ["C2", "C3", "C5"]
    assert not preview.ok
    assert [row.number for row in preview.rows_with_problems] == [2, 3, 5]


def test_a_nib_that_excel_turned_into_a_number_lost_its_leading_zero():
    preview = parse(xlsx_bytes([HEADER, ["Usaha Nol", "A", 123456789012, "", "", "", ""]]), "x.xlsx")
    assert row_problems(preview, 2) == [("nib", "NIB ini hanya 12 angka, mungkin angka 0 di depannya hilang "
                                                "karena kolom NIB diformat sebagai angka. Format kolom NIB sebagai "
                                                "Teks lalu ketik ulang NIB-nya.")]


def test_required_values_phone_and_kecamatan():
    rows = [HEADER,
            ["", "Pemilik", "", "", "", "", ""],
            ["Usaha", "-", "", "Medan Antah", "021-555-1234", "", ""]]
    preview = parse(csv_bytes(rows))
    assert row_problems(preview, 2) == [("nama_usaha", "Wajib diisi.")]
    assert row_problems(preview, 3) == [
        ("nama_pemilik", "Wajib diisi."),  # "-" is how spreadsheets say "none"
        ("kecamatan", "Kecamatan “Medan Antah” tidak dikenal. Tulis nama kecamatan (misalnya Medan Kota) atau "
                      "kodenya (misalnya 12.71.01)."),
        ("telepon", "Nomor HP/WhatsApp diawali 08 (atau +62 8), panjangnya 10 sampai 13 angka, misalnya "
                    "0812-3456-7890. Nomor telepon rumah atau kantor tidak bisa dipakai.")]


def test_duplicates_inside_the_file():
    rows = [HEADER,
            ["Usaha A", "A", "9000000000001", "", "", "", ""],
            ["Usaha B", "B", "9000000000002", "", "", "", ""],
            ["Usaha C", "C", "9000-0000-0000-1", "", "", "", ""],
            ["Usaha D", "D", "9000000000001", "", "", "", ""]]
    preview = parse(csv_bytes(rows))
    twice = "NIB ini juga ada di baris {} berkas ini. Satu NIB hanya untuk satu usaha."
    assert row_problems(preview, 2) == [("nib", twice.format("4, 5"))]
    assert row_problems(preview, 3) == []
    assert row_problems(preview, 4) == [("nib", twice.format("2, 5"))]
    assert row_problems(preview, 5) == [("nib", twice.format("2, 4"))]


def test_duplicates_against_the_registry():
    preview = parse(csv_bytes([HEADER, *GOOD_ROWS]), existing={"9000000000003": "Tenun Lama"})
    assert problems(preview) == [(4, "nib", "NIB ini sudah ada di daftar binaan (Tenun Lama). Hapus baris ini dari "
                                            "berkas, atau ubah data yang sudah ada di daftar.")]
    assert parse(csv_bytes([HEADER, *GOOD_ROWS]), existing=["9000000000001"]).problems[0].row == 2


def test_an_excel_formula_is_refused_not_evaluated():
    rows = [HEADER, ['=HYPERLINK("http://contoh.invalid","Klik")', "A", "", "", "", "", ""],
            ["Usaha B", "=PROPER(A2)", "", "", "", "", ""], ["Usaha C", "C", "=1+1", "", "", "", ""]]
    preview = parse(xlsx_bytes(rows), "rumus.xlsx")
    assert [(p.row, p.column, p.cell) for p in preview.problems] == [
        (2, "nama_usaha", "A2"), (3, "nama_pemilik", "B3"), (4, "nib", "C4")]
    assert str(preview.problems[1]) == ("Sel ini berisi rumus (=PROPER(A2)). Rumus tidak dihitung: salin kolomnya "
                                        "lalu tempel sebagai nilai (Tempel Spesial > Nilai), atau ketik isinya "
                                        "langsung.")
    assert not preview.ok


def test_a_formula_in_a_csv_is_refused_too():
    preview = parse(csv_bytes([HEADER, ["=cmd|' /C calc'!A0", "A", "", "", "", "", ""]]))
    assert [(p.row, p.column) for p in preview.problems] == [(2, "nama_usaha")]
    assert str(preview.problems[0]).startswith("Sel ini berisi rumus (=cmd|' /C calc'!A0).")


def test_a_phone_number_with_plus_and_the_dash_placeholder_are_data_not_formulas():
    """+ - @ starting a cell are formulas to a spreadsheet (tests/sellers/test_spreadsheet_injection.py);
    an international phone number and a lone "-" (no value) are not."""
    preview = parse(csv_bytes([HEADER, ["Kopi", "Rahma", "-", "", "+62 812 3456 7890", "-", ""]]))
    assert preview.ok
    values = preview.rows[0].values
    assert (values["whatsapp"], values["address"], values["nib"]) == ("6281234567890", "", None)


def test_a_10000_character_cell():
    rows = [HEADER, GOOD_ROWS[0], ["Usaha", "Pemilik", "", "", "", "x" * 10_000, ""]]
    preview = parse(csv_bytes(rows))
    assert row_problems(preview, 3) == [("alamat", "Isi sel ini 10.000 karakter; paling banyak 200 karakter.")]
    assert row_problems(preview, 2) == []


def test_names_longer_than_their_column():
    preview = parse(csv_bytes([HEADER, ["U" * 121, "P" * 120, "", "", "", "", "K" * 81]]))
    assert row_problems(preview, 2) == [("nama_usaha", "Isian maksimal 120 karakter."),
                                        ("kategori", "Isian maksimal 80 karakter.")]


def test_invisible_characters_are_removed():
    preview = parse(csv_bytes([HEADER, ["Kopi\u200b Medan\u202e", "Pak\tUji", "", "", "", "", ""]]))
    assert preview.rows[0].values["business_name"] == "Kopi Medan"
    assert preview.rows[0].values["owner_name"] == "Pak Uji"


def test_column_letters():
    assert [column_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]


# ---------------------------------------------------------------- the templates read back

def test_the_csv_template_reads_back():
    data = template_csv("Medan Kota")
    assert data.startswith(b"\xef\xbb\xbf")
    preview = parse(data)
    assert preview.delimiter == ";"
    assert preview.ok and len(preview.rows) == 1
    assert preview.rows[0].values["kecamatan"].id == 1


def test_the_excel_template_reads_back_with_text_columns():
    data = template_xlsx("Medan Kota", notes=["Satu baris untuk setiap UMKM binaan."])
    preview = parse(data, "templat.xlsx")
    assert preview.ok and len(preview.rows) == 1
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook["Binaan"]
    assert [cell.value for cell in sheet[1]] == HEADER
    assert sheet["C2"].number_format == "@" and sheet["E500"].number_format == "@"  # nib and telepon
    assert workbook.sheetnames == ["Binaan", "Petunjuk"]


# ---------------------------------------------------------------- never an exception

@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_preview_never_an_exception(data):
    preview = parse(data)
    assert isinstance(preview.problems, list)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.text(max_size=30), max_size=8), max_size=12))
def test_any_csv_gives_a_preview_never_an_exception(rows):
    for delimiter in (",", ";"):
        preview = parse(csv_bytes([HEADER, *rows], delimiter=delimiter))
        for row in preview.rows:
            assert row.number >= 2
            assert all(p.row == row.number for p in row.problems)
