"""A listing from draft to published, then a material edit reviewed while the old version stays live."""
from __future__ import annotations

import io
import re

import sqlalchemy as sa
from PIL import Image

from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.listings.models import Product, ProductPriceHistory, ProductRevision
from storefront.listings.workflow import ProductStatus, RevisionStatus
from storefront.reference.models import Category, Unit
from storefront.sellers.halal.statuses import HalalStatus
from storefront.sellers.workflow import SellerStatus
from tests.helpers.page_forms import decide


def jpeg(color="red"):
    buffer = io.BytesIO()
    Image.new("RGB", (900, 700), color).save(buffer, "JPEG")
    buffer.seek(0)
    return buffer


def reference_ids(app):
    with app.app_context():
        category = db.session.scalar(sa.select(Category.id).where(Category.slug == "kue-roti"))
        unit = db.session.scalar(sa.select(Unit.id).where(Unit.code == "loyang"))
    return category, unit


def product_form(category, unit, **changes):
    data = {"name": "Bika ambon pandan", "category_id": str(category), "description": "Loyang 20×20 cm",
            "price": "75000", "unit_id": str(unit), "min_order": "1", "capacity_per_day": "30",
            "lead_time_days": "1", "delivery_area": "city", "halal_status": "certified_self_declare",
            "halal_certificate_number": "ID12110000012340925", "halal_out_of_scope_reason": ""}
    data.update(changes)
    return data


def test_listing_lifecycle_with_a_material_edit(app, make, login):
    make.reference("medan")
    owner = make.user(Role.SELLER)
    make.seller(SellerStatus.VERIFIED, owner=owner)
    seller_client = login(owner)
    category, unit = reference_ids(app)

    response = seller_client.post("/penjual/produk/baru", data=product_form(category, unit))
    assert response.status_code == 302, response.text
    with app.app_context():
        product_id = db.session.scalar(sa.select(Product.id))
    assert seller_client.post(f"/penjual/produk/{product_id}/ajukan").status_code == 302
    with app.app_context():
        assert db.session.get(Product, product_id).status is ProductStatus.DRAFT  # no photo yet

    response = seller_client.post(f"/penjual/produk/{product_id}/foto", data={
        "photo": (jpeg(), "kemasan.jpg"), "alt_text": "Kemasan depan"}, content_type="multipart/form-data")
    assert response.status_code == 302, response.text
    seller_client.post(f"/penjual/produk/{product_id}/ajukan")
    verifier = login(make.user(Role.VERIFIER))
    assert "Bika ambon pandan" in verifier.get("/dinas/kurasi/").text
    assert verifier.get(f"/dinas/kurasi/produk/{product_id}").status_code == 200
    response = decide(verifier, f"/dinas/kurasi/produk/{product_id}", {"action": "approve", "verified_claims": "y"})
    assert response.status_code == 302
    with app.app_context():
        product = db.session.get(Product, product_id)
        assert product.status is ProductStatus.PUBLISHED and product.claims_verified_at is not None

    # A price change of a live product waits for review; the capacity change applies at once.
    response = seller_client.post(f"/penjual/produk/{product_id}",
                                  data=product_form(category, unit, price="80000", capacity_per_day="50"))
    assert response.status_code == 302
    with app.app_context():
        product = db.session.get(Product, product_id)
        assert (product.price, product.capacity_per_day, product.status) == (75000, 50, ProductStatus.PUBLISHED)
        revision = db.session.scalar(sa.select(ProductRevision))
        assert revision.changes == {"price": 80000}
    assert "Perubahan produk yang tayang" in verifier.get("/dinas/kurasi/").text
    decide(verifier, f"/dinas/kurasi/produk/{product_id}", {"action": "approve_revision"})
    with app.app_context():
        assert db.session.get(Product, product_id).price == 80000
        assert db.session.scalar(sa.select(ProductRevision.status)) is RevisionStatus.APPROVED
        prices = db.session.scalars(sa.select(ProductPriceHistory.price).order_by(ProductPriceHistory.id)).all()
        assert prices == [75000, 80000]


def test_another_seller_gets_404_on_every_listing_url(app, make, login):
    make.reference("medan")
    owner = make.user(Role.SELLER)
    make.seller(SellerStatus.VERIFIED, owner=owner)
    category, unit = reference_ids(app)
    login(owner).post("/penjual/produk/baru", data=product_form(category, unit))
    with app.app_context():
        product_id = db.session.scalar(sa.select(Product.id))
    other = make.user(Role.SELLER)
    make.seller(SellerStatus.VERIFIED, owner=other)
    intruder = login(other)
    for url in (f"/penjual/produk/{product_id}", f"/penjual/produk/{product_id}/foto"):
        assert intruder.get(url).status_code == 404
    for url in (f"/penjual/produk/{product_id}", f"/penjual/produk/{product_id}/ajukan",
                f"/penjual/produk/{product_id}/foto/0"):
        assert intruder.post(url, data=product_form(category, unit, price="1", operation="remove")).status_code == 404
    with app.app_context():
        assert db.session.get(Product, product_id).price == 75000


