"""catalog_entries, the read model of the results pages, follows every change that matters:
after each committed change the rows equal a rebuild from scratch, and hold exactly the public
products (published, of a verified seller)."""
from __future__ import annotations

import pytest
import sqlalchemy as sa

from storefront.accounts.models import User
from storefront.accounts.roles import Role
from storefront.catalog import entries
from storefront.catalog.models import CatalogEntry
from storefront.extensions import db
from storefront.listings.models import Product, ProductPhoto
from storefront.listings.visibility import public_product_filter
from storefront.listings.workflow import ProductStatus
from storefront.reference.models import Category, Unit
from storefront.sellers import services as seller_services
from storefront.sellers.halal.statuses import HalalStatus
from storefront.sellers.models import Seller
from storefront.sellers.workflow import Party, SellerAction, SellerStatus

BPJPH = "ID12110000123450724"


def stored() -> dict[int, dict]:
    rows = db.session.execute(sa.select(CatalogEntry.__table__)).mappings().all()
    return {row["product_id"]: dict(row) for row in rows}


def rebuilt() -> dict[int, dict]:
    """What a rebuild from the live rows gives, without touching the table."""
    rows = entries.entry_rows(db.session.connection(), sa.true())
    return {row["product_id"]: row for row in rows}


def public_ids() -> set[int]:
    return set(db.session.scalars(sa.select(Product.id).join(Product.seller).where(public_product_filter())))


def assert_current(app) -> None:
    with app.app_context():
        have, want = stored(), rebuilt()
        assert set(have) == set(want) == public_ids()
        for product_id, row in want.items():
            assert {key: have[product_id][key] for key in row} == row, product_id


@pytest.fixture
def catalog(app, make):
    make.reference("medan")
    seller = make.seller(business_name="Dapur Bika")
    other = make.seller(business_name="Kopi Johor")
    shown = make.product(seller, name="Bika Ambon Pandan", halal_status=HalalStatus.CERTIFIED_REGULAR,
                         halal_certificate_number=BPJPH, price=45000)
    make.photo(shown)
    make.product(seller, name="Bika Ambon Draf", status=ProductStatus.DRAFT)
    coffee = make.product(other, name="Kopi Robusta Johor")
    make.product(make.seller(SellerStatus.SUSPENDED), name="Kopi Tersembunyi")
    assert_current(app)
    return seller, other, shown, coffee


def test_a_new_product_and_its_photo_appear_with_what_the_card_shows(app, make, catalog):
    seller, _, shown, _ = catalog
    with app.app_context():
        entry = db.session.get(CatalogEntry, shown.id)
        assert (entry.name, entry.slug, entry.price, entry.seller_name) == (
            "Bika Ambon Pandan", "bika-ambon-pandan", 45000, "Dapur Bika")
        assert entry.halal_badge and entry.photo_alt == "Kemasan depan"
        assert [width for width, _ in entry.photo] == sorted(width for width, _ in entry.photo) and entry.photo


def test_the_primary_photo_is_the_one_marked_else_the_first(app, make, catalog):
    _, _, shown, _ = catalog
    second = make.photo(shown, primary=False, alt_text="Kemasan belakang", colour=(10, 200, 10))
    with app.app_context():
        assert db.session.get(CatalogEntry, shown.id).photo_alt == "Kemasan depan"
        for photo in db.session.scalars(sa.select(ProductPhoto).where(ProductPhoto.product_id == shown.id)):
            photo.is_primary = photo.id == second.id
        db.session.commit()
        assert db.session.get(CatalogEntry, shown.id).photo_alt == "Kemasan belakang"
    assert_current(app)


def test_suspending_a_seller_removes_every_product_and_reinstating_returns_them(app, make, catalog):
    seller, _, shown, _ = catalog
    verifier = make.user(Role.VERIFIER)
    with app.app_context():
        seller_services.act(db.session.get(Seller, seller.id), SellerAction.SUSPEND,
                            actor=db.session.get(User, verifier.id), party=Party.VERIFIER, reason="Izin dicabut")
        db.session.commit()
        assert db.session.get(CatalogEntry, shown.id) is None
    assert_current(app)
    with app.app_context():
        seller_services.act(db.session.get(Seller, seller.id), SellerAction.REINSTATE,
                            actor=db.session.get(User, verifier.id), party=Party.VERIFIER, reason="Izin berlaku")
        db.session.commit()
        assert db.session.get(CatalogEntry, shown.id) is not None
    assert_current(app)


@pytest.mark.parametrize("change", ["unpublish", "rename", "reprice", "seller_renamed", "unit_renamed",
                                    "category_renamed", "photo_removed", "deleted"])
def test_each_change_is_followed(app, catalog, change):
    seller, _, shown, coffee = catalog
    with app.app_context():
        product = db.session.get(Product, shown.id)
        if change == "unpublish":
            product.status = ProductStatus.UNPUBLISHED
        elif change == "rename":
            product.name = "Bika Ambon Keju Spesial"
        elif change == "reprice":
            product.price = 52000
        elif change == "seller_renamed":
            db.session.get(Seller, seller.id).business_name = "Dapur Bika Baru"
        elif change == "unit_renamed":
            db.session.get(Unit, product.unit_id).name_id = "kotak besar"
        elif change == "category_renamed":  # the category's names are search terms of its products
            db.session.get(Category, product.category_id).name_id = "Jajanan pasar tradisional"
        elif change == "photo_removed":
            for photo in db.session.scalars(sa.select(ProductPhoto).where(ProductPhoto.product_id == shown.id)):
                db.session.delete(photo)
        elif change == "deleted":
            db.session.delete(db.session.get(Product, coffee.id))
        db.session.commit()
    assert_current(app)


def test_a_rolled_back_change_leaves_the_entries_as_they_were(app, catalog):
    _, _, shown, _ = catalog
    with app.app_context():
        before = stored()
        db.session.get(Product, shown.id).status = ProductStatus.SUSPENDED
        db.session.flush()
        assert shown.id not in stored()  # the flush already rebuilt it, inside the transaction
        db.session.rollback()
        assert stored() == before


def test_rebuild_all_restores_entries_written_around(app, catalog):
    with app.app_context():
        before = stored()
        db.session.execute(CatalogEntry.__table__.delete())
        assert stored() == {}
        assert entries.rebuild_all(db.session.connection()) == len(before)
        assert stored() == before


def test_card_addresses_are_those_url_for_builds(app, catalog):
    """Cards build their links from a per-request prefix; they must equal url_for's."""
    from flask import url_for

    from storefront.catalog.urls import entry_url
    from storefront.media.views import media_url

    _, _, shown, _ = catalog
    with app.test_request_context("/produk"):
        entry = db.session.get(CatalogEntry, shown.id)
        assert entry_url(entry) == url_for("catalog.product", product_id=shown.id, slug=entry.slug)
        for _, key in entry.photo:
            assert media_url(key) == url_for("media.serve", key=key)
