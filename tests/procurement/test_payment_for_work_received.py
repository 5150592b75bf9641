"""Payment only for work received (issue 10, point 6), over the whole transition table.

Every walk through the table that ends in `awaiting_payment` is taken: it must end with a signed
BAST whose value is what was received and inspected (at the prices as ordered), and the bendahara
can pay exactly that through the page, no more and no less. Every walk that ends in a termination
is taken by every party allowed to terminate, posting the amount the old form asked for: the work
done it records is the inspected value (nothing, before an inspection accepted a delivery), and
nothing can be paid for it. A payment recorded from any status without a signed BAST is refused.
"""
from __future__ import annotations

import io
from collections import Counter
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from storefront.accounts.models import User
from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.lifecycle import TransitionNotAllowed
from storefront.procurement import issuance, queries, services
from storefront.procurement import workflow as wf
from storefront.procurement.models import Payment, PurchaseRequest, RequestItem
from storefront.procurement.services import StepData
from storefront.procurement.workflow import Party, RequestAction, RequestStatus
from tests.helpers.page_forms import take_step
from tests.helpers.pdf_samples import small_pdf
from tests.procurement.conftest import submit

PROOF = small_pdf("bukti SP2D")
PAID_ONLY_AFTER = RequestStatus.AWAITING_PAYMENT
# The steps that accept a delivery.
INSPECTIONS = (RequestAction.INSPECT, RequestAction.ACCEPT_PARTIAL, RequestAction.MEDIATE_PARTIAL)


def walks(goal, times: int = 2) -> list[list[tuple[RequestStatus, RequestAction]]]:
    """Every walk from `submitted` whose last transition satisfies `goal(status, action, target)`,
    taking each transition at most `times` times: with 2, each loop of the table (counter-offer,
    replacement, mediation) is walked once more. Found from the table, so new paths are covered."""
    found = []

    def walk(status, path):
        for (source, action), transition in wf.TRANSITIONS.items():
            if source is not status or action is RequestAction.EXPIRE or path.count((source, action)) >= times:
                continue
            taken = path + [(source, action)]
            if goal(source, action, transition.target):
                found.append(taken)
            elif not transition.target.is_final and transition.target is not RequestStatus.TERMINATED:
                walk(transition.target, taken)

    walk(RequestStatus.SUBMITTED, [])
    return found


class Walker:
    """Takes a request through the table as each party would, remembering what was inspected."""

    def __init__(self, app, make, shop):
        self.app, self.shop = app, shop
        self.verifier = make.user(Role.VERIFIER)
        # Unlimited products: dozens of acceptances on one day must not run out of capacity.
        self.products = [make.product(shop.seller, name="Bolu Gulung", price=45_000, capacity_per_day=None),
                         make.product(shop.seller, name="Kue Lapis", price=20_000, capacity_per_day=None)]
        self.users = {Party.PPK: shop.ppk, Party.PEMESAN: shop.pemesan, Party.SELLER: shop.seller_owner,
                      Party.VERIFIER: self.verifier, Party.BENDAHARA: shop.bendahara}
        self.count = 0

    def new_request(self) -> int:
        self.count += 1
        (rid,) = submit(self.app, self.shop, {self.products[0]: 4, self.products[1]: 3},
                        key=f"kunci-jalur-uji-{self.count:05d}")
        return rid

    def items(self, rid) -> list[RequestItem]:
        with self.app.app_context():
            return list(db.session.scalars(sa.select(RequestItem).where(RequestItem.request_id == rid)
                                           .order_by(RequestItem.id)))

    def data(self, rid, action: RequestAction) -> dict:
        items = self.items(rid)
        return {
            RequestAction.APPROVE: {"sp_number": f"SP/{rid}/{self.count}"},
            RequestAction.COUNTER: {"quantities": {i.id: i.quantity + 1 for i in items},
                        "prices": {i.id: i.unit_price - 1_000 for i in items},
                        "needed_on": date.today() + timedelta(days=9)},
            RequestAction.SHIP: {"note": "Dikirim pagi"},
            RequestAction.REPORT_NONCONFORMING: {"checklist": {"quantity_ok": False, "quality_ok": True}},
            # Part of each line: one short of the first, one of the second.
            RequestAction.ACCEPT_PARTIAL: {"quantities": {items[0].id: items[0].quantity - 1, items[1].id: 1}},
            RequestAction.MEDIATE_PARTIAL: {"quantities": {items[0].id: items[0].quantity - 1, items[1].id: 1}},
            RequestAction.SIGN_BAST: {"bast_number": f"BAST/{rid}"},
        }.get(action, {})

    def take(self, rid, action: RequestAction, party: Party) -> int | None:
        """One step through the services; the value it accepted, for an inspection step."""
        data = self.data(rid, action)
        accepted = None
        if action is RequestAction.INSPECT:
            accepted = sum(i.quantity * i.unit_price for i in self.items(rid))
        elif action in (RequestAction.ACCEPT_PARTIAL, RequestAction.MEDIATE_PARTIAL):
            prices = {i.id: i.unit_price for i in self.items(rid)}
            accepted = sum(quantity * prices[item_id] for item_id, quantity in data["quantities"].items())
        with self.app.test_request_context():
            request = db.session.get(PurchaseRequest, rid)
            actor = db.session.get(User, self.users[party].id)
            services.act(request, action, actor=actor, party=party, reason="Alasan uji",
                         reason_code="kebutuhan_batal", data=StepData(**data))
            db.session.commit()
        return accepted

    def follow(self, path, *, skip_last: bool = False) -> tuple[int, int]:
        """A new request walked along `path`; the value its inspection steps accepted (the latest)."""
        rid, inspected = self.new_request(), 0
        for status, action in (path[:-1] if skip_last else path):
            accepted = self.take(rid, action, next(iter(wf.TRANSITIONS[(status, action)].parties)))
            if accepted is not None:
                inspected = accepted
        return rid, inspected


