"""The binaan registry pages: who may use them, import -> preview -> confirm (all or nothing),
entries kept by hand, the printable invitation, the list with its counts and filters."""
from __future__ import annotations

import csv
import io
import os
import re
from html import unescape
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import sqlalchemy as sa
from flask import url_for
from openpyxl import Workbook, load_workbook
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.reference.models import Kecamatan
from storefront.sellers.models import Seller, SellerEvent
from storefront.sellers.registry import services as registry
from storefront.sellers.registry.preview import parse_registry
from storefront.sellers.workflow import SellerStatus

HEADER = ["nama_usaha", "nama_pemilik", "nib", "kecamatan", "telepon", "alamat", "kategori"]
GOOD = [["Dapur Bika Tiga Saudara", "Rahmawati Lubis", "9000000000101", "Medan Kota", "0812-3456-7890",
         "Jl. Contoh No. 1", "Makanan"],
        ["Sari Markisa Bukit Barisan", "Jonatan Ginting", "", "12.71.21", "", "", "Minuman"],
        ["Café Señor Deli", "José Peña", "9000000000103", "", "", "", ""]]
CODE = re.compile(r"MDN-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}")
READERS = {Role.VERIFIER, Role.ADMIN, Role.AUDITOR}


def csv_bytes(rows, delimiter=",", encoding="utf-8") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def flashes(html: str) -> list[str]:
    return [" ".join(unescape(m).split()) for m in re.findall(r'data-testid="flash">([^<]*)<', html)]


def field_errors(html: str) -> dict[str, str]:
    found = re.findall(r'<div id="([\w-]+)-galat"[^>]*data-testid="field-error">(.*?)</div>', html, re.S)
    return {name: " ".join(unescape(text).split()) for name, text in found}


def sellers(app) -> list[Seller]:
    with app.app_context():
        rows = db.session.scalars(sa.select(Seller).order_by(Seller.id)).all()
        for row in rows:
            db.session.expunge(row)
        return rows


def uploads(app) -> list[str]:
    folder = app.config["REGISTRY_IMPORT_DIR"]
    return sorted(name for _dir, _dirs, names in os.walk(folder) for name in names)


@pytest.fixture
def city(make):
    return make.reference()


@pytest.fixture
def verifier(city, make, login):
    return login(make.user(Role.VERIFIER))


def upload(client, data: bytes, filename="binaan.csv"):
    return client.post("/dinas/binaan/impor", data={"file": (io.BytesIO(data), filename)})


def preview_token(client) -> str:
    page = client.get("/dinas/binaan/impor/pratinjau").text
    return re.search(r'name="token" type="hidden" value="([0-9a-f]+)"', page)[1]


def session_token(client) -> str:
    """The token of the waiting upload, read from the session (the page offers no button to save)."""
    with client.session_transaction() as session:
        return session["registry_import"]["token"]


# ---------------------------------------------------------------- who may use what

ROUTES = [  # (method, url template, who may)
    ("GET", "/dinas/binaan", READERS),
    ("GET", "/dinas/binaan/{entry}/undangan", READERS),
    ("GET", "/dinas/binaan/baru", {Role.VERIFIER}),
    ("POST", "/dinas/binaan/baru", {Role.VERIFIER}),
    ("GET", "/dinas/binaan/{entry}/ubah", {Role.VERIFIER}),
    ("POST", "/dinas/binaan/{entry}/ubah", {Role.VERIFIER}),
    ("POST", "/dinas/binaan/{entry}/undangan/kode-baru", {Role.VERIFIER}),
    ("GET", "/dinas/binaan/impor", {Role.VERIFIER}),
    ("POST", "/dinas/binaan/impor", {Role.VERIFIER}),
    ("GET", "/dinas/binaan/impor/templat.csv", {Role.VERIFIER}),
    ("GET", "/dinas/binaan/impor/templat.xlsx", {Role.VERIFIER}),
    ("GET", "/dinas/binaan/impor/pratinjau", {Role.VERIFIER}),
    ("POST", "/dinas/binaan/impor/simpan", {Role.VERIFIER}),
    ("POST", "/dinas/binaan/impor/batal", {Role.VERIFIER}),
]


def snapshot(app) -> dict:
    with app.app_context():
        return {table.name: sorted((tuple(row) for row in db.session.execute(sa.select(table))), key=repr)
                for table in db.metadata.sorted_tables}


