"""Issued documents are frozen (issue 10, point 4): a Surat Pesanan or BAST states the facts of the
moment it was issued, for ever. Whatever changes afterwards (names of the PPK, OPD and seller, the
seller's NIB, products, the request's own fields, its items), the printed QR link still verifies
and the PDF downloaded again says what the printed one says; a forged or tampered link gets the
"dokumen tidak dikenali" page, never a success and never the generic 404."""
from __future__ import annotations

import re
from datetime import date, timedelta

import sqlalchemy as sa

from storefront.accounts.models import User
from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.listings.models import Product
from storefront.procurement.models import PurchaseRequest, RequestItem
from storefront.procurement.workflow import Party, RequestAction
from storefront.reference.models import Opd
from storefront.sellers.models import Seller
from tests.helpers.pdf_pages import read_pdf
from tests.procurement.conftest import step, submit, walk_to_bast

UNRECOGNISED = 'data-testid="unrecognised"'
_SKIPPED = {"email", "password_hash", "invitation_code", "idempotency_key", "slug"}


def _walk_to_bast(app, shop) -> int:
    (rid,) = submit(app, shop, {shop.products[0]: 4, shop.products[1]: 1})
    walk_to_bast(app, shop, rid)
    return rid


def _verify_link(text: str, kind: str) -> str:
    found = re.search(rf"(/verifikasi/{kind}/\d+/[0-9a-f]{{64}})", text.replace("\n", "").replace("\r", ""))
    assert found, "the verification address is printed under the QR code"
    return found[1]