def pay(client, rid: int, amount: int):
    return take_step(client, rid, "record_payment", {
        "method": "sp2d_ls", "paid_on": date.today().isoformat(), "amount": str(amount), "payment_reference": "SP2D-1",
        "proof": (io.BytesIO(PROOF), "bukti.pdf")}, content_type="multipart/form-data")


def payments(app, rid: int) -> list[int]:
    with app.app_context():
        return list(db.session.scalars(sa.select(Payment.amount).where(Payment.request_id == rid)))


def test_nothing_reaches_paid_but_through_a_signed_bast():
    """The table: `paid` is entered only from `awaiting_payment`, which only signing the BAST enters,
    which only an inspection that accepted a delivery enters."""
    into = lambda target: {key for key, t in wf.TRANSITIONS.items() if t.target is target}  # noqa: E731
    assert {status for status, _ in into(RequestStatus.PAID)} == {RequestStatus.AWAITING_PAYMENT}
    assert into(RequestStatus.AWAITING_PAYMENT) == {(RequestStatus.INSPECTED, RequestAction.SIGN_BAST)}
    assert {action for _, action in into(RequestStatus.INSPECTED)} == set(INSPECTIONS)
    assert RequestStatus.TERMINATED.is_final  # a termination ends the request: nothing is paid after it


def test_every_path_into_awaiting_payment_has_a_signed_bast_for_exactly_what_was_inspected(app, make, login, shop):
    walker = Walker(app, make, shop)
    paths = walks(lambda source, action, target: target is RequestStatus.AWAITING_PAYMENT)
    goals = {key for key, t in wf.TRANSITIONS.items() if t.target is RequestStatus.AWAITING_PAYMENT}
    assert {path[-1] for path in paths} == goals
    assert {step for path in paths for step in path if step[1] in INSPECTIONS} == {
        key for key in wf.TRANSITIONS if key[1] in INSPECTIONS}
    bendahara = login(shop.bendahara)
    for path in paths:
        rid, inspected = walker.follow(path)
        label = [action.value for _, action in path]
        with app.test_request_context():
            request = queries.request_page(rid)
            assert request.status is RequestStatus.AWAITING_PAYMENT, label
            assert request.bast_number and request.bast_signed_at is not None, label
            assert 0 < inspected and services.payable(request) == inspected, label
            assert issuance.current(request, "bast").facts["total"] == inspected, label  # the BAST as issued
        for wrong in (inspected + 1, inspected - 1, request.total + 1):
            assert pay(bendahara, rid, wrong).status_code == 422, (label, wrong)
        assert payments(app, rid) == []
        response = pay(bendahara, rid, inspected)
        assert response.status_code == 302, label
        assert payments(app, rid) == [inspected], label


