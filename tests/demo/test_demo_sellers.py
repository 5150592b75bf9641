"""The demo sellers and products (storefront/demo/sellers.py): every status, the Medan spread, real
photos and events, the four demo seller accounts, fake-but-valid numbers, and idempotence.

The seed runs once per run (it draws and processes some 60 photos: the `demo` fixture); the tests
only read a copy of it, except the last, which runs the seed again and expects nothing to change.
"""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from storefront import create_app
from storefront.accounts.models import User
from storefront.demo import seed
from storefront.demo.businesses import BUSINESSES, EMPTY_KECAMATAN
from storefront.extensions import db
from storefront.listings.models import Product, ProductEvent, ProductPhoto, ProductPriceHistory, ProductRevision
from storefront.listings.workflow import ProductStatus, RevisionStatus
from storefront.media.models import MediaImage
from storefront.media.storage import get_storage
from storefront.reference.models import Kecamatan
from storefront.sellers.identifiers.business import validate_nib
from storefront.sellers.identifiers.contact import format_phone
from storefront.sellers.identifiers.permits import (
    halal_number_warnings,
    pirt_end_year,
    pirt_region_code,
    pirt_warnings,
    validate_bpom,
    validate_halal_number,
)
from storefront.sellers.models import Seller, SellerEvent
from storefront.sellers.workflow import SellerStatus
from storefront.timeutil import utcnow
from tests import database
from tests.app_setup import base_config, sign_in

SELLER_ACCOUNTS = [a for a in seed.DEMO_ACCOUNTS if a.role.value == "seller"]


@pytest.fixture(scope="module")
def seeded(database_url, tmp_path_factory, demo):
    app = create_app(base_config(database_url, tmp_path_factory.mktemp("demo-sellers")))
    database.load(app, demo)  # the demo seed, made once per run (tests/conftest.py)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def session(seeded):
    with seeded.app_context():
        yield db.session
        db.session.rollback()


def test_every_seller_status_and_every_product_status_occurs(session):
    assert set(session.scalars(sa.select(Seller.status))) == set(SellerStatus)
    assert set(session.scalars(sa.select(Product.status))) == set(ProductStatus)
    assert all(session.scalars(sa.select(Seller.is_demo))) and all(session.scalars(sa.select(Product.is_demo)))


def test_twenty_sellers_across_the_city_and_medan_timur_left_empty(session):
    rows = session.execute(sa.select(Seller.business_name, Kecamatan.name).join(Kecamatan)).all()
    assert len(rows) >= 20
    assert len({kecamatan for _, kecamatan in rows}) >= 19
    assert EMPTY_KECAMATAN == "Medan Timur" and "Medan Timur" not in {kecamatan for _, kecamatan in rows}
    assert {name for name, _ in rows} >= {b.name for b in BUSINESSES}


def test_every_published_product_has_a_verified_seller_and_stored_photos(session, seeded):
    storage = get_storage(seeded)
    published = session.scalars(sa.select(Product).where(Product.status == ProductStatus.PUBLISHED).options(
        selectinload(Product.seller),
        selectinload(Product.photos).selectinload(ProductPhoto.image).selectinload(MediaImage.derivatives))).all()
    assert len(published) >= 20  # the catalog looks alive
    for product in published:
        assert product.seller.status is SellerStatus.VERIFIED, product.name
        assert 1 <= len(product.photos) <= 3, product.name
        assert sum(photo.is_primary for photo in product.photos) == 1
        for photo in product.photos:
            assert photo.alt_text.split()[0] in ("Kemasan", "Label", "Tampak"), photo.alt_text
            assert len(photo.image.derivatives) >= 2
            for derivative in photo.image.derivatives:
                assert storage.exists(derivative.key), derivative.key
        assert product.claims_verified_at is not None and product.published_at is not None
    first = next(p for p in published if p.name == "Bika ambon pandan")
    assert first.photos[0].alt_text == "Kemasan depan bika ambon pandan"


def test_the_four_demo_seller_accounts_own_verified_businesses_with_published_products(seeded):
    expected = {"penjual.bika@etalase.example": "Dapur Bika Tiga Saudara",
                "penjual.katering@etalase.example": "Katering Berkah Amplas",
                "penjual.ulos@etalase.example": "Tenun Ulos Boru Hasian",
                "penjual.batik@etalase.example": "Batik Medan Kembang Durian"}
    assert {a.email for a in SELLER_ACCOUNTS} == set(expected)
    published = {}
    with seeded.app_context():
        for email, business in expected.items():
            seller = db.session.scalar(sa.select(Seller).join(User, Seller.owner_id == User.id)
                                       .where(User.email == email))
            assert seller is not None and seller.business_name == business
            assert seller.status is SellerStatus.VERIFIED
            published[email] = db.session.scalars(sa.select(Product.name).where(
                Product.seller_id == seller.id, Product.status == ProductStatus.PUBLISHED)).all()
            assert published[email], business
    # Signed in (no app context pushed here: a request would reuse it and its signed-in user).
    for email, names in published.items():
        client = seeded.test_client()
        assert sign_in(client, email, seed.DEMO_PASSWORD).status_code == 302
        page = client.get("/penjual/produk/")
        assert page.status_code == 200 and all(name in page.text for name in names), email