def test_access_matrix_of_every_registry_route(app, city, make, login):
    entry = make.seller(SellerStatus.INVITED)
    clients = {None: app.test_client(), **{role: login(make.user(role)) for role in Role}}
    problems = []
    for method, template, who in ROUTES:
        url = template.format(entry=entry.id)
        for principal, client in clients.items():
            before = snapshot(app)
            data = {"business_name": "Usaha Baru", "owner_name": "Pemilik"} if method == "POST" else None
            response = client.open(url, method=method, data=data)
            name = principal.value if principal else "anonymous"
            if principal is None:
                location = urlsplit(response.headers.get("Location", ""))
                if response.status_code != 302 or location.path != "/masuk" or \
                        parse_qs(location.query).get("next") != [url]:
                    problems.append(f"{name} {method} {url}: {response.status_code} {location}")
            elif principal not in who:
                if response.status_code != 403:
                    problems.append(f"{name} {method} {url}: {response.status_code}, expected 403")
            elif method == "GET" and response.status_code != 200:
                problems.append(f"{name} {method} {url}: {response.status_code}, expected 200")
            elif method == "POST" and response.status_code not in (200, 302):
                problems.append(f"{name} {method} {url}: {response.status_code}")
            if principal not in who and snapshot(app) != before:
                problems.append(f"{name} {method} {url}: refused, but something changed")
    assert not problems, "\n".join(problems)


def test_the_auditor_and_the_admin_read_but_are_offered_no_changes(app, city, make, login):
    entry = make.seller(SellerStatus.INVITED, whatsapp="6281234567890")
    for role in (Role.AUDITOR, Role.ADMIN):
        client = login(make.user(role))
        for url in ("/dinas/binaan", f"/dinas/binaan/{entry.id}/undangan"):
            page = client.get(url).text
            assert entry.business_name in page
            assert "/dinas/binaan/impor" not in page and "/dinas/binaan/baru" not in page and "/ubah" not in page
            assert re.findall(r'<form[^>]*method="post"[^>]*action="([^"]*)"', page) == ["/keluar"]


def test_navigation_shows_the_registry_to_dinas_roles_only(app, city, make, login):
    for role in Role:
        page = login(make.user(role)).get("/dasbor").text
        assert ('data-nav="registry.index"' in page) is (role in READERS), role


def test_unknown_entries_are_404(verifier):
    for url in ("/dinas/binaan/999999/undangan", "/dinas/binaan/999999/ubah", "/dinas/binaan/2147483648/ubah"):
        assert verifier.get(url).status_code == 404
    assert verifier.post("/dinas/binaan/999999/ubah", data={"business_name": "x"}).status_code == 404
    assert verifier.post("/dinas/binaan/999999/undangan/kode-baru").status_code == 404
    assert verifier.get("/dinas/binaan/impor/templat.pdf").status_code == 404


# ---------------------------------------------------------------- import -> preview -> confirm

def test_import_preview_confirm(app, verifier):
    response = upload(verifier, csv_bytes([HEADER, *GOOD], delimiter=";", encoding="cp1252"))
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == "/dinas/binaan/impor/pratinjau"
    assert sellers(app) == []  # nothing saved before the confirmation
    assert len(uploads(app)) == 1

    page = verifier.get("/dinas/binaan/impor/pratinjau")
    assert page.status_code == 200
    assert 'data-testid="preview-ok"' in page.text
    assert "Café Señor Deli" in unescape(page.text)
    assert re.findall(r'<tr data-row="(\d+)">', page.text) == ["2", "3", "4"]

    response = verifier.post("/dinas/binaan/impor/simpan", data={"token": preview_token(verifier)},
                             follow_redirects=True)
    assert response.status_code == 200
    assert response.request.path == "/dinas/binaan"
    assert flashes(response.text) == ["3 UMKM binaan ditambahkan ke daftar, masing-masing dengan kode undangannya."]
    saved = sellers(app)
    assert [s.business_name for s in saved] == ["Dapur Bika Tiga Saudara", "Sari Markisa Bukit Barisan",
                                                "Café Señor Deli"]
    assert all(s.status is SellerStatus.INVITED and s.owner_id is None for s in saved)
    assert all(CODE.fullmatch(s.invitation_code) for s in saved)
    assert len({s.invitation_code for s in saved}) == 3
    first = saved[0]
    assert (first.nib, first.whatsapp, first.address, first.registry_category) == (
        "9000000000101", "6281234567890", "Jl. Contoh No. 1", "Makanan")
    with app.app_context():
        assert db.session.get(Kecamatan, first.kecamatan_id).name == "Medan Kota"
        assert db.session.get(Kecamatan, saved[1].kecamatan_id).code == "12.71.21"
        events = db.session.scalars(sa.select(SellerEvent).order_by(SellerEvent.id)).all()
        assert [(e.seller_id, e.action, e.to_status, e.reason) for e in events] == [
            (s.id, "import", "invited", f"binaan.csv, baris {n}") for s, n in zip(saved, (2, 3, 4), strict=True)]
    assert uploads(app) == []  # the waiting file is gone
    # The same preview cannot be saved twice.
    again = verifier.post("/dinas/binaan/impor/simpan", data={"token": "0" * 32}, follow_redirects=True)
    assert "Pratinjau ini sudah tidak berlaku" in flashes(again.text)[0]
    assert len(sellers(app)) == 3