def test_a_termination_from_every_status_by_every_party_pays_only_what_was_inspected(app, make, login, shop):
    walker = Walker(app, make, shop)
    paths = walks(lambda source, action, target: target is RequestStatus.TERMINATED)
    clients = {party: login(user) for party, user in walker.users.items() if party is not Party.PEMESAN}
    taken = Counter()
    for number, path in enumerate(paths):
        status, action = path[-1]
        parties = sorted(wf.TRANSITIONS[(status, action)].parties, key=lambda p: p.value)
        party = parties[number % len(parties)]
        rid, inspected = walker.follow(path, skip_last=True)
        with app.app_context():
            total = db.session.get(PurchaseRequest, rid).total
        label = ([a.value for _, a in path], party.value)
        # The old form's "work done": the whole order, posted by whoever terminates.
        response = take_step(clients[party], rid, action.value, {
            "reason": "Kegiatan dibatalkan", "reason_code": "kebutuhan_batal", "amount": str(total)})
        assert response.status_code == 302, label
        taken[(status, action, party)] += 1
        with app.test_request_context():
            request = queries.request_page(rid)
            assert request.status is RequestStatus.TERMINATED, label
            ended = [e for e in request.events if e.action == action.value][-1]
            assert ended.details["work_done"] == inspected == 0, label  # no inspection precedes a termination
            assert not request.accepted_total and not request.bast_number, label
            assert services.payable(request) == 0, label
        for amount in (total, 1):
            assert pay(clients[Party.BENDAHARA], rid, amount).status_code in (403, 422), label
        assert payments(app, rid) == [], label
    every = {(status, action, party) for (status, action), t in wf.TRANSITIONS.items()
             if t.target is RequestStatus.TERMINATED for party in t.parties}
    assert set(taken) == every
    waiting = clients[Party.BENDAHARA].get("/permintaan").text
    assert 'data-testid="request-row"' not in waiting  # nothing terminated waits for a payment


def test_a_terminating_service_call_cannot_state_work_done_either(app, make, shop):
    walker = Walker(app, make, shop)
    rid, _ = walker.follow([(RequestStatus.SUBMITTED, RequestAction.APPROVE),
                            (RequestStatus.APPROVED, RequestAction.ACCEPT)])
    with app.test_request_context():
        request = db.session.get(PurchaseRequest, rid)
        services.act(request, RequestAction.TERMINATE, actor=db.session.get(User, shop.ppk.id), party=Party.PPK,
                     reason="Dibatalkan", reason_code="kebutuhan_batal", data=StepData(amount=request.total))
        db.session.commit()
        request = db.session.get(PurchaseRequest, rid)
        assert request.accepted_total is None and services.payable(request) == 0
        with pytest.raises(TransitionNotAllowed):
            services.act(request, RequestAction.RECORD_PAYMENT, actor=db.session.get(User, shop.bendahara.id),
                         party=Party.BENDAHARA, data=StepData(amount=1))


@pytest.mark.parametrize("status", [s.value for s in RequestStatus])
def test_the_bendahara_pays_only_against_a_signed_bast_through_the_page(app, make, login, shop, status):
    """From every status, and from the records the old rules left (a termination with a typed
    "work done", a request marked awaiting payment without a BAST): only a signed BAST is paid."""
    bendahara = login(shop.bendahara)
    variants = [{}]
    if status == RequestStatus.TERMINATED.value:
        variants.append({"accepted_total": 90_000})
    if status == RequestStatus.AWAITING_PAYMENT.value:
        variants.append({"bast_number": None, "bast_signed_at": None})
    for changes in variants:
        request = make.purchase_request(shop.seller, shop.products[0], opd=shop.opd, pemesan=shop.pemesan,
                                        ppk=shop.ppk, status=status)
        with app.app_context():
            row = db.session.get(PurchaseRequest, request.id)
            for name, value in changes.items():
                setattr(row, name, value)
            db.session.commit()
            due, has_bast = row.accepted_total or row.total, row.bast_number is not None
        payable_here = status == RequestStatus.AWAITING_PAYMENT.value and has_bast
        assert pay(bendahara, request.id, due + 1).status_code in (403, 422), (status, changes)
        response = pay(bendahara, request.id, due)
        assert response.status_code == (302 if payable_here else response.status_code), (status, changes)
        if not payable_here:
            assert response.status_code in (403, 422), (status, changes)
        with app.app_context():
            assert payments(app, request.id) == ([due] if payable_here else []), (status, changes)
            after = db.session.get(PurchaseRequest, request.id).status
            assert after is (RequestStatus.PAID if payable_here else RequestStatus(status)), (status, changes)
