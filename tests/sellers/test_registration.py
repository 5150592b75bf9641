"""Registering: with the invitation code, or with the NIB and the WhatsApp number the Dinas has."""
from __future__ import annotations

import sqlalchemy as sa

from storefront.extensions import db
from storefront.sellers.models import Seller
from storefront.sellers.workflow import SellerStatus

NOT_FOUND = "Kode undangan tidak ditemukan, atau NIB dan nomor WhatsApp tidak cocok"


def form(code, whatsapp="", email="baru@uji.example"):
    return {"code": code, "whatsapp": whatsapp, "name": "Bu Rina", "email": email,
            "password": "bolu gulung keju", "confirm": "bolu gulung keju"}


def owner_of(app, seller_id):
    with app.app_context():
        return db.session.scalar(sa.select(Seller.owner_id).where(Seller.id == seller_id))


def test_code_works_with_dashes_spaces_and_lower_case(app, make, client):
    seller = make.seller(SellerStatus.INVITED, invitation_code="MDN-7K3P-Q9XA")
    assert client.post("/daftar", data=form(" mdn 7k3p q9xa ")).status_code == 302
    assert owner_of(app, seller.id) is not None


def test_nib_alone_is_not_enough(app, make, client):
    seller = make.seller(SellerStatus.INVITED, nib="9000000000901", whatsapp="6281200000901")
    response = client.post("/daftar", data=form("9000000000901"))
    assert response.status_code == 200 and NOT_FOUND in response.text
    wrong_phone = client.post("/daftar", data=form("9000000000901", whatsapp="0812 0000 0999"))
    assert NOT_FOUND in wrong_phone.text
    assert owner_of(app, seller.id) is None
    assert client.post("/daftar", data=form("9000000000901", whatsapp="0812-0000-0901")).status_code == 302
    assert owner_of(app, seller.id) is not None


def test_unknown_nib_and_entry_without_phone_answer_alike(app, make, client):
    make.seller(SellerStatus.INVITED, nib="9000000000902", whatsapp="")
    unknown = client.post("/daftar", data=form("9000000000999", whatsapp="081200000999"))
    no_phone = client.post("/daftar", data=form("9000000000902", whatsapp="081200000902"))
    assert NOT_FOUND in unknown.text and NOT_FOUND in no_phone.text


def test_a_used_invitation_cannot_be_claimed_again(app, make, client):
    seller = make.seller(SellerStatus.INVITED, invitation_code="MDN-AAAA-BBBB")
    client.post("/daftar", data=form("MDN-AAAA-BBBB"))
    first_owner = owner_of(app, seller.id)
    again = app.test_client().post("/daftar", data=form("MDN-AAAA-BBBB", email="lain@uji.example"))
    assert again.status_code == 200 and "sudah dipakai" in again.text
    assert owner_of(app, seller.id) == first_owner


def test_guessing_is_slowed_per_address(app, make, client):
    for n in range(20):
        assert client.post("/daftar", data=form(f"MDN-XXXX-{n:04d}")).status_code == 200
    assert client.post("/daftar", data=form("MDN-XXXX-9999")).status_code == 429