def test_an_excel_import(app, verifier):
    rows = [["No", *HEADER], [1, "Kopi Bubuk Lembah Dairi", "Hotman Sitanggang", 9000000000105, "Medan Tuntungan",
                               81234567891, None, "Kopi"]]
    assert upload(verifier, xlsx_bytes(rows), "binaan.xlsx").status_code == 302
    assert uploads(app)[0].endswith(".xlsx")
    verifier.post("/dinas/binaan/impor/simpan", data={"token": preview_token(verifier)})
    (seller,) = sellers(app)
    assert (seller.nib, seller.whatsapp) == ("9000000000105", "6281234567891")


def bad_file(rows_with_problems=None):
    return csv_bytes([HEADER, GOOD[0],
                      ["Usaha Dua Belas", "Ani", "900000000001", "", "", "", ""],
                      ["Usaha Huruf", "Budi", "90000000000AB", "Medan Kota", "", "", ""],
                      ["", "Tanpa Nama", "", "", "", "", ""],
                      ["=HYPERLINK(\"http://x.invalid\")", "Rumus", "", "", "", "", ""],
                      ["Usaha Panjang", "Cici", "", "", "", "x" * 10_000, ""]])


def test_a_preview_with_problems_names_the_rows_and_saves_nothing(app, verifier):
    assert upload(verifier, bad_file()).status_code == 302
    page = verifier.get("/dinas/binaan/impor/pratinjau").text
    assert 'data-testid="preview-problems"' in page
    assert re.findall(r'<tr data-row="(\d+)">', page) == ["3", "4", "5", "6", "7", "2"]  # problems first
    problems = [" ".join(unescape(re.sub(r"<[^>]+>", "", p)).split())
                for p in re.findall(r'data-testid="row-problem">(.*?)</li>', page, re.S)]
    assert problems == [
        "C3 (nib): NIB terdiri dari 13 angka. Lihat di dokumen NIB dari OSS (oss.go.id).",
        "C4 (nib): NIB terdiri dari 13 angka. Lihat di dokumen NIB dari OSS (oss.go.id).",
        "A5 (nama_usaha): Wajib diisi.",
        "A6 (nama_usaha): Sel ini berisi rumus (=HYPERLINK(\"http://x.invalid\")). Rumus tidak dihitung: salin "
        "kolomnya lalu tempel sebagai nilai (Tempel Spesial > Nilai), atau ketik isinya langsung.",
        "F7 (alamat): Isi sel ini 10.000 karakter; paling banyak 200 karakter.",
    ]
    assert "/dinas/binaan/impor/simpan" not in page  # no button to save
    before = snapshot(app)
    response = verifier.post("/dinas/binaan/impor/simpan", data={"token": session_token(verifier)})
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == "/dinas/binaan/impor/pratinjau"
    assert snapshot(app) == before
    assert sellers(app) == []
    assert flashes(verifier.get("/dinas/binaan").text) == [
        "Daftar ini belum disimpan karena masih ada 5 masalah. Perbaiki berkasnya, lalu unggah lagi."]