def _changed(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value + 7
    if isinstance(value, date):
        return value + timedelta(days=3)
    if isinstance(value, str):
        return (value + " DIUBAH")
    return value


def _edit_every_fact_source(app, rid: int) -> int:
    """Change every text, number and date column of every row a document's facts come from: the
    request and its items, the OPD, the PPK and the pemesan, the seller and its products. Columns
    a constraint keeps from changing that way are left (the test counts what it changed)."""
    changed = 0
    with app.app_context():
        request = db.session.get(PurchaseRequest, rid)
        rows = [(PurchaseRequest, rid), (Opd, request.opd_id), (User, request.ppk_id),
                (User, request.submitted_by_id), (Seller, request.seller_id)]
        rows += [(RequestItem, item_id) for item_id in db.session.scalars(
            sa.select(RequestItem.id).where(RequestItem.request_id == rid))]
        rows += [(Product, product_id) for product_id in db.session.scalars(
            sa.select(Product.id).where(Product.seller_id == request.seller_id))]
        for model, row_id in rows:
            for column in model.__table__.columns:
                if (column.primary_key or column.foreign_keys or column.name in _SKIPPED
                        or isinstance(column.type, (sa.Enum, sa.JSON, sa.Boolean))
                        or (model is User and not isinstance(column.type, sa.String))):  # keep them able to sign in
                    continue
                current = db.session.execute(sa.select(column).where(model.__table__.c.id == row_id)).scalar()
                new = _changed(current)
                if current is None or new == current:
                    continue
                if isinstance(new, str) and getattr(column.type, "length", None):
                    new = new[-column.type.length:]
                try:
                    with db.session.begin_nested():
                        db.session.execute(sa.update(model.__table__).where(model.__table__.c.id == row_id)
                                           .values({column.name: new}))
                    changed += 1
                except sa.exc.DBAPIError:
                    pass  # a check constraint refuses this value: the column cannot change so
        db.session.commit()
    return changed


def test_every_fact_changed_after_issue_leaves_the_printed_documents_verifying(app, login, shop, make):
    rid = _walk_to_bast(app, shop)
    ppk = login(shop.ppk)
    printed = {kind: read_pdf(ppk.get(f"/permintaan/{rid}/{name}.pdf").data)
               for kind, name in (("sp", "surat-pesanan"), ("bast", "bast"))}
    links = {kind: _verify_link(text, kind) for kind, text in printed.items()}
    pages = {kind: app.test_client().get(link) for kind, link in links.items()}
    assert all(page.status_code == 200 and 'data-testid="verified"' in page.text for page in pages.values())

    # The reported case through the real admin editor: the PPK's display name changes.
    admin = login(make.user(Role.ADMIN))
    renamed = admin.post(f"/admin/pengguna/{shop.ppk.id}", data={"name": "Ir. Nama Baru PPK", "role": "ppk",
                                                                 "opd_id": shop.opd.id})
    assert renamed.status_code == 302
    # And then everything else a document states or is drawn from.
    assert _edit_every_fact_source(app, rid) >= 25
    with app.app_context():
        assert db.session.get(User, shop.ppk.id).name.startswith("Ir. Nama Baru PPK")
        assert db.session.get(Opd, shop.opd.id).name == "Dinas Uji Pengadaan DIUBAH"
        assert db.session.get(Seller, shop.seller.id).business_name == "Dapur Bika Uji DIUBAH"

    for kind, name in (("sp", "surat-pesanan"), ("bast", "bast")):
        page = app.test_client().get(links[kind])
        assert page.status_code == 200 and 'data-testid="verified"' in page.text, kind
        assert "Dinas Uji Pengadaan" in page.text and "DIUBAH" not in page.text  # the facts as issued
        again = read_pdf(login(shop.ppk).get(f"/permintaan/{rid}/{name}.pdf").data)
        assert again == printed[kind], f"the {kind} PDF downloaded again says what the printed one says"
        for fact in ("Dinas Uji Pengadaan", "Pengguna ppk", "Dapur Bika Uji", "Bika Ambon Pandan",
                     "Jl. Kapten Maulana Lubis No. 2", "Rp300.000"):
            assert fact in again, (kind, fact)
        assert "DIUBAH" not in again and "Nama Baru" not in again


def test_forged_or_tampered_links_get_the_unrecognised_page(app, login, shop):
    rid = _walk_to_bast(app, shop)
    (other,) = submit(app, shop, {shop.products[0]: 2}, key="kunci-uji-0002-bbbb")
    step(app, other, RequestAction.APPROVE, shop.ppk, Party.PPK, sp_number="027/89/SP/2026")
    text = read_pdf(login(shop.ppk).get(f"/permintaan/{rid}/surat-pesanan.pdf").data)
    link = _verify_link(text, "sp")
    digest = link.rsplit("/", 1)[1]
    flipped = digest[:-1] + ("0" if digest[-1] != "0" else "1")
    public = app.test_client()
    assert UNRECOGNISED not in public.get(link).text
    forged = [link[:-1] + flipped[-1], f"/verifikasi/bast/{rid}/{digest}", f"/verifikasi/sp/{other}/{digest}",
              f"/verifikasi/sp/{rid + 999}/{digest}", f"/verifikasi/sp/{rid}/{digest.upper()}",
              f"/verifikasi/sp/{rid}/{digest[:40]}", f"/verifikasi/sp/{rid}/{'z' * 64}",
              f"/verifikasi/xx/{rid}/{digest}", f"/verifikasi/sp/{rid}/{digest}0"]
    for address in forged:
        response = public.get(address)
        assert response.status_code == 404, address
        assert UNRECOGNISED in response.text and "Dokumen tidak dikenali" in response.text, address
        assert 'data-testid="verified"' not in response.text
    # The frozen record itself altered behind the app's back: its fingerprint no longer matches.
    from storefront.procurement.models import IssuedDocument
    with app.app_context():
        record = db.session.scalar(sa.select(IssuedDocument).where(IssuedDocument.request_id == rid,
                                                                   IssuedDocument.kind == "sp"))
        record.facts = {**record.facts, "total": 1}
        db.session.commit()
    assert UNRECOGNISED in public.get(link).text


def test_a_replaced_surat_pesanan_still_verifies_and_says_it_was_replaced(app, login, shop):
    (rid,) = submit(app, shop, {shop.products[0]: 4})
    step(app, rid, RequestAction.APPROVE, shop.ppk, Party.PPK, sp_number="SP/LAMA")
    old = _verify_link(read_pdf(login(shop.ppk).get(f"/permintaan/{rid}/surat-pesanan.pdf").data), "sp")
    step(app, rid, RequestAction.COUNTER, shop.seller_owner, Party.SELLER, reason="Harga bahan naik")
    step(app, rid, RequestAction.RESUBMIT, shop.pemesan, Party.PEMESAN)
    step(app, rid, RequestAction.APPROVE, shop.ppk, Party.PPK, sp_number="SP/BARU")
    new = _verify_link(read_pdf(login(shop.ppk).get(f"/permintaan/{rid}/surat-pesanan.pdf").data), "sp")
    assert new != old
    page = app.test_client().get(old)
    assert page.status_code == 200 and "SP/LAMA" in page.text and 'data-testid="replaced"' in page.text
    assert 'data-testid="replaced"' not in app.test_client().get(new).text


def test_documents_issued_before_freezing_are_frozen_by_the_migration(app, login, shop, make):
    """The migration freezes what earlier code printed: the day of the stored UTC moment and the
    names as they are, so a QR printed before the upgrade keeps verifying."""
    from flask_migrate import stamp, upgrade

    from storefront.procurement.models import IssuedDocument

    request = make.purchase_request(shop.seller, shop.products[0], opd=shop.opd, pemesan=shop.pemesan, ppk=shop.ppk,
                                    status="awaiting_payment")
    with app.app_context():
        IssuedDocument.__table__.drop(db.engine)
        stamp(revision="d3d3733fd1af")
        upgrade(revision="c10_frozen_documents")
        loaded = db.session.get(PurchaseRequest, request.id)
        frozen = {row.kind: row for row in db.session.scalars(sa.select(IssuedDocument))}
        assert set(frozen) == {"sp", "bast"}
        assert frozen["sp"].facts["date"] == loaded.sp_issued_at.date().isoformat()
        assert (frozen["sp"].number, frozen["bast"].number) == (loaded.sp_number, loaded.bast_number)
        assert frozen["sp"].facts["ppk"] == "Pengguna ppk" and frozen["sp"].facts["opd"] == "Dinas Uji Pengadaan"
        links = {kind: f"/verifikasi/{kind}/{request.id}/{row.digest}" for kind, row in frozen.items()}
        db.session.execute(sa.text("DROP TABLE alembic_version"))
        db.session.commit()
    for kind, link in links.items():
        assert 'data-testid="verified"' in app.test_client().get(link).text, kind
    text = read_pdf(login(shop.ppk).get(f"/permintaan/{request.id}/surat-pesanan.pdf").data)
    assert links["sp"] in text.replace("\n", "").replace("\r", "")