def test_draft_photos_are_private_until_published(app, make, login, client):
    make.reference("medan")
    owner = make.user(Role.SELLER)
    make.seller(SellerStatus.VERIFIED, owner=owner)
    seller_client = login(owner)
    category, unit = reference_ids(app)
    seller_client.post("/penjual/produk/baru", data=product_form(category, unit))
    with app.app_context():
        product_id = db.session.scalar(sa.select(Product.id))
    seller_client.post(f"/penjual/produk/{product_id}/foto", data={
        "photo": (jpeg("blue"), "kemasan.jpg"), "alt_text": "Kemasan depan"}, content_type="multipart/form-data")
    page = seller_client.get(f"/penjual/produk/{product_id}/foto").text
    url = page.split('src="')[1].split('"')[0]
    assert url.startswith("/media/")
    assert seller_client.get(url).status_code == 200
    assert client.get(url).status_code == 404  # the public: a draft's photo does not exist
    other = make.user(Role.SELLER)
    make.seller(SellerStatus.VERIFIED, owner=other)
    assert login(other).get(url).status_code == 404
    seller_client.post(f"/penjual/produk/{product_id}/ajukan")
    decide(login(make.user(Role.VERIFIER)), f"/dinas/kurasi/produk/{product_id}", {"action": "approve"})
    public = client.get(url)
    assert public.status_code == 200
    assert "public" in public.headers["Cache-Control"] and "immutable" in public.headers["Cache-Control"]


def test_halal_badge_only_with_a_bpjph_number_and_only_for_public_products(app, make, client):
    make.reference("medan")
    seller = make.seller(SellerStatus.VERIFIED)
    make.product(seller, name="Bolu bersertifikat", halal_status=HalalStatus.CERTIFIED_REGULAR,
                 halal_certificate_number="ID12110000012340925")
    make.product(seller, name="Bolu dalam proses", halal_status=HalalStatus.IN_PROCESS)
    make.product(seller, name="Bolu MUI lama", halal_status=HalalStatus.LEGACY_MUI,
                 halal_certificate_number="01010012340998")
    make.product(seller, name="Bolu draf", status=ProductStatus.DRAFT, halal_status=HalalStatus.CERTIFIED_REGULAR,
                 halal_certificate_number="ID12110000012340926")
    make.product(make.seller(SellerStatus.SUSPENDED), name="Bolu penjual dibekukan")
    page = client.get("/").text
    cards = {card.split("</h3>")[0].rsplit(">", 1)[-1]: card for card in page.split('class="product-card"')[1:]}
    assert set(cards) == {"Bolu bersertifikat", "Bolu dalam proses", "Bolu MUI lama"}
    assert 'data-testid="halal-badge"' in cards["Bolu bersertifikat"]
    assert 'data-testid="halal-badge"' not in cards["Bolu dalam proses"]
    assert 'data-testid="halal-badge"' not in cards["Bolu MUI lama"]


def published_product(app, make, login):
    make.reference("medan")
    owner = make.user(Role.SELLER)
    seller = make.seller(SellerStatus.VERIFIED, owner=owner)
    category, unit = reference_ids(app)
    product = make.product(seller, name="Bika ambon pandan", category_id=category, unit_id=unit, price=75000,
                           description="Loyang 20×20 cm", capacity_per_day=30,
                           halal_status=HalalStatus.CERTIFIED_SELF_DECLARE,
                           halal_certificate_number="ID12110000012340925")
    return login(owner), product, category, unit


def test_unpublish_edit_republish_cannot_skip_curation(app, make, login):
    client, product, category, unit = published_product(app, make, login)
    client.post(f"/penjual/produk/{product.id}/tarik")
    client.post(f"/penjual/produk/{product.id}", data=product_form(category, unit, price="99000", name="Nama baru"))
    client.post(f"/penjual/produk/{product.id}/tayangkan")
    with app.app_context():
        live = db.session.get(Product, product.id)
        assert (live.status, live.price, live.name) == (ProductStatus.PUBLISHED, 75000, "Bika ambon pandan")
        revision = db.session.scalar(sa.select(ProductRevision))
        assert revision.status is RevisionStatus.IN_REVIEW
        assert revision.changes == {"price": 99000, "name": "Nama baru"}


def test_setting_a_field_back_withdraws_the_pending_change(app, make, login):
    client, product, category, unit = published_product(app, make, login)
    client.post(f"/penjual/produk/{product.id}", data=product_form(category, unit, price="80000"))
    client.post(f"/penjual/produk/{product.id}", data=product_form(category, unit, price="75000"))
    with app.app_context():
        assert db.session.scalar(sa.select(ProductRevision.status)) is RevisionStatus.WITHDRAWN


def test_changed_claims_lose_the_checked_label_unless_checked_again(app, make, login):
    client, product, category, unit = published_product(app, make, login)
    with app.app_context():
        db.session.execute(sa.update(Product).values(claims_verified_at=sa.func.current_timestamp()))
        db.session.commit()
    client.post(f"/penjual/produk/{product.id}", data=product_form(
        category, unit, halal_certificate_number="ID12110000012340926"))
    decide(login(make.user(Role.VERIFIER)), f"/dinas/kurasi/produk/{product.id}", {"action": "approve_revision"})
    with app.app_context():
        live = db.session.get(Product, product.id)
        assert live.halal_certificate_number == "ID12110000012340926"
        assert live.claims_verified_at is None


def test_the_curator_can_suspend_while_a_change_is_pending(app, make, login):
    client, product, category, unit = published_product(app, make, login)
    client.post(f"/penjual/produk/{product.id}", data=product_form(category, unit, price="80000"))
    response = decide(login(make.user(Role.VERIFIER)), f"/dinas/kurasi/produk/{product.id}",
                      {"action": "suspend", "reason": "Izin kedaluwarsa"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Product, product.id).status is ProductStatus.SUSPENDED


def test_the_edit_form_shows_the_pending_version(app, make, login):
    client, product, category, unit = published_product(app, make, login)
    client.post(f"/penjual/produk/{product.id}", data=product_form(category, unit, price="80000"))
    page = client.get(f"/penjual/produk/{product.id}").text
    assert re.search(r'name="price"[^>]*value="80\.000"', page)  # shown as rupiah are written
    assert "menunggu kurasi Dinas" in page