def test_duplicates_inside_the_file_and_against_the_database(app, verifier, make):
    make.seller(SellerStatus.VERIFIED, nib="9000000000101", business_name="Bika Lama")
    data = csv_bytes([HEADER, GOOD[0], GOOD[2], ["Kembar", "K", "9000000000103", "", "", "", ""]])
    upload(verifier, data)
    page = unescape(verifier.get("/dinas/binaan/impor/pratinjau").text)
    assert "NIB ini sudah ada di daftar binaan (Bika Lama)." in page
    assert "NIB ini juga ada di baris 4 berkas ini." in page and "NIB ini juga ada di baris 3 berkas ini." in page
    before = snapshot(app)
    verifier.post("/dinas/binaan/impor/simpan", data={"token": session_token(verifier)})
    assert snapshot(app) == before


def test_an_nib_registered_between_preview_and_confirmation(app, verifier, make):
    upload(verifier, csv_bytes([HEADER, *GOOD]))
    token = preview_token(verifier)
    make.seller(SellerStatus.INVITED, nib="9000000000103", business_name="Lebih Dulu")
    before = snapshot(app)
    response = verifier.post("/dinas/binaan/impor/simpan", data={"token": token}, follow_redirects=True)
    assert snapshot(app) == before
    assert flashes(response.text)[0].startswith("Daftar ini belum disimpan karena masih ada 1 masalah.")


def test_the_service_checks_nibs_again_at_save_time(app, city, make):
    admin_verifier = make.user(Role.VERIFIER)
    with app.test_request_context():
        kecamatan = registry.known_kecamatan(city.id)
        preview = parse_registry(csv_bytes([HEADER, *GOOD]), "a.csv", kecamatan=kecamatan,
                                 existing_nibs=registry.existing_nibs())
        assert preview.ok
        db.session.add(Seller(city_id=city.id, business_name="Baru", invitation_code="MDN-2222-2222",
                              nib="9000000000103"))
        db.session.flush()
        actor = db.session.get(type(admin_verifier), admin_verifier.id)
        with pytest.raises(registry.RegistryError) as error:
            registry.import_registry(preview, actor=actor, city_id=city.id)
        assert "NIB di baris 4 baru saja didaftarkan" in str(error.value)
        db.session.rollback()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Seller)) == 0


@pytest.mark.parametrize("data, filename, message", [
    (b"", "kosong.csv", "Berkas ini kosong."),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "gambar.csv", "Berkas ini bukan teks CSV"),
    (b"nama;owner\nA;B\n", "salah.csv", "Judul kolom tidak ditemukan"),
    (b"nama_usaha;alamat\nA;B\n", "kurang.csv", "Kolom wajib tidak ada: nama_pemilik."),
    (b"nama_usaha,nama_pemilik\n", "judul.csv", "Berkas ini hanya berisi judul kolom."),
    (b"PK\x03\x04rusak", "rusak.xlsx", "Berkas Excel ini rusak"),
    (b"x", "foto.jpg", "Hanya berkas CSV atau Excel (.xlsx) yang bisa dibaca."),
], ids=["empty", "binary", "no-header", "missing-column", "header-only", "broken-xlsx", "extension"])
def test_unreadable_files_are_refused_at_the_upload_and_nothing_is_kept(app, verifier, data, filename, message):
    before = snapshot(app)
    response = upload(verifier, data, filename)
    assert response.status_code == 200
    assert message in field_errors(response.text)["file"]
    assert snapshot(app) == before
    assert uploads(app) == []


def test_no_file_chosen(app, verifier):
    response = verifier.post("/dinas/binaan/impor", data={})
    assert response.status_code == 200
    assert field_errors(response.text)["file"] == "Pilih berkas CSV atau Excel (.xlsx) dulu."


def test_a_file_over_2_mb_is_refused(app, verifier):
    # Encoded here in memory: the test client would spool a body this big to a temporary file it
    # never closes (a ResourceWarning, an error under this suite's warning filter).
    content = b"nama_usaha,nama_pemilik\n" + b"a,b\n" * 600_000
    boundary, body = encode_multipart({"file": FileStorage(io.BytesIO(content), "besar.csv")})
    response = verifier.post("/dinas/binaan/impor", data=body,
                             content_type=f"multipart/form-data; boundary={boundary}")
    assert response.status_code == 200
    assert "lebih dari 2 MB" in field_errors(response.text)["file"]
    assert uploads(app) == []


