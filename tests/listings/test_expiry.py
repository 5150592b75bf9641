"""check-expiry flags ended documents and suspends products whose P-IRT ended, idempotently."""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from storefront.extensions import db
from storefront.listings.models import Product, ProductEvent
from storefront.listings.workflow import ProductStatus
from storefront.reference.models import Category, Unit
from storefront.sellers.halal.statuses import HalalStatus
from storefront.sellers.models import DocumentKind, Seller, SellerDocument
from storefront.sellers.workflow import SellerStatus


def seed(app, make):
    make.reference("medan")
    seller = make.seller(SellerStatus.VERIFIED)
    with app.app_context():
        category = db.session.scalar(sa.select(Category.id).where(Category.slug == "makanan-ringan"))
        unit = db.session.scalar(sa.select(Unit.id).where(Unit.code == "bungkus"))
        common = dict(seller_id=seller.id, category_id=category, unit_id=unit, price=18000, capacity_per_day=50,
                      halal_status=HalalStatus.IN_PROCESS, status=ProductStatus.PUBLISHED)
        db.session.add_all([
            Product(name="Keripik lama", pirt_number="206127101000125", **common),   # ends 2025
            Product(name="Keripik baru", pirt_number="206127101000130", **common),   # ends 2030
            Product(name="Keripik draf", pirt_number="206127101000125", **{**common, "status": ProductStatus.DRAFT}),
        ])
        db.session.add_all([
            SellerDocument(seller_id=seller.id, kind=DocumentKind.SLHS, number="SLHS-01", expires_on=date(2026, 1, 31),
                           file_key="x.pdf", content_type="application/pdf"),
            SellerDocument(seller_id=seller.id, kind=DocumentKind.NIB, number="9000000000001", file_key="y.pdf",
                           content_type="application/pdf"),
        ])
        db.session.commit()


def statuses(app) -> dict:
    with app.app_context():
        return dict(db.session.execute(sa.select(Product.name, Product.status)).all())


def test_check_expiry_suspends_and_flags_once(app, make):
    seed(app, make)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["sellers", "check-expiry", "--today", "2026-11-22"])
    assert result.exit_code == 0, result.output
    assert "1 dokumen ditandai kedaluwarsa, 1 produk dibekukan" in result.output
    assert statuses(app) == {"Keripik lama": ProductStatus.SUSPENDED, "Keripik baru": ProductStatus.PUBLISHED,
                             "Keripik draf": ProductStatus.DRAFT}
    with app.app_context():
        event = db.session.scalar(sa.select(ProductEvent))
        assert (event.actor_id, event.actor_role, event.action) == (None, "system", "suspend")
        assert "206127101000125" in event.reason
        flagged = db.session.scalars(sa.select(SellerDocument.kind).where(
            SellerDocument.flagged_expired_at.is_not(None))).all()
        assert flagged == [DocumentKind.SLHS]
    again = runner.invoke(args=["sellers", "check-expiry", "--today", "2026-11-22"])
    assert "0 dokumen ditandai kedaluwarsa, 0 produk dibekukan" in again.output
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(ProductEvent)) == 1


def test_a_suspended_product_is_visible_to_its_seller_as_a_thing_to_fix(app, make, login):
    seed(app, make)
    app.test_cli_runner().invoke(args=["sellers", "check-expiry", "--today", "2026-11-22"])
    with app.app_context():
        owner_id = db.session.scalar(sa.select(Seller.owner_id))
    with app.app_context():
        from storefront.accounts.models import User
        owner = db.session.get(User, owner_id)
        db.session.expunge(owner)
    page = login(owner).get("/penjual").text
    assert "Keripik lama" in page and "Diminta diperbaiki" in page
