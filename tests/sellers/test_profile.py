"""Profile rules: identifiers normalised, NIB unique, legal identity locked after submission."""
from __future__ import annotations

import sqlalchemy as sa

from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.sellers.models import Seller
from storefront.sellers.workflow import SellerStatus


def profile(kecamatan_id, **changes):
    data = {"business_name": "Dapur Bika", "owner_name": "Rahma", "nib": "9000000000555", "address": "Jl. Majapahit 1",
            "kecamatan_id": str(kecamatan_id), "whatsapp": "0812-3456-7890", "scale": "mikro",
            "bank_name": "Bank Sumut", "bank_account_number": "123", "bank_account_holder": "Rahma"}
    data.update(changes)
    return data


def seller_row(app, seller_id):
    with app.app_context():
        row = db.session.get(Seller, seller_id)
        db.session.expunge(row)
        return row


def test_identifiers_are_normalised_and_explained(app, make, login):
    owner = make.user(Role.SELLER)
    seller = make.seller(SellerStatus.REGISTERED, owner=owner, nib=None)
    client = login(owner)
    kecamatan = make.kecamatan()
    response = client.post("/penjual/profil", data=profile(kecamatan.id, nib="9000 0000 0055 5",
                                                           whatsapp="+62 812 3456 7890", npwp="01.234.567.8-121.000"))
    assert response.status_code == 302
    row = seller_row(app, seller.id)
    assert (row.nib, row.whatsapp, row.npwp) == ("9000000000555", "6281234567890", "0012345678121000")
    bad = client.post("/penjual/profil", data=profile(kecamatan.id, nib="12345"))
    assert bad.status_code == 200 and "NIB terdiri dari 13 angka" in bad.text
    assert seller_row(app, seller.id).nib == "9000000000555"


def test_nib_of_another_business_is_refused(app, make, login):
    make.seller(SellerStatus.VERIFIED, nib="9000000000777")
    owner = make.user(Role.SELLER)
    seller = make.seller(SellerStatus.REGISTERED, owner=owner, nib=None)
    response = login(owner).post("/penjual/profil", data=profile(make.kecamatan().id, nib="9000000000777"))
    assert response.status_code == 200 and "NIB ini sudah terdaftar" in response.text
    assert seller_row(app, seller.id).nib is None


def test_legal_identity_is_locked_after_submission(app, make, login):
    owner = make.user(Role.SELLER)
    seller = make.seller(SellerStatus.SUBMITTED, owner=owner, nib="9000000000555", business_name="Dapur Bika",
                         owner_name="Rahma", bank_account_number="123", bank_account_holder="Rahma")
    client = login(owner)
    kecamatan = make.kecamatan()
    unchanged = client.post("/penjual/profil", data=profile(kecamatan.id, nib="9000 0000 0055 5",
                                                            whatsapp="0813 1111 2222"))
    assert unchanged.status_code == 302
    assert seller_row(app, seller.id).whatsapp == "6281311112222"
    changed = client.post("/penjual/profil", data=profile(kecamatan.id, nib="9000000000556"))
    assert changed.status_code == 200 and "Data legal usaha dan rekening tidak dapat diubah" in changed.text
    assert seller_row(app, seller.id).nib == "9000000000555"
    bank = client.post("/penjual/profil", data=profile(kecamatan.id, nib="9000000000555",
                                                       bank_account_number="999888777"))
    assert bank.status_code == 200 and "rekening tidak dapat diubah" in bank.text
    assert seller_row(app, seller.id).bank_account_number == "123"


def test_submit_needs_the_required_readiness_items(app, make, login):
    owner = make.user(Role.SELLER)
    seller = make.seller(SellerStatus.REGISTERED, owner=owner)  # complete profile but no NIB document
    client = login(owner)
    client.post("/penjual/ajukan")
    assert seller_row(app, seller.id).status is SellerStatus.REGISTERED
    assert "Foto atau PDF dokumen NIB" in client.get("/penjual").text
    with app.app_context():
        assert db.session.scalar(sa.select(Seller.submitted_at).where(Seller.id == seller.id)) is None


def test_deleting_a_document_removes_its_file(app, make, login, tmp_path):
    import io
    from pathlib import Path

    from PIL import Image

    owner = make.user(Role.SELLER)
    make.seller(SellerStatus.REGISTERED, owner=owner)
    client = login(owner)
    photo = io.BytesIO()
    Image.new("RGB", (500, 400), "white").save(photo, "JPEG")
    photo.seek(0)
    client.post("/penjual/dokumen", data={"kind": "nib", "number": "9000000000555", "file": (photo, "nib.jpg")},
                content_type="multipart/form-data")
    files = [p for p in Path(app.config["DOCUMENT_ROOT"]).rglob("*") if p.is_file()]
    assert len(files) == 1
    from storefront.sellers.models import SellerDocument
    with app.app_context():
        document_id = db.session.scalar(sa.select(SellerDocument.id))
    assert client.post(f"/penjual/dokumen/{document_id}/hapus").status_code == 302
    assert not files[0].exists()
