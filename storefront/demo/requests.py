"""Demo purchase requests in every status, walked through the real services, so that each demo
role's inbox has work in it (the pemesan, PPK and bendahara of both demo OPDs, the demo sellers and
the verifier). Idempotent: nothing is added once any request exists.

The demo products are dated back a month first: a product listed a moment ago cannot be ordered
for 24 hours (the collusion guard), and the demo's products are meant to have been on sale for a while.
"""
from __future__ import annotations

from datetime import time, timedelta

import sqlalchemy as sa
from flask import current_app, has_request_context

from storefront import mail
from storefront.accounts.models import User
from storefront.extensions import db
from storefront.listings.models import DeliveryArea, Product
from storefront.procurement import clock, ordering, ratings, services
from storefront.procurement.models import PaymentMethod, PurchaseRequest
from storefront.procurement.services import StepData
from storefront.procurement.workflow import Party, RequestAction
from storefront.sellers.models import Seller
from storefront.timeutil import utcnow

OPDS = {"bappeda": "Badan Perencanaan Pembangunan Daerah", "johor": "Kecamatan Medan Johor"}
PROOF = ("ab/" + "ab" * 31 + ".pdf", "application/pdf")  # the demo has no real payment proofs

# (OPD, seller account, status wanted): every status, each inbox with something in it.
PLAN = (
    ("bappeda", "penjual.bika", "submitted"), ("bappeda", "penjual.bika", "approved"),
    ("bappeda", "penjual.katering", "countered"), ("bappeda", "penjual.bika", "accepted"),
    ("bappeda", "penjual.katering", "shipped"), ("bappeda", "penjual.ulos", "delivered"),
    ("bappeda", "penjual.bika", "nonconforming"), ("bappeda", "penjual.katering", "disputed"),
    ("bappeda", "penjual.batik", "inspected"), ("bappeda", "penjual.bika", "awaiting_payment"),
    ("bappeda", "penjual.bika", "paid"), ("bappeda", "penjual.katering", "completed"),
    ("bappeda", "penjual.ulos", "rejected"), ("bappeda", "penjual.batik", "declined"),
    ("bappeda", "penjual.bika", "cancelled"), ("bappeda", "penjual.katering", "expired"),
    ("bappeda", "penjual.batik", "terminated"),
    ("johor", "penjual.katering", "submitted"), ("johor", "penjual.katering", "approved"),
    ("johor", "penjual.ulos", "accepted"), ("johor", "penjual.bika", "shipped"),
    ("johor", "penjual.batik", "awaiting_payment"), ("johor", "penjual.batik", "paid"),
)
_TO_ACCEPTED = [(RequestAction.APPROVE, "ppk"), (RequestAction.ACCEPT, "seller")]
_TO_DELIVERED = _TO_ACCEPTED + [(RequestAction.SHIP, "seller"), (RequestAction.RECEIVE, "pemesan")]
_TO_INSPECTED = _TO_DELIVERED + [(RequestAction.INSPECT, "ppk")]
_TO_AWAITING = _TO_INSPECTED + [(RequestAction.SIGN_BAST, "ppk")]
_TO_NONCONFORMING = _TO_DELIVERED + [(RequestAction.REPORT_NONCONFORMING, "ppk")]
PATHS = {
    "submitted": [], "approved": [(RequestAction.APPROVE, "ppk")],
    "countered": [(RequestAction.APPROVE, "ppk"), (RequestAction.COUNTER, "seller")],
    "accepted": _TO_ACCEPTED, "shipped": _TO_ACCEPTED + [(RequestAction.SHIP, "seller")], "delivered": _TO_DELIVERED,
    "nonconforming": _TO_NONCONFORMING, "disputed": _TO_NONCONFORMING + [(RequestAction.DISPUTE, "seller")],
    "inspected": _TO_INSPECTED, "awaiting_payment": _TO_AWAITING,
    "paid": _TO_AWAITING + [(RequestAction.RECORD_PAYMENT, "bendahara")],
    "completed": _TO_AWAITING + [(RequestAction.RECORD_PAYMENT, "bendahara"),
                                 (RequestAction.CONFIRM_PAYMENT, "seller")],
    "rejected": [(RequestAction.REJECT, "ppk")],
    "declined": [(RequestAction.APPROVE, "ppk"), (RequestAction.DECLINE, "seller")],
    "cancelled": [(RequestAction.CANCEL, "pemesan")], "expired": [(RequestAction.EXPIRE, "system")],
    "terminated": _TO_ACCEPTED + [(RequestAction.TERMINATE, "ppk")],
}
PARTIES = {"ppk": Party.PPK, "seller": Party.SELLER, "pemesan": Party.PEMESAN, "bendahara": Party.BENDAHARA,
           "system": Party.SYSTEM}


