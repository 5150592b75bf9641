"""Issue 10 point 17: uploaded PDFs are made inert, and each business has a storage quota.

Hostile PDFs are built here with pikepdf (scripts on open, triggers, launch and URI actions, an
embedded executable, links running JavaScript, XFA, rich media, outlines with actions); the file
that is stored is opened again and every object in it is walked. Every PDF upload of the app (the
seller's documents and the bendahara's payment proof) goes through the real pages.
"""
from __future__ import annotations

import io
import random
import re

import pikepdf
import pypdfium2
import pytest
import sqlalchemy as sa
from pikepdf import Array, Dictionary, Name, String

from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.media import pdfs
from storefront.procurement.models import Payment
from storefront.sellers import documents
from storefront.sellers.models import SellerDocument
from storefront.sellers.workflow import SellerStatus
from tests.helpers.page_forms import take_step

SCRIPT = "app.alert('pwn')"
EXECUTABLE = b"MZ\x90\x00 evil executable"
FORBIDDEN_KEYS = {"/OpenAction", "/AA", "/AF", "/JS", "/JavaScript", "/EmbeddedFiles", "/EmbeddedFile", "/Launch",
                  "/URI", "/XFA", "/AcroForm", "/RichMedia", "/RichMediaContent", "/Annots", "/Outlines"}
FORBIDDEN_ACTIONS = {"/JavaScript", "/Launch", "/URI", "/SubmitForm", "/ImportData", "/GoToR", "/GoToE",
                     "/Rendition", "/Movie", "/Sound"}
PAGE_TEXT = "Dokumen NIB contoh"


def _js(pdf, code: str = SCRIPT):
    return pdf.make_indirect(Dictionary(Type=Name.Action, S=Name.JavaScript, JS=String(code)))


