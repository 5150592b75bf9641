"""Submitting the cart: one request per seller, the product frozen as ordered, every rule checked
with a clear message, and a refused or repeated submission changing nothing."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from storefront.accounts.models import User
from storefront.extensions import db
from storefront.listings.models import DeliveryArea, Product
from storefront.procurement import ordering
from storefront.procurement.models import CartItem, Notice, PurchaseRequest, RequestEvent, RequestItem
from storefront.procurement.workflow import RequestStatus
from storefront.timeutil import utcnow
from tests.procurement.conftest import checkout, submit


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_one_request_per_seller_with_the_products_frozen(app, shop):
    bika, legit = shop.products
    ids = submit(app, shop, {bika: 4, legit: 1, shop.other_product: 2})
    assert len(ids) == 2
    with app.app_context():
        requests = {r.seller_id: r for r in db.session.scalars(sa.select(PurchaseRequest))}
        mine = requests[shop.seller.id]
        items = db.session.scalars(sa.select(RequestItem).where(RequestItem.request_id == mine.id)
                                   .order_by(RequestItem.id)).all()
        assert [(i.name, i.quantity, i.unit_price) for i in items] == [("Bika Ambon Pandan", 4, 45_000),
                                                                        ("Lapis Legit", 1, 120_000)]
        assert mine.total == 4 * 45_000 + 120_000 and mine.status is RequestStatus.SUBMITTED
        assert mine.number.startswith(f"PP/{utcnow().year}/") and mine.respond_by > utcnow()
        assert count(CartItem) == 0
        assert db.session.scalar(sa.select(RequestEvent.action).where(RequestEvent.request_id == mine.id)) == "submit"
        assert db.session.scalar(sa.select(Notice.user_id).where(Notice.request_id == mine.id)) == shop.ppk.id
        # Later edits of the product change nothing ordered.
        product = db.session.get(Product, bika.id)
        product.name, product.price = "Bika Ambon Keju", 99_000
        db.session.commit()
        item = db.session.scalar(sa.select(RequestItem).where(RequestItem.product_id == bika.id))
        assert (item.name, item.unit_price) == ("Bika Ambon Pandan", 45_000)


def test_the_same_form_twice_makes_the_requests_once(app, shop):
    first = submit(app, shop, {shop.products[0]: 2}, key="kunci-ganda-12345678")
    with app.test_request_context():
        user = db.session.get(User, shop.pemesan.id)
        again = ordering.submit(user, checkout(shop), "kunci-ganda-12345678")
        db.session.commit()
        assert [r.id for r in again] == first and count(PurchaseRequest) == 1


@pytest.mark.parametrize("case", ["min_order", "lead_time", "capacity", "stock", "area", "cooling", "hidden"])
def test_each_rule_refuses_with_a_message_and_changes_nothing(app, shop, case):
    bika, legit = shop.products
    lines, changes = {bika: 2}, {}
    with app.app_context():
        if case == "min_order":
            lines = {bika: 1}
        elif case == "lead_time":
            db.session.get(Product, bika.id).lead_time_days = 10
        elif case == "capacity":
            lines = {bika: 31}
        elif case == "stock":
            lines = {legit: 11}
        elif case == "area":
            db.session.get(Product, bika.id).delivery_area = DeliveryArea.KECAMATAN
        elif case == "cooling":
            db.session.get(Product, bika.id).listed_or_repriced_at = utcnow() - timedelta(hours=2)
        db.session.commit()
    with app.test_request_context():
        user = db.session.get(User, shop.pemesan.id)
        for product, quantity in lines.items():
            ordering.add(user, product.id, quantity)
        db.session.commit()
        if case == "hidden":
            db.session.get(Product, bika.id).status = db.session.get(Product, bika.id).status.UNPUBLISHED
            db.session.commit()
        with pytest.raises(ordering.OrderError) as refused:
            ordering.submit(user, checkout(shop, **changes), f"kunci-{case}-123456789")
        db.session.rollback()
        assert count(PurchaseRequest) == 0 and count(CartItem) == len(lines)
    expected = {"min_order": "Pesanan minimum", "lead_time": "hari persiapan", "capacity": "Kapasitas",
                "stock": "Stok", "area": "tidak diantar", "cooling": "baru tayang", "hidden": "tidak tayang"}[case]
    assert expected in str(refused.value)


def test_only_a_ppk_of_the_same_opd_may_be_named(app, make, shop):
    stranger = make.user(shop.ppk.role, opd=shop.other_opd)
    with app.test_request_context():
        user = db.session.get(User, shop.pemesan.id)
        ordering.add(user, shop.products[0].id, 2)
        with pytest.raises(ordering.OrderError) as refused:
            ordering.submit(user, checkout(shop, ppk_id=stranger.id), "kunci-ppk-lain-12345")
    assert refused.value.problems[0][0] == "ppk_id"


def test_a_hidden_product_cannot_enter_the_cart(app, make, shop):
    draft = make.product(shop.seller, status=shop.products[0].status.DRAFT)
    with app.test_request_context():
        with pytest.raises(ordering.OrderError):
            ordering.add(db.session.get(User, shop.pemesan.id), draft.id, 1)


def test_a_date_in_the_past_is_refused(app, shop):
    with pytest.raises(ordering.OrderError):
        submit(app, shop, {shop.products[0]: 2}, needed_on=date.today() - timedelta(days=1))