def seed_demo_requests() -> int:
    """Make the PLAN's requests (once); returns how many were made. Flushes."""
    if db.session.scalar(sa.select(PurchaseRequest.id).limit(1)) is not None:
        return 0
    if not has_request_context():  # notices link to the request pages
        with current_app.test_request_context(base_url=current_app.config["BASE_URL"]):
            return seed_demo_requests()
    users = {user.email.split("@")[0]: user for user in db.session.scalars(sa.select(User))}
    products = _products()
    if not products or any(f"{role}.{opd}" not in users for opd in OPDS for role in ("pemesan", "ppk", "bendahara")):
        return 0  # another city's data, or the demo accounts are missing
    made = 0
    for number, (opd, seller_account, status) in enumerate(PLAN):
        product = products.get(seller_account)
        if product is None:
            continue
        people = {role: users[f"{role}.{opd}"] for role in ("pemesan", "ppk", "bendahara")}
        people["seller"] = users[seller_account]
        request = _submit(people["pemesan"], people["ppk"], product, number)
        for action, who in PATHS[status]:
            _step(request, action, people.get(who), PARTIES[who], number)
        made += 1
    if "completed" in {status for _, _, status in PLAN}:
        _rate_the_completed(users)
    db.session.info.pop(mail.OUTBOX, None)  # demo addresses get no email
    return made


def _products() -> dict[str, Product]:
    """One orderable product of each demo seller account (delivered city-wide), dated back a month,
    with room in its stock and capacity for the demo's orders."""
    rows = db.session.execute(
        sa.select(User.email, Product).join(Seller, Seller.id == Product.seller_id).join(User, User.id == Seller.owner_id)
        .where(Product.status == "published", Seller.status == "verified", Product.delivery_area == DeliveryArea.CITY)
        .order_by(Product.id)).all()
    chosen = {}
    for email, product in rows:
        chosen.setdefault(email.split("@")[0], product)
    month_ago = utcnow() - timedelta(days=30)
    for product in chosen.values():
        product.listed_or_repriced_at = min(product.listed_or_repriced_at or month_ago, month_ago)
        product.capacity_per_day = max(product.capacity_per_day or 0, 200)
        if product.stock is not None:
            product.stock = max(product.stock, 60)
    db.session.flush()
    return chosen


def _submit(pemesan, ppk, product, number) -> PurchaseRequest:
    ordering.add(pemesan, product.id, max(product.min_order, 2))
    checkout = ordering.Checkout(
        ppk_id=ppk.id, kode_rekening="5.1.02.01.01.0052", rup_code=f"{50_000_000 + number}", fiscal_year=2026,
        delivery_address="Jl. Kapten Maulana Lubis No. 2, Kantor Wali Kota Medan", delivery_kecamatan_id=_kecamatan(),
        recipient_name="Staf Umum", recipient_phone="0812 6000 1234",
        needed_on=clock.today_local() + timedelta(days=14 + number % 5), window_start=time(8), window_end=time(10),
        notes="Mohon dikemas rapi untuk rapat pimpinan.")
    (request,) = ordering.submit(pemesan, checkout, f"demo-{number:04d}-permintaan-pembelian")
    return request


def _kecamatan() -> int:
    from storefront.reference.models import Kecamatan
    return db.session.scalar(sa.select(Kecamatan.id).where(Kecamatan.name == "Medan Kota")
                             ) or db.session.scalar(sa.select(Kecamatan.id).order_by(Kecamatan.id))


def _step(request, action: RequestAction, actor, party: Party, number: int) -> None:
    if action is RequestAction.EXPIRE:
        request.respond_by = utcnow() - timedelta(minutes=1)
        services.expire_overdue()
        return
    data = StepData(sp_number=f"027/{100 + number}/SP/2026", bast_number=f"027/{100 + number}/BAST/2026",
                    note="Diantar dengan mobil boks pukul 07.30.", checklist={"quality_ok": False,
                                                                            "quantity_ok": True},
                    method=PaymentMethod.KKPD, paid_on=clock.today_local(), proof=PROOF,
                    quantities={item.id: item.quantity + 1 for item in services.line_items(request)},
                    prices={item.id: item.unit_price - 1_000 for item in services.line_items(request)})
    data.amount = services.payable(request) if action is RequestAction.RECORD_PAYMENT else None
    reasons = {RequestAction.REJECT: "Sudah ada pengadaan serupa bulan ini.",
               RequestAction.DECLINE: "Kapasitas produksi penuh minggu itu.",
               RequestAction.CANCEL: "Rapat ditunda.", RequestAction.COUNTER: "Harga bahan naik; jumlah ditambah satu.",
               RequestAction.REPORT_NONCONFORMING: "Dua kotak penyok saat diterima.",
               RequestAction.DISPUTE: "Kemasan rusak di perjalanan kurir OPD.",
               RequestAction.TERMINATE: "Kegiatan dibatalkan pimpinan."}
    codes = {RequestAction.CANCEL: "kebutuhan_batal", RequestAction.TERMINATE: "kebutuhan_batal"}
    services.act(request, action, actor=actor, party=party, reason=reasons.get(action, ""),
                 reason_code=codes.get(action, ""), data=data)


def _rate_the_completed(users) -> None:
    from storefront.procurement.workflow import RequestStatus

    for request in db.session.scalars(sa.select(PurchaseRequest).where(PurchaseRequest.status == RequestStatus.COMPLETED)):
        pemesan = db.session.get(User, request.submitted_by_id)
        ratings.rate(request, actor=pemesan, on_time=5, as_described=4, quality=5,
                      comment="Tepat waktu dan rapi; rasa sesuai contoh.")
