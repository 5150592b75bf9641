"""A small procurement world: one OPD with its pemesan, PPK and bendahara, another OPD, two
verified sellers with public products, and helpers to submit a cart and walk a request."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

import pytest
import sqlalchemy as sa

from storefront.accounts.models import User
from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.procurement import ordering, services
from storefront.procurement.models import PurchaseRequest
from storefront.procurement.services import StepData
from storefront.procurement.workflow import Party, RequestAction
from storefront.reference.models import Kecamatan


@dataclass
class Shop:
    opd: object
    other_opd: object
    pemesan: User
    ppk: User
    bendahara: User
    seller: object
    seller_owner: User
    other_seller: object
    products: list
    other_product: object
    kecamatan_id: int


@pytest.fixture
def shop(app, make) -> Shop:
    make.reference("medan")
    opd, other_opd = make.opd("Dinas Uji Pengadaan"), make.opd("Dinas Tetangga")
    owner = make.user(Role.SELLER)
    seller = make.seller(owner=owner, business_name="Dapur Bika Uji", whatsapp="6281234567890")
    other_seller = make.seller(business_name="Kopi Johor Uji")
    products = [make.product(seller, name="Bika Ambon Pandan", price=45_000, min_order=2, capacity_per_day=30,
                             lead_time_days=1),
                make.product(seller, name="Lapis Legit", price=120_000, stock=10, capacity_per_day=None)]
    other_product = make.product(other_seller, name="Kopi Robusta", price=60_000)
    with app.app_context():
        kecamatan_id = db.session.scalar(sa.select(Kecamatan.id).order_by(Kecamatan.id))
    return Shop(opd=opd, other_opd=other_opd, pemesan=make.user(Role.PEMESAN, opd=opd),
                ppk=make.user(Role.PPK, opd=opd), bendahara=make.user(Role.BENDAHARA, opd=opd), seller=seller,
                seller_owner=owner, other_seller=other_seller, products=products, other_product=other_product,
                kecamatan_id=kecamatan_id)


def checkout(shop: Shop, **changes) -> ordering.Checkout:
    values = dict(ppk_id=shop.ppk.id, kode_rekening="5.1.02.01.01.0052", rup_code="12345678", fiscal_year=2026,
                  delivery_address="Jl. Kapten Maulana Lubis No. 2", delivery_kecamatan_id=shop.kecamatan_id,
                  recipient_name="Bu Sari", recipient_phone="0812 3456 7890",
                  needed_on=date.today() + timedelta(days=7), window_start=time(8), window_end=time(10))
    return ordering.Checkout(**(values | changes))


def submit(app, shop: Shop, lines: dict, key: str = "kunci-uji-0001-aaaa", **changes) -> list[int]:
    """Fill the pemesan's cart with {product: quantity} and submit it; the new request ids."""
    with app.test_request_context():
        user = db.session.get(User, shop.pemesan.id)
        for product, quantity in lines.items():
            ordering.add(user, product.id, quantity)
        made = ordering.submit(user, checkout(shop, **changes), key)
        db.session.commit()
        return [request.id for request in made]


def step(app, request_id: int, action: RequestAction, user: User | None, party: Party, **data) -> None:
    reason = data.pop("reason", "")
    reason_code = data.pop("reason_code", "")
    with app.test_request_context():
        request = db.session.get(PurchaseRequest, request_id)
        actor = db.session.get(User, user.id) if user is not None else None
        services.act(request, action, actor=actor, party=party, reason=reason, reason_code=reason_code,
                     data=StepData(**data))
        db.session.commit()


def walk_to_bast(app, shop: Shop, request_id: int) -> None:
    """Take a submitted request through the real services to its signed BAST."""
    for action, user, party, data in [(RequestAction.APPROVE, shop.ppk, Party.PPK, {"sp_number": "027/88/SP/2026"}),
                                      (RequestAction.ACCEPT, shop.seller_owner, Party.SELLER, {}),
                                      (RequestAction.SHIP, shop.seller_owner, Party.SELLER, {}),
                                      (RequestAction.RECEIVE, shop.pemesan, Party.PEMESAN, {}),
                                      (RequestAction.INSPECT, shop.ppk, Party.PPK, {}),
                                      (RequestAction.SIGN_BAST, shop.ppk, Party.PPK,
                                       {"bast_number": "027/88/BAST/2026"})]:
        step(app, request_id, action, user, party, **data)


def status_of(app, request_id: int):
    with app.app_context():
        return db.session.get(PurchaseRequest, request_id).status
