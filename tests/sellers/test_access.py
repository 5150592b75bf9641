"""Access to every seller, verification and curation route: anonymous, each role, and a second
seller who must get 404 for the first seller's documents, products and photos."""
from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from PIL import Image

from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.listings.models import Product
from storefront.listings.workflow import ProductStatus
from storefront.sellers.models import DocumentKind, SellerDocument
from storefront.sellers.workflow import SellerStatus
from tests.helpers.page_forms import decide

SELLER_PAGES = ["/penjual", "/penjual/profil", "/penjual/dokumen", "/penjual/produk/", "/penjual/produk/baru"]
DINAS_PAGES = ["/dinas/verifikasi/", "/dinas/kurasi/"]
ALL_ROLES = list(Role)


@pytest.fixture
def world(app, make, login):
    """Seller A with a document and a draft product with a photo; seller B; clients per role."""
    make.reference("medan")
    owner = make.user(Role.SELLER)
    seller = make.seller(SellerStatus.SUBMITTED, owner=owner)
    product = make.product(seller, status=ProductStatus.IN_REVIEW)
    client_a = login(owner)
    photo = io.BytesIO()
    Image.new("RGB", (640, 480), "green").save(photo, "JPEG")
    photo.seek(0)
    with app.app_context():
        db.session.execute(sa.update(Product).where(Product.id == product.id).values(status=ProductStatus.DRAFT))
        db.session.commit()
    client_a.post(f"/penjual/produk/{product.id}/foto", data={"photo": (photo, "a.jpg"), "alt_text": "depan"},
                  content_type="multipart/form-data")
    with app.app_context():
        db.session.add(SellerDocument(seller_id=seller.id, kind=DocumentKind.NIB, number=seller.nib,
                                      file_key="ab/" + "a" * 64 + ".pdf", content_type="application/pdf"))
        db.session.execute(sa.update(Product).where(Product.id == product.id).values(status=ProductStatus.IN_REVIEW))
        db.session.commit()
        document_id = db.session.scalar(sa.select(SellerDocument.id))
    photo_url = client_a.get(f"/penjual/produk/{product.id}/foto").text.split('src="/media/')[1].split('"')[0]
    other = make.user(Role.SELLER)
    make.seller(SellerStatus.VERIFIED, owner=other)
    return {"seller": seller, "product": product, "document_id": document_id, "photo": "/media/" + photo_url,
            "a": client_a, "b": login(other), "make": make, "login": login}


def client_for(world, role: Role):
    return world["login"](world["make"].user(role))


def test_anonymous_is_sent_to_login_everywhere(client, world):
    product_id = world["product"].id
    for url in SELLER_PAGES + DINAS_PAGES + [f"/penjual/produk/{product_id}", f"/dinas/kurasi/produk/{product_id}",
                                             f"/dinas/verifikasi/penjual/{world['seller'].id}"]:
        response = client.get(url)
        assert response.status_code == 302 and "/masuk" in response.headers["Location"], url
    assert client.get(world["photo"]).status_code == 404


@pytest.mark.parametrize("role", ALL_ROLES)
def test_seller_pages_are_for_sellers_only(world, role):
    client = client_for(world, role)
    for url in SELLER_PAGES:
        status = client.get(url).status_code
        # A seller account without a business has nothing to show: 404, not someone else's data.
        assert status == (404 if role is Role.SELLER and url != "/penjual/produk/baru" else
                          404 if role is Role.SELLER else 403), (url, status)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_dinas_pages_by_role(world, role):
    client = client_for(world, role)
    readers = {Role.VERIFIER, Role.ADMIN, Role.AUDITOR}
    urls = DINAS_PAGES + [f"/dinas/verifikasi/penjual/{world['seller'].id}",
                          f"/dinas/kurasi/produk/{world['product'].id}",
                          f"/dinas/verifikasi/dokumen/{world['document_id']}"]
    for url in urls[:-1]:
        assert client.get(url).status_code == (200 if role in readers else 403), (role, url)
    # The document row points to no stored file here: readers get 404, others 403.
    assert client.get(urls[-1]).status_code == (404 if role in readers else 403)
    decisions = [(f"/dinas/verifikasi/penjual/{world['seller'].id}", {"action": "approve"}),
                 (f"/dinas/kurasi/produk/{world['product'].id}", {"action": "approve"})]
    for url, data in decisions:
        response = decide(client, url, data)
        assert response.status_code == (302 if role is Role.VERIFIER else 403), (role, url)


def test_only_the_verifier_decides_and_the_auditor_changes_nothing(app, world):
    auditor = client_for(world, Role.AUDITOR)
    decide(auditor, f"/dinas/verifikasi/penjual/{world['seller'].id}", {"action": "approve"})
    decide(auditor, f"/dinas/kurasi/produk/{world['product'].id}", {"action": "approve"})
    with app.app_context():
        assert db.session.get(Product, world["product"].id).status is ProductStatus.IN_REVIEW
        from storefront.sellers.models import Seller
        assert db.session.get(Seller, world["seller"].id).status is SellerStatus.SUBMITTED


def test_second_seller_gets_404_for_the_first_sellers_things(app, world):
    b, product_id, document_id = world["b"], world["product"].id, world["document_id"]
    for url in (f"/penjual/produk/{product_id}", f"/penjual/produk/{product_id}/foto",
                f"/penjual/dokumen/{document_id}/berkas", world["photo"]):
        assert b.get(url).status_code == 404, url
    for url in (f"/penjual/produk/{product_id}", f"/penjual/produk/{product_id}/ajukan",
                f"/penjual/produk/{product_id}/tarik", f"/penjual/produk/{product_id}/foto",
                f"/penjual/produk/{product_id}/foto/0", f"/penjual/dokumen/{document_id}/hapus"):
        assert b.post(url, data={"operation": "remove", "name": "Dicuri", "price": "1"}).status_code == 404, url
    with app.app_context():
        product = db.session.get(Product, product_id)
        assert product.name.startswith("Produk Uji") and product.status is ProductStatus.IN_REVIEW
        assert db.session.get(SellerDocument, document_id) is not None
    assert world["a"].get(world["photo"]).status_code == 200


def test_verifier_sees_the_draft_photo_and_the_public_does_not(world, client):
    assert client_for(world, Role.VERIFIER).get(world["photo"]).status_code == 200
    assert client_for(world, Role.PEMESAN).get(world["photo"]).status_code == 404