def hostile_pdf(**save) -> bytes:
    """One page of real text, and every way a PDF can act or carry files."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(300, 200))
    page = pdf.pages[0]
    font = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    page.obj.Resources = Dictionary(Font=Dictionary(F1=font))
    page.obj.Contents = pdf.make_stream(f"BT /F1 12 Tf 20 100 Td ({PAGE_TEXT}) Tj ET".encode())
    pdf.Root.OpenAction = _js(pdf)
    pdf.Root.AA = Dictionary(WC=_js(pdf), DS=_js(pdf))
    page.obj.AA = Dictionary(O=Dictionary(S=Name.Launch, F=String("cmd.exe"), Win=Dictionary(F=String("cmd.exe"))))
    pdf.attachments["faktur.exe"] = pikepdf.AttachedFileSpec(pdf, EXECUTABLE, mime_type="application/octet-stream")
    pdf.Root.Names.JavaScript = Dictionary(Names=Array([String("auto"), _js(pdf)]))
    links = [Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([0, 0, 100, 50]),
                        A=Dictionary(S=Name.JavaScript, JS=String(SCRIPT))),
             Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([0, 50, 100, 100]),
                        A=Dictionary(S=Name.URI, URI=String("https://evil.example/"))),
             Dictionary(Type=Name.Annot, Subtype=Name.RichMedia, Rect=Array([0, 100, 100, 150]),
                        RichMediaContent=Dictionary(Assets=Dictionary())),
             Dictionary(Type=Name.Annot, Subtype=Name.Widget, Rect=Array([0, 150, 100, 200]),
                        AA=Dictionary(K=_js(pdf)))]
    page.obj.Annots = Array([pdf.make_indirect(link) for link in links])
    pdf.Root.AcroForm = Dictionary(Fields=Array([page.obj.Annots[3]]),
                                   XFA=pdf.make_stream(b"<xdp:xdp><script>x</script></xdp:xdp>"))
    outline = pdf.make_indirect(Dictionary(Title=String("Buka"), A=_js(pdf)))
    pdf.Root.Outlines = pdf.make_indirect(Dictionary(Type=Name.Outlines, First=outline, Last=outline, Count=1))
    outline.Parent = pdf.Root.Outlines
    # A form XObject reused by the page, with a script hidden in its own dictionary.
    page.obj.Resources.XObject = Dictionary(X1=pdf.make_stream(b"", Type=Name.XObject, Subtype=Name.Form,
                                                               BBox=Array([0, 0, 1, 1]), AA=Dictionary(O=_js(pdf))))
    out = io.BytesIO()
    pdf.save(out, **save)
    return out.getvalue()


def problems_in(data: bytes) -> list[str]:
    """Everything active left in a PDF: walks every object in the file, reachable or not."""
    found = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if pdf.is_encrypted:
            found.append("encrypted")
        if pdf.attachments:
            found.append(f"attachments {list(pdf.attachments)}")
        seen = set()
        stack = [pdf.trailer, *pdf.objects]
        while stack:
            obj = stack.pop()
            if not isinstance(obj, (pikepdf.Object, Dictionary, Array, String)):
                continue  # numbers, names and booleans come back as Python values
            if obj.is_indirect:
                if obj.objgen in seen:
                    continue
                seen.add(obj.objgen)
            if isinstance(obj, pikepdf.Stream):
                if b"app.alert" in obj.read_bytes() or EXECUTABLE in obj.read_bytes():
                    found.append(f"stream {obj.objgen} holds the script or the executable")
                obj = obj.stream_dict
            if isinstance(obj, Dictionary):
                found += [f"key {key}" for key in obj.keys() if key in FORBIDDEN_KEYS]
                if str(obj.get("/S", "")) in FORBIDDEN_ACTIONS:
                    found.append(f"action {obj.get('/S')}")
                stack += [obj[key] for key in obj.keys()]
            elif isinstance(obj, Array):
                stack += list(obj)
            elif isinstance(obj, String) and "app.alert" in str(obj):
                found.append("a script string")
    return found


def page_text(data: bytes) -> str:
    document = pypdfium2.PdfDocument(data)
    try:
        return "".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def test_the_hostile_pdf_really_is_hostile():
    found = problems_in(hostile_pdf())
    for expected in ("key /OpenAction", "key /AA", "key /EmbeddedFiles", "key /XFA", "key /Annots",
                     "action /Launch", "action /URI", "action /JavaScript", "key /RichMediaContent"):
        assert expected in found, (expected, found)


@pytest.mark.parametrize("save", [{}, {"object_stream_mode": pikepdf.ObjectStreamMode.generate},
                                  {"compress_streams": False, "object_stream_mode": pikepdf.ObjectStreamMode.disable}],
                         ids=["plain", "object-streams", "uncompressed"])
def test_make_inert_keeps_the_pages_and_nothing_that_acts(save):
    cleaned = pdfs.make_inert(hostile_pdf(**save))
    assert problems_in(cleaned) == []
    assert PAGE_TEXT in page_text(cleaned)
    assert b"app.alert" not in cleaned and EXECUTABLE not in cleaned


def test_an_owner_locked_pdf_is_rewritten_open():
    locked = hostile_pdf(encryption=pikepdf.Encryption(owner="pemilik", user="", allow=pikepdf.Permissions(
        extract=False)))
    cleaned = pdfs.make_inert(locked)
    assert problems_in(cleaned) == []
    assert PAGE_TEXT in page_text(cleaned)


@pytest.mark.parametrize("data, reason", [
    (hostile_pdf(encryption=pikepdf.Encryption(owner="pemilik", user="rahasia")), "kata sandi"),
    (b"%PDF-1.7\n" + b"\x00garbage" * 50, "tidak dapat dibaca"),
    (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF", ""),
], ids=["password", "garbage", "no-pages"])
def test_what_cannot_be_made_inert_is_refused_with_a_reason(app, data, reason):
    with app.test_request_context():
        with pytest.raises(pdfs.PdfRejected) as refused:
            pdfs.make_inert(data)
        assert reason in str(refused.value)


# ---------------------------------------------------------------- through the real uploads

def _stored_files(app) -> dict[str, bytes]:
    root = app.config["DOCUMENT_ROOT"]
    with app.app_context():
        storage = documents.document_storage()
        return {key: storage.read(key) for key in storage.iter_keys()} if root else {}


@pytest.fixture
def seller_client(make, login):
    owner = make.user(Role.SELLER)
    seller = make.seller(SellerStatus.REGISTERED, owner=owner)
    return seller, login(owner)


def _upload_document(client, data: bytes, number: str = "SLHS/123/2026"):
    return client.post("/penjual/dokumen", data={"kind": "slhs", "number": number,
                                                 "file": (io.BytesIO(data), "slhs.pdf")},
                       content_type="multipart/form-data")


def test_a_seller_document_pdf_is_stored_inert(app, seller_client):
    seller, client = seller_client
    assert _upload_document(client, hostile_pdf()).status_code == 302
    files = _stored_files(app)
    assert len(files) == 1
    stored = next(iter(files.values()))
    assert problems_in(stored) == [] and PAGE_TEXT in page_text(stored)
    with app.app_context():
        document = db.session.scalar(sa.select(SellerDocument))
        assert document.content_type == "application/pdf" and document.file_size == len(stored)


def test_a_locked_document_is_refused_next_to_the_field_and_nothing_is_kept(app, seller_client):
    seller, client = seller_client
    locked = hostile_pdf(encryption=pikepdf.Encryption(owner="pemilik", user="rahasia"))
    response = _upload_document(client, locked)
    assert response.status_code == 200
    assert re.search(r'id="file-error"[^>]*>[^<]*kata sandi', response.text) or "kata sandi" in response.text
    assert _stored_files(app) == {}
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(SellerDocument)) == 0


def test_a_payment_proof_pdf_is_stored_inert(app, world):
    request_id = world.refs["<request_bendahara>"]
    before = set(_stored_files(app))
    response = take_step(world.clients[Role.BENDAHARA], request_id, "record_payment", {"method": "kkpd", "paid_on": "2026-12-01", "amount": "50000", "payment_reference": "SP2D/1",
              "proof": (io.BytesIO(hostile_pdf()), "bukti.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 302, response.text[:2000]
    with app.app_context():
        payment = db.session.scalar(sa.select(Payment).where(Payment.request_id == request_id))
        stored = documents.document_storage().read(payment.proof_key)
    assert payment.proof_key not in before
    assert problems_in(stored) == [] and PAGE_TEXT in page_text(stored)


def test_a_locked_payment_proof_is_refused_next_to_its_field(app, world):
    request_id = world.refs["<request_bendahara>"]
    before = _stored_files(app)
    locked = hostile_pdf(encryption=pikepdf.Encryption(owner="pemilik", user="rahasia"))
    response = take_step(world.clients[Role.BENDAHARA], request_id, "record_payment", {"method": "kkpd", "paid_on": "2026-12-01", "amount": "50000", "payment_reference": "SP2D/1",
              "proof": (io.BytesIO(locked), "bukti.pdf")}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert re.search(r'id="proof-record_payment-galat"[^>]*>[^<]*kata sandi', response.text), "next to the field"
    assert _stored_files(app) == before
    with app.app_context():
        assert db.session.scalar(sa.select(Payment).where(Payment.request_id == request_id)) is None


# ---------------------------------------------------------------- the quota

@pytest.fixture
def app_config(app_config):
    return app_config | {"SELLER_STORAGE_QUOTA_BYTES": 6000}


def _pdf_of_size(marker: str, pad: int) -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(100, 100))
    noise = random.Random(marker).randbytes(pad)  # does not compress: the stored size stays near `pad`
    pdf.pages[0].obj.Contents = pdf.make_stream(b"q Q ", Filter=Name.FlateDecode)
    pdf.pages[0].obj.Contents.write(noise, filter=Name.FlateDecode)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


def test_over_the_quota_is_refused_saying_what_is_used_and_nothing_is_stored(app, seller_client):
    seller, client = seller_client
    assert _upload_document(client, _pdf_of_size("satu", 3000), "SLHS/1/2026").status_code == 302
    kept = _stored_files(app)
    response = _upload_document(client, _pdf_of_size("dua", 3000), "SLHS/2/2026")
    assert response.status_code == 200
    assert "terpakai" in response.text and "MB" in response.text
    assert _stored_files(app) == kept
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(SellerDocument)) == 1
    # The same file again costs nothing more: it is stored once.
    assert _upload_document(client, _pdf_of_size("satu", 3000), "SLHS/3/2026").status_code == 302
