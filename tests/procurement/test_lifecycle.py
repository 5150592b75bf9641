"""A request through its whole life in the services: the happy path, a counter-offer, partial
acceptance, a dispute, termination, expiry; each step leaves an event, and a refused step
changes nothing."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from storefront.accounts.models import User
from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.listings.models import CapacityHold, Product
from storefront.procurement import services
from storefront.procurement.errors import ProcurementError
from storefront.procurement.models import Payment, PaymentMethod, PurchaseRequest, RequestEvent
from storefront.procurement.workflow import Party, RequestAction, RequestStatus
from storefront.timeutil import utcnow
from tests.procurement.conftest import status_of, step, submit

PROOF = ("ab/" + "ab" * 31 + ".pdf", "application/pdf")


def events(app, request_id: int) -> list[tuple[str, str, str]]:
    with app.app_context():
        return [(e.action, e.from_status, e.to_status) for e in db.session.scalars(
            sa.select(RequestEvent).where(RequestEvent.request_id == request_id).order_by(RequestEvent.id))]


def held(app, product_id: int) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(CapacityHold.reserved), 0))
                                 .where(CapacityHold.product_id == product_id))


def test_the_whole_path_to_completion(app, shop):
    bika, legit = shop.products
    (rid,) = submit(app, shop, {bika: 4, legit: 2})
    step(app, rid, RequestAction.APPROVE, shop.ppk, Party.PPK, sp_number="SP/001/DUP/2026")
    step(app, rid, RequestAction.ACCEPT, shop.seller_owner, Party.SELLER)
    assert held(app, bika.id) == 4
    with app.app_context():
        assert db.session.get(Product, legit.id).stock == 8
    step(app, rid, RequestAction.SHIP, shop.seller_owner, Party.SELLER, note="Dikirim pukul 07.30")
    step(app, rid, RequestAction.RECEIVE, shop.pemesan, Party.PEMESAN)
    step(app, rid, RequestAction.INSPECT, shop.ppk, Party.PPK)
    step(app, rid, RequestAction.SIGN_BAST, shop.ppk, Party.PPK, bast_number="BAST/001/2026")
    total = 4 * 45_000 + 2 * 120_000
    with pytest.raises(ProcurementError):  # a payment equals the BAST
        step(app, rid, RequestAction.RECORD_PAYMENT, shop.bendahara, Party.BENDAHARA, method=PaymentMethod.KKPD,
             paid_on=date.today(), amount=total - 1, proof=PROOF)
    assert status_of(app, rid) is RequestStatus.AWAITING_PAYMENT
    step(app, rid, RequestAction.RECORD_PAYMENT, shop.bendahara, Party.BENDAHARA, method=PaymentMethod.KKPD,
         paid_on=date.today(), amount=total, proof=PROOF)
    step(app, rid, RequestAction.CONFIRM_PAYMENT, shop.seller_owner, Party.SELLER)
    assert status_of(app, rid) is RequestStatus.COMPLETED
    assert [e[0] for e in events(app, rid)] == ["submit", "approve", "accept", "ship", "receive", "inspect",
                                                 "sign_bast", "record_payment", "confirm_payment"]
    with app.app_context():
        payment = db.session.scalar(sa.select(Payment).where(Payment.request_id == rid))
        assert payment.amount == total and payment.confirmed_at is not None
        assert db.session.get(PurchaseRequest, rid).respond_by is None


def test_the_submitter_can_never_approve(app, shop):
    (rid,) = submit(app, shop, {shop.products[0]: 2})
    with pytest.raises(ProcurementError):  # even if a service were called as the PPK party
        step(app, rid, RequestAction.APPROVE, shop.pemesan, Party.PPK, sp_number="SP/1")
    assert status_of(app, rid) is RequestStatus.SUBMITTED and len(events(app, rid)) == 1


def test_a_counter_offer_goes_back_through_the_ppk(app, shop):
    bika = shop.products[0]
    (rid,) = submit(app, shop, {bika: 4})
    step(app, rid, RequestAction.APPROVE, shop.ppk, Party.PPK, sp_number="SP/002")
    with app.app_context():
        item_id = db.session.scalar(sa.text("SELECT id FROM request_items WHERE request_id = :r"), {"r": rid})
    new_day = date.today() + timedelta(days=9)
    step(app, rid, RequestAction.COUNTER, shop.seller_owner, Party.SELLER, reason="Bahan naik", quantities={item_id: 5},
         prices={item_id: 42_000}, needed_on=new_day)
    step(app, rid, RequestAction.RESUBMIT, shop.pemesan, Party.PEMESAN)
    with app.app_context():
        request = db.session.get(PurchaseRequest, rid)
        assert (request.status, request.total, request.needed_on, request.sp_number) == (
            RequestStatus.SUBMITTED, 210_000, new_day, None)
    step(app, rid, RequestAction.APPROVE, shop.ppk, Party.PPK, sp_number="SP/002-A")
    step(app, rid, RequestAction.ACCEPT, shop.seller_owner, Party.SELLER)
    assert status_of(app, rid) is RequestStatus.ACCEPTED and held(app, bika.id) == 5


def test_partial_acceptance_sets_what_is_paid(app, shop):
    bika = shop.products[0]
    (rid,) = submit(app, shop, {bika: 10})
    for action, user, party, data in [(RequestAction.APPROVE, shop.ppk, Party.PPK, {"sp_number": "SP/3"}),
                                      (RequestAction.ACCEPT, shop.seller_owner, Party.SELLER, {}),
                                      (RequestAction.SHIP, shop.seller_owner, Party.SELLER, {}),
                                      (RequestAction.RECEIVE, shop.pemesan, Party.PEMESAN, {})]:
        step(app, rid, action, user, party, **data)
    step(app, rid, RequestAction.REPORT_NONCONFORMING, shop.ppk, Party.PPK, reason="Dua kotak penyok",
         checklist={"quantity_ok": True, "quality_ok": False})
    with app.app_context():
        item_id = db.session.scalar(sa.text("SELECT id FROM request_items WHERE request_id = :r"), {"r": rid})
    step(app, rid, RequestAction.ACCEPT_PARTIAL, shop.ppk, Party.PPK, reason="Terima 8 kotak", quantities={item_id: 8})
    step(app, rid, RequestAction.SIGN_BAST, shop.ppk, Party.PPK, bast_number="BAST/3")
    step(app, rid, RequestAction.RECORD_PAYMENT, shop.bendahara, Party.BENDAHARA, method=PaymentMethod.SP2D_LS,
         paid_on=date.today(), amount=8 * 45_000, proof=PROOF)
    assert status_of(app, rid) is RequestStatus.PAID


def test_a_dispute_is_mediated_by_the_dinas(app, make, shop):
    verifier = make.user(Role.VERIFIER)
    (rid,) = submit(app, shop, {shop.products[0]: 2})
    for action, user, party, data in [(RequestAction.APPROVE, shop.ppk, Party.PPK, {"sp_number": "SP/4"}),
                                      (RequestAction.ACCEPT, shop.seller_owner, Party.SELLER, {}),
                                      (RequestAction.SHIP, shop.seller_owner, Party.SELLER, {}),
                                      (RequestAction.RECEIVE, shop.ppk, Party.PPK, {}),
                                      (RequestAction.REPORT_NONCONFORMING, shop.ppk, Party.PPK,
                                       {"reason": "Basi", "checklist": {"quantity_ok": True, "quality_ok": False}}),
                                      (RequestAction.DISPUTE, shop.seller_owner, Party.SELLER,
                                       {"reason": "Kue segar saat dikirim"})]:
        step(app, rid, action, user, party, **data)
    step(app, rid, RequestAction.MEDIATE_REPLACE, verifier, Party.VERIFIER, reason="Penjual mengganti besok pagi")
    assert status_of(app, rid) is RequestStatus.ACCEPTED


def test_terminating_before_shipping_frees_the_capacity(app, shop):
    bika = shop.products[0]
    (rid,) = submit(app, shop, {bika: 6})
    step(app, rid, RequestAction.APPROVE, shop.ppk, Party.PPK, sp_number="SP/5")
    step(app, rid, RequestAction.ACCEPT, shop.seller_owner, Party.SELLER)
    assert held(app, bika.id) == 6
    with pytest.raises(ProcurementError):  # a reason code is required
        step(app, rid, RequestAction.TERMINATE, shop.seller_owner, Party.SELLER, reason="Bahan habis")
    step(app, rid, RequestAction.TERMINATE, shop.seller_owner, Party.SELLER, reason="Bahan habis",
         reason_code="penjual_tidak_sanggup")
    assert status_of(app, rid) is RequestStatus.TERMINATED and held(app, bika.id) == 0


def test_unanswered_requests_expire(app, shop):
    (rid,) = submit(app, shop, {shop.products[0]: 2})
    with app.test_request_context():
        assert services.expire_overdue() == []
        services.expire_overdue(now=utcnow() + timedelta(days=10))
        db.session.commit()
    assert status_of(app, rid) is RequestStatus.EXPIRED
    assert events(app, rid)[-1] == ("expire", "submitted", "expired")
    with app.app_context():
        assert db.session.scalar(sa.select(RequestEvent.actor_role).order_by(RequestEvent.id.desc()).limit(1)) == "system"


def test_a_party_outside_the_table_is_refused_and_nothing_changes(app, shop):
    (rid,) = submit(app, shop, {shop.products[0]: 2})
    with pytest.raises(Exception) as refused:
        step(app, rid, RequestAction.ACCEPT, shop.seller_owner, Party.SELLER)  # not approved yet
    assert type(refused.value).__name__ == "TransitionNotAllowed"
    assert status_of(app, rid) is RequestStatus.SUBMITTED and len(events(app, rid)) == 1
    with app.app_context():
        assert db.session.get(User, shop.pemesan.id) is not None


def test_a_termination_gives_back_what_the_acceptance_held_not_what_the_product_says_now(app, shop):
    """Capacity turned on after an acceptance must not let that acceptance's release empty a hold
    another request made since."""
    legit = shop.products[1]  # stock 10, no capacity limit
    (first,) = submit(app, shop, {legit: 5}, key="kunci-lepas-pertama-01")
    step(app, first, RequestAction.APPROVE, shop.ppk, Party.PPK, sp_number="SP/L1")
    step(app, first, RequestAction.ACCEPT, shop.seller_owner, Party.SELLER)
    with app.app_context():
        product = db.session.get(Product, legit.id)
        product.capacity_per_day = 5
        db.session.commit()
    (second,) = submit(app, shop, {legit: 5}, key="kunci-lepas-kedua-002")
    step(app, second, RequestAction.APPROVE, shop.ppk, Party.PPK, sp_number="SP/L2")
    step(app, second, RequestAction.ACCEPT, shop.seller_owner, Party.SELLER)
    assert held(app, legit.id) == 5
    step(app, first, RequestAction.TERMINATE, shop.ppk, Party.PPK, reason="Dibatalkan", reason_code="kebutuhan_batal")
    assert held(app, legit.id) == 5  # the second request's hold stays
    with app.app_context():
        assert db.session.get(Product, legit.id).stock == 5  # 10 - 5 - 5 + 5


def test_no_one_states_the_work_done_of_a_termination(app, shop):
    """Work done is what was received and inspected (tests/procurement/test_payment_for_work_received.py
    walks the whole table); an amount sent with a termination is not read, and nothing is paid."""
    (rid,) = submit(app, shop, {shop.products[0]: 2})
    step(app, rid, RequestAction.APPROVE, shop.ppk, Party.PPK, sp_number="SP/T")
    step(app, rid, RequestAction.ACCEPT, shop.seller_owner, Party.SELLER)
    step(app, rid, RequestAction.TERMINATE, shop.ppk, Party.PPK, reason="Kegiatan batal", reason_code="kebutuhan_batal",
         amount=90_000)
    with app.app_context():
        request = db.session.get(PurchaseRequest, rid)
        assert request.status is RequestStatus.TERMINATED and request.accepted_total is None
    assert events(app, rid)[-1] == ("terminate", "accepted", "terminated")
    with pytest.raises(Exception) as refused:  # nothing to pay: a termination is final
        step(app, rid, RequestAction.RECORD_PAYMENT, shop.bendahara, Party.BENDAHARA, method=PaymentMethod.KKPD,
             paid_on=date.today(), amount=1, proof=PROOF)
    assert type(refused.value).__name__ == "TransitionNotAllowed"


def test_a_step_after_the_deadline_is_refused(app, shop):
    (rid,) = submit(app, shop, {shop.products[0]: 2})
    step(app, rid, RequestAction.APPROVE, shop.ppk, Party.PPK, sp_number="SP/D")
    with app.app_context():
        db.session.get(PurchaseRequest, rid).respond_by = utcnow() - timedelta(hours=1)
        db.session.commit()
    with pytest.raises(ProcurementError):
        step(app, rid, RequestAction.ACCEPT, shop.seller_owner, Party.SELLER)
    assert status_of(app, rid) is RequestStatus.APPROVED and held(app, shop.products[0].id) == 0