def test_a_stale_preview_cannot_save_a_newer_upload(app, verifier):
    upload(verifier, csv_bytes([HEADER, GOOD[0]]))
    old_token = preview_token(verifier)
    upload(verifier, csv_bytes([HEADER, GOOD[1]]))  # "in another tab"
    assert len(uploads(app)) == 1  # the first file was replaced
    response = verifier.post("/dinas/binaan/impor/simpan", data={"token": old_token}, follow_redirects=True)
    assert "Pratinjau ini sudah tidak berlaku" in flashes(response.text)[0]
    assert sellers(app) == []
    verifier.post("/dinas/binaan/impor/simpan", data={"token": preview_token(verifier)})
    assert [s.business_name for s in sellers(app)] == ["Sari Markisa Bukit Barisan"]


@pytest.mark.parametrize("token", ["", "x", "0" * 32, "../../etc/passwd", "a" * 5000])
def test_made_up_tokens_save_nothing(app, verifier, token):
    upload(verifier, csv_bytes([HEADER, GOOD[0]]))
    response = verifier.post("/dinas/binaan/impor/simpan", data={"token": token})
    assert response.status_code == 302
    assert sellers(app) == []


def test_another_verifier_cannot_confirm_my_upload(app, verifier, make, login):
    upload(verifier, csv_bytes([HEADER, GOOD[0]]))
    token = preview_token(verifier)
    other = login(make.user(Role.VERIFIER))
    assert 'data-testid="preview-ok"' not in other.get("/dinas/binaan/impor/pratinjau").text
    other.post("/dinas/binaan/impor/simpan", data={"token": token})
    assert sellers(app) == []


def test_cancel_removes_the_waiting_file(app, verifier):
    upload(verifier, csv_bytes([HEADER, GOOD[0]]))
    assert len(uploads(app)) == 1
    response = verifier.post("/dinas/binaan/impor/batal", follow_redirects=True)
    assert "Unggahan dibatalkan. Tidak ada yang disimpan." in flashes(response.text)
    assert uploads(app) == []
    assert "Tidak ada berkas yang menunggu" in verifier.get("/dinas/binaan/impor/pratinjau").text


def test_the_preview_without_an_upload_says_what_to_do(verifier):
    page = verifier.get("/dinas/binaan/impor/pratinjau")
    assert page.status_code == 200
    assert "Tidak ada berkas yang menunggu untuk disimpan. Unggah daftar binaan dulu." in page.text


def test_templates_download_and_read_back(app, verifier):
    for fmt in ("csv", "xlsx"):
        response = verifier.get(f"/dinas/binaan/impor/templat.{fmt}")
        assert response.status_code == 200
        assert response.headers["Content-Disposition"] == f'attachment; filename="templat-daftar-binaan.{fmt}"'
        assert upload(verifier, response.data, f"templat.{fmt}").status_code == 302
    workbook = load_workbook(io.BytesIO(verifier.get("/dinas/binaan/impor/templat.xlsx").data))
    assert workbook.sheetnames == ["Binaan", "Petunjuk"]


# ---------------------------------------------------------------- entries kept by hand

ENTRY = {"business_name": "Lemang Tembung Sehati", "owner_name": "Erlina Pohan", "nib": "9000 0000 0011 8",
         "kecamatan_id": "", "whatsapp": "+62 812-3456-7890", "address": "Jl. Tembung 1", "category": "Makanan"}


def test_add_an_entry_by_hand(app, verifier):
    response = verifier.post("/dinas/binaan/baru", data=ENTRY)
    assert response.status_code == 302
    (seller,) = sellers(app)
    assert urlsplit(response.headers["Location"]).path == f"/dinas/binaan/{seller.id}/undangan"
    assert (seller.nib, seller.whatsapp, seller.status, seller.registry_category) == (
        "9000000000118", "6281234567890", SellerStatus.INVITED, "Makanan")
    assert CODE.fullmatch(seller.invitation_code)
    with app.app_context():
        (event,) = db.session.scalars(sa.select(SellerEvent)).all()
        assert (event.action, event.to_status) == ("add", "invited")