def test_owner_accounts_sign_in_and_the_invited_business_has_no_owner(seeded):
    with seeded.app_context():
        invited = db.session.scalar(sa.select(Seller).where(Seller.status == SellerStatus.INVITED))
        assert invited.owner_id is None and invited.invitation_code
        owners = set(db.session.scalars(sa.select(User.email).join(Seller, Seller.owner_id == User.id)))
    assert {a.email for a in seed.SELLER_ACCOUNTS} <= owners
    assert sign_in(seeded.test_client(), seed.SELLER_ACCOUNTS[0].email, seed.DEMO_PASSWORD).status_code == 302


def test_decisions_are_real_events_by_the_demo_verifier(session):
    verifier_id = session.scalar(sa.select(User.id).where(User.email == seed.VERIFIER_EMAIL))
    decisions = session.execute(sa.select(SellerEvent.action, SellerEvent.actor_id, SellerEvent.reason,
                                          SellerEvent.field_reasons)
                                .where(SellerEvent.action.in_(["approve", "reject", "request_revision",
                                                               "suspend"]))).all()
    assert {action for action, *_ in decisions} == {"approve", "reject", "request_revision", "suspend"}
    assert all(actor == verifier_id for _, actor, _, _ in decisions)
    assert all(reason for action, _, reason, _ in decisions if action != "approve")
    assert any(fields for action, _, _, fields in decisions if action == "request_revision")
    # Every seller's status is where its events lead.
    for seller in session.scalars(sa.select(Seller)):
        last = session.scalar(sa.select(SellerEvent.to_status).where(SellerEvent.seller_id == seller.id)
                              .order_by(SellerEvent.id.desc()).limit(1))
        assert last == seller.status.value, seller.business_name
    for product in session.scalars(sa.select(Product).where(Product.status != ProductStatus.DRAFT)):
        last = session.scalar(sa.select(ProductEvent.to_status).where(ProductEvent.product_id == product.id)
                              .order_by(ProductEvent.id.desc()).limit(1))
        assert last == product.status.value, product.name


def test_a_live_price_change_waits_and_an_earlier_one_is_in_the_history(session):
    pending = session.scalars(sa.select(ProductRevision).where(ProductRevision.status == RevisionStatus.IN_REVIEW)
                              .options(selectinload(ProductRevision.product))).all()
    assert any(r.product.status is ProductStatus.PUBLISHED and r.changes.get("price", 0) > r.product.price
               for r in pending)
    repriced = session.execute(sa.select(ProductPriceHistory.product_id).group_by(ProductPriceHistory.product_id)
                               .having(sa.func.count() > 1)).all()
    assert repriced
    unpriced = session.scalar(sa.select(sa.func.count()).select_from(Product).where(
        Product.published_at.is_not(None), ~Product.id.in_(sa.select(ProductPriceHistory.product_id))))
    assert unpriced == 0  # every product that was ever published has its price recorded


def test_identifiers_are_valid_and_obviously_fake(session):
    today = utcnow().date()
    for seller in session.scalars(sa.select(Seller)):
        assert validate_nib(seller.nib).startswith("90000000000")
        assert format_phone(seller.whatsapp).startswith("0812-0000-00")
    for product in session.scalars(sa.select(Product)):
        if product.halal_certificate_number:
            number = validate_halal_number(product.halal_certificate_number)
            assert number.startswith("ID12110000000") and halal_number_warnings(number) == []
        if product.pirt_number:
            assert pirt_region_code(product.pirt_number) == "1271"
            assert pirt_warnings(product.pirt_number, city_code="12.71", today=today) == []
            assert pirt_end_year(product.pirt_number) > today.year
        if product.bpom_number:
            assert validate_bpom(product.bpom_number).startswith("MD00000")


def test_demo_documents_are_frozen_as_issued_and_verify(seeded):
    """Every demo Surat Pesanan and BAST was issued through the real services, so it is frozen and
    its QR link verifies (issue 10, point 4)."""
    from storefront.procurement import issuance
    from storefront.procurement.models import PurchaseRequest

    with seeded.app_context():
        requests = db.session.scalars(sa.select(PurchaseRequest).order_by(PurchaseRequest.id)).all()
        links = []
        for request in requests:
            for kind, number in (("sp", request.sp_number), ("bast", request.bast_number)):
                if number:
                    record = issuance.current(request, kind)
                    assert record is not None and record.number == number, (request.number, kind)
                    links.append(f"/verifikasi/{kind}/{request.id}/{record.digest}")
    assert len(links) >= 15
    client = seeded.test_client()
    for link in links:
        assert 'data-testid="verified"' in client.get(link).text, link


def test_running_the_seed_again_changes_nothing(seeded):
    storage = get_storage(seeded)

    def snapshot():
        with seeded.app_context():
            counts = {table.name: db.session.scalar(sa.select(sa.func.count()).select_from(table))
                      for table in db.metadata.sorted_tables}
        return counts, set(storage.iter_keys())

    before = snapshot()
    with seeded.app_context():
        seed.seed_demo("medan")
        db.session.commit()
    assert snapshot() == before
    assert before[0]["sellers"] >= 20 and before[0]["product_photos"] >= before[0]["products"]
