"""The Surat Pesanan and the BAST as real PDFs: rendered to images (pdfium) and read back for their
key text; the QR code's page verifies a genuine document and refuses a forged link."""
from __future__ import annotations

import re
from datetime import date

import sqlalchemy as sa

from storefront.extensions import db
from storefront.procurement.models import PaymentMethod, PurchaseRequest, RequestItem
from storefront.procurement.workflow import Party, RequestAction
from tests.helpers.pdf_pages import read_pdf
from tests.procurement.conftest import step, submit


def test_surat_pesanan_and_bast_carry_the_facts_and_verify(app, login, shop):
    bika, legit = shop.products
    (rid,) = submit(app, shop, {bika: 4, legit: 1})
    step(app, rid, RequestAction.APPROVE, shop.ppk, Party.PPK, sp_number="027/88/SP/2026")
    client = login(shop.ppk)
    response = client.get(f"/permintaan/{rid}/surat-pesanan.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = read_pdf(response.data, "surat-pesanan.png")
    for expected in ("SURAT PESANAN", "027/88/SP/2026", "Dinas Uji Pengadaan", "Dapur Bika Uji", "Bika Ambon Pandan",
                     "Rp300.000", "tiga ratus ribu rupiah", "Pejabat Pembuat Komitmen", "Penyedia"):
        assert expected.lower() in text.lower(), expected
    assert client.get(f"/permintaan/{rid}/bast.pdf").status_code == 404  # not signed yet
    verify = re.search(r"(/verifikasi/sp/\d+/[0-9a-f]{64})", text.replace("\n", "").replace("\r", ""))
    assert verify, "the verification address is printed under the QR code"
    public = app.test_client().get(verify[1])
    assert public.status_code == 200 and 'data-testid="verified"' in public.text and "027/88/SP/2026" in public.text
    # The document is frozen as issued: a later change (a price) changes neither the document nor its
    # verification (tests/procurement/test_frozen_documents.py changes every fact); a changed
    # fingerprint is not recognised.
    with app.app_context():
        db.session.execute(sa.update(RequestItem).where(RequestItem.request_id == rid).values(unit_price=1))
        db.session.commit()
    assert 'data-testid="verified"' in app.test_client().get(verify[1]).text
    assert "Rp300.000" in read_pdf(client.get(f"/permintaan/{rid}/surat-pesanan.pdf").data)
    forged = verify[1][:-1] + ("0" if verify[1][-1] != "0" else "1")
    assert app.test_client().get(forged).status_code == 404


def test_the_bast_states_what_was_accepted(app, login, shop):
    (rid,) = submit(app, shop, {shop.products[0]: 10})
    for action, user, party, data in [(RequestAction.APPROVE, shop.ppk, Party.PPK, {"sp_number": "SP/9"}),
                                      (RequestAction.ACCEPT, shop.seller_owner, Party.SELLER, {}),
                                      (RequestAction.SHIP, shop.seller_owner, Party.SELLER, {}),
                                      (RequestAction.RECEIVE, shop.pemesan, Party.PEMESAN, {}),
                                      (RequestAction.REPORT_NONCONFORMING, shop.ppk, Party.PPK,
                                       {"reason": "Dua penyok", "checklist": {"quantity_ok": True, "quality_ok": False}})]:
        step(app, rid, action, user, party, **data)
    with app.app_context():
        item_id = db.session.scalar(sa.select(RequestItem.id).where(RequestItem.request_id == rid))
    step(app, rid, RequestAction.ACCEPT_PARTIAL, shop.ppk, Party.PPK, reason="Delapan diterima",
         quantities={item_id: 8})
    step(app, rid, RequestAction.SIGN_BAST, shop.ppk, Party.PPK, bast_number="027/9/BAST/2026")
    text = read_pdf(login(shop.bendahara).get(f"/permintaan/{rid}/bast.pdf").data, "bast.png")
    assert "BERITA ACARA SERAH TERIMA" in text and "027/9/BAST/2026" in text
    assert "Rp360.000" in text and "tiga ratus enam puluh ribu rupiah" in text.lower()
    step(app, rid, RequestAction.RECORD_PAYMENT, shop.bendahara, Party.BENDAHARA, method=PaymentMethod.TRANSFER,
         paid_on=date.today(), amount=360_000, proof=("ab/" + "ab" * 31 + ".pdf", "application/pdf"))
    with app.app_context():
        assert db.session.get(PurchaseRequest, rid).status.value == "paid"