@pytest.mark.parametrize("field, value, message", [
    ("business_name", "", "Wajib diisi."),
    ("business_name", "x" * 10_000, "Isian maksimal 120 karakter."),
    ("business_name", "=HYPERLINK(1)", "Sel ini berisi rumus (=HYPERLINK(1))."),
    ("owner_name", "", "Wajib diisi."),
    ("nib", "900000000001", "NIB terdiri dari 13 angka."),
    ("nib", "90000000000AB", "NIB terdiri dari 13 angka."),
    ("whatsapp", "021 555 1234", "Nomor HP/WhatsApp diawali 08"),
    ("kecamatan_id", "abc", "Pilihan tidak tersedia."),
    ("kecamatan_id", "999999", "Pilihan tidak tersedia."),
    ("address", "<script>alert(1)</script>" * 10, "Isian maksimal 200 karakter."),
    ("category", "k" * 81, "Isian maksimal 80 karakter."),
], ids=lambda v: str(v)[:20])
def test_bad_input_in_the_entry_form(app, verifier, field, value, message):
    before = snapshot(app)
    response = verifier.post("/dinas/binaan/baru", data=ENTRY | {field: value})
    assert response.status_code == 200
    errors = field_errors(response.text)
    assert list(errors) == [field] and message in errors[field]
    assert "<script>alert" not in response.text
    assert snapshot(app) == before


def test_an_nib_already_in_the_registry(app, verifier, make):
    make.seller(SellerStatus.VERIFIED, nib="9000000000118", business_name="Lemang Lama")
    before = snapshot(app)
    response = verifier.post("/dinas/binaan/baru", data=ENTRY)
    assert response.status_code == 200
    assert field_errors(response.text) == {
        "nib": "NIB ini sudah terdaftar atas nama Lemang Lama. Satu NIB hanya untuk satu usaha."}
    assert snapshot(app) == before


def test_html_and_emoji_are_saved_as_typed_and_shown_escaped(app, verifier):
    verifier.post("/dinas/binaan/baru", data=ENTRY | {"business_name": "<b>Kopi</b> ☕", "nib": ""})
    page = verifier.get("/dinas/binaan").text
    assert "&lt;b&gt;Kopi&lt;/b&gt; ☕" in page and "<b>Kopi</b>" not in page


def test_edit_an_invited_entry(app, verifier, make):
    entry = make.seller(SellerStatus.INVITED, whatsapp="6281234567890")
    page = verifier.get(f"/dinas/binaan/{entry.id}/ubah").text
    assert 'value="0812-3456-7890"' in page  # shown the way people write it
    data = ENTRY | {"nib": entry.nib, "kecamatan_id": str(entry.kecamatan_id or "")}
    assert verifier.post(f"/dinas/binaan/{entry.id}/ubah", data=data).status_code == 302
    (seller,) = sellers(app)
    assert (seller.business_name, seller.invitation_code) == ("Lemang Tembung Sehati", entry.invitation_code)


def test_the_same_nib_may_stay_on_its_own_entry_but_not_take_anothers(app, verifier, make):
    entry = make.seller(SellerStatus.INVITED)
    other = make.seller(SellerStatus.INVITED)
    assert verifier.post(f"/dinas/binaan/{entry.id}/ubah", data=ENTRY | {"nib": entry.nib}).status_code == 302
    before = snapshot(app)
    response = verifier.post(f"/dinas/binaan/{entry.id}/ubah", data=ENTRY | {"nib": other.nib})
    assert "NIB ini sudah terdaftar" in field_errors(response.text)["nib"]
    assert snapshot(app) == before


def test_a_registered_business_is_no_longer_edited_from_the_registry(app, verifier, make):
    seller = make.seller(SellerStatus.REGISTERED)
    before = snapshot(app)
    for method in ("GET", "POST"):
        response = verifier.open(f"/dinas/binaan/{seller.id}/ubah", method=method, data=ENTRY)
        assert response.status_code == 302
        assert urlsplit(response.headers["Location"]).path == f"/dinas/binaan/{seller.id}/undangan"
    assert snapshot(app) == before
    page = verifier.get(f"/dinas/binaan/{seller.id}/undangan").text
    assert 'data-testid="invitation-used"' in page and seller.invitation_code not in page


# ---------------------------------------------------------------- the invitation

def test_the_invitation_page(app, verifier, make):
    entry = make.seller(SellerStatus.INVITED, owner_name="Rahmawati Lubis", whatsapp="6281234567890",
                        invitation_code="MDN-7K3P-Q9XA")
    page = verifier.get(f"/dinas/binaan/{entry.id}/undangan").text
    assert re.search(r'data-testid="invitation-code">MDN-7K3P-Q9XA<', page)
    link = re.search(r'data-testid="invitation-link">([^<]+)<', page)[1]
    assert unescape(link) == "http://localhost/daftar?kode=MDN-7K3P-Q9XA"
    whatsapp = unescape(re.search(r'href="([^"]+)"[^>]*data-testid="whatsapp-link"', page)[1])
    assert whatsapp.startswith("https://wa.me/6281234567890?text=")
    text = unquote(whatsapp.split("?text=", 1)[1])
    assert text == (f"Halo Rahmawati Lubis, Diskop UKM Perindag mengundang {entry.business_name} bergabung di "
                    "Etalase, e-katalog produk UMKM Kota Medan. Kode undangan Anda: MDN-7K3P-Q9XA. Daftar di: "
                    "http://localhost/daftar?kode=MDN-7K3P-Q9XA")
    assert "d-print-none" in page and "<script>" not in page.split("<main", 1)[1].split("</main>")[0]


def test_the_registration_page_accepts_the_invitation_link(app, verifier, make):
    entry = make.seller(SellerStatus.INVITED)
    page = verifier.get(f"/dinas/binaan/{entry.id}/undangan").text
    link = unescape(re.search(r'data-testid="invitation-link">([^<]+)<', page)[1])
    response = app.test_client().get(urlsplit(link).path + "?" + urlsplit(link).query)
    assert response.status_code == 200
    assert entry.invitation_code in response.text


def test_the_whatsapp_message_stays_indonesian_for_an_english_reader(app, verifier, make):
    entry = make.seller(SellerStatus.INVITED)
    verifier.set_cookie("bahasa", "en")
    page = unescape(verifier.get(f"/dinas/binaan/{entry.id}/undangan").text)
    assert "Kode undangan Anda" in unquote(page)


def test_without_a_phone_the_whatsapp_link_lets_the_verifier_pick_a_contact(app, verifier, make):
    entry = make.seller(SellerStatus.INVITED, whatsapp="")
    page = verifier.get(f"/dinas/binaan/{entry.id}/undangan").text
    assert re.search(r'href="https://wa.me/\?text=[^"]+"[^>]*data-testid="whatsapp-link"', page)


def test_the_link_without_the_registration_route(app, city, make, monkeypatch):
    entry = make.seller(SellerStatus.INVITED, invitation_code="MDN-AAAA-BBBB")
    monkeypatch.delitem(app.view_functions, "sellers.register")
    app.config["BASE_URL"] = "https://etalase.medan.example"
    with app.test_request_context(base_url="https://forged-host.invalid/"):  # the Host never counts
        assert registry.invitation_link(entry) == "https://etalase.medan.example/daftar?kode=MDN-AAAA-BBBB"
        assert registry.invitation_link(entry, "https://lain.example/") == \
            "https://lain.example/daftar?kode=MDN-AAAA-BBBB"


def test_invitation_codes_are_unambiguous_and_unique(app, city):
    with app.app_context():
        codes = registry.new_invitation_codes(2000, "MDN")
    assert len(set(codes)) == 2000
    assert all(CODE.fullmatch(code) for code in codes)
    assert not set("01ILO") & set("".join(code[4:] for code in codes))
    assert registry.code_prefix(type("City", (), {"slug": "malang"})()) == "MLN"
    assert registry.code_prefix(None) == "ETL"


# ---------------------------------------------------------------- the list

def test_counts_by_status_search_and_filters(app, verifier, make, city):
    with app.app_context():
        medan_baru = db.session.scalar(sa.select(Kecamatan).where(Kecamatan.name == "Medan Baru"))
    make.seller(SellerStatus.INVITED, business_name="Bika Ambon Pandan", owner_name="Rahma", nib="9000000000201")
    make.seller(SellerStatus.INVITED, business_name="Sirup Markisa", owner_name="Jonatan",
                kecamatan_id=medan_baru.id, invitation_code="MDN-ZZZZ-9999")
    make.seller(SellerStatus.REGISTERED, business_name="Tenun Ulos")
    make.seller(SellerStatus.VERIFIED, business_name="Kopi Dairi")
    make.seller(SellerStatus.VERIFIED, business_name="Lemang 100%_Asli")
    page = verifier.get("/dinas/binaan").text
    counts = dict(re.findall(r'data-status="(\w+)"[^>]*>\s*<span class="registry-count-number">([\d.]+)<', page))
    assert counts == {"invited": "2", "registered": "1", "submitted": "0", "revision_requested": "0",
                      "verified": "2", "suspended": "0", "rejected": "0"}
    assert "2 dari 5 UMKM binaan sudah terverifikasi dan tampil di katalog (40%)." in unescape(page)

    def names(**args):
        html = verifier.get("/dinas/binaan", query_string=args).text
        table = html.split('data-testid="registry-table"', 1)[-1] if "registry-table" in html else ""
        return re.findall(r"<tr>\s*<td><a href=\"[^\"]*\">([^<]+)</a>", table)

    assert names(q="bika") == ["Bika Ambon Pandan"]
    assert names(q="jonatan") == ["Sirup Markisa"]
    assert names(q="0000000201") == ["Bika Ambon Pandan"]
    assert names(q="zzzz9999") == ["Sirup Markisa"]
    assert names(q="100%_") == ["Lemang 100%_Asli"]
    assert names(q="%") == ["Lemang 100%_Asli"]  # a wildcard character is just a character
    assert names(status="verified") == ["Kopi Dairi", "Lemang 100%_Asli"]
    assert names(kecamatan=str(medan_baru.id)) == ["Sirup Markisa"]
    assert names(status="invited", q="markisa") == ["Sirup Markisa"]


@pytest.mark.parametrize("param", ["q", "status", "kecamatan", "page"])
@pytest.mark.parametrize("value", ["", "x" * 10_000, "ab\x00cd", "Kopi ☕ 🇮🇩", "<script>alert(1)</script>",
                                   "-1", "99999999999999999999", "%", "'; DROP TABLE sellers; --"])
def test_bad_values_in_the_list_never_fail(verifier, make, param, value):
    make.seller(SellerStatus.INVITED, business_name="Bika Ambon Pandan")
    response = verifier.get("/dinas/binaan", query_string={param: value})
    assert response.status_code == 200
    assert "<script>alert" not in response.text


def test_pagination(app, verifier, make):
    for n in range(30):
        make.seller(SellerStatus.INVITED, business_name=f"Usaha {n:02d}")
    first = verifier.get("/dinas/binaan").text
    second = verifier.get("/dinas/binaan?page=2").text
    assert "Usaha 00" in first and "Usaha 29" not in first
    assert "Usaha 29" in second and "Usaha 00" not in second
    assert "Halaman 1 dari 2" in first


def test_the_empty_registry_says_what_to_do(app, verifier, make, login):
    assert "Mulai dengan mengimpor daftar binaan Dinas" in verifier.get("/dinas/binaan").text
    auditor = login(make.user(Role.AUDITOR))
    assert "Verifikator Dinas mengisinya dari daftar binaan." in auditor.get("/dinas/binaan").text


def test_pages_work_in_english_too(app, verifier, make):
    entry = make.seller(SellerStatus.INVITED)
    verifier.set_cookie("bahasa", "en")
    for url in ("/dinas/binaan", "/dinas/binaan/impor", "/dinas/binaan/baru", f"/dinas/binaan/{entry.id}/undangan",
                f"/dinas/binaan/{entry.id}/ubah", "/dinas/binaan/impor/pratinjau"):
        response = verifier.get(url)
        assert response.status_code == 200, url
        assert '<html lang="en">' in response.text


def test_url_for_of_every_registry_endpoint(app):
    with app.test_request_context():
        assert url_for("registry.index") == "/dinas/binaan"
        assert url_for("registry.import_template", fmt="xlsx") == "/dinas/binaan/impor/templat.xlsx"


def test_list_and_invitation_cost_do_not_grow_with_the_registry(app, verifier, make, count_queries):
    def statements(url):
        with count_queries() as counter:
            assert verifier.get(url).status_code == 200
        return counter.count

    entry = make.seller(SellerStatus.INVITED)
    make.seller(SellerStatus.VERIFIED)  # with a kecamatan
    few = statements("/dinas/binaan")
    for status in (SellerStatus.INVITED, SellerStatus.VERIFIED, SellerStatus.REGISTERED) * 8:
        make.seller(status)
    many = statements("/dinas/binaan")
    # session and user, the city, counts by status, kecamatan for the filter, the pager's count, the page,
    # and the kecamatan of its sellers in one go
    assert few == many == 7
    assert statements(f"/dinas/binaan/{entry.id}/undangan") <= 4
