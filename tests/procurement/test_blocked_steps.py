"""A step that commits the city re-checks who may still take part (issue 10, point 3).

For every step that moves a request towards a contract (workflow.COMMITS_CITY: the PPK's
approval, the seller's acceptance and counter-offer, the pemesan's resubmission) and every way a
party drops out (the Dinas suspends the product, the seller unpublishes it, the Dinas suspends
the seller, the P-IRT ends and `flask sellers check-expiry` suspends the product): the step is
refused with the reason, nothing changes, and the pemesan and the PPK are told (a notice and an
email) that the request is blocked and why.
"""
from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.listings.models import Product
from storefront.procurement import workflow as wf
from storefront.procurement.models import Notice, PurchaseRequest
from storefront.procurement.workflow import TRANSITIONS, Party, RequestAction, RequestStatus
from tests.helpers.page_forms import form_fields
from tests.helpers.request_walks import actor, fill, path, snapshot, walk
from tests.procurement.conftest import submit

EXPIRED_PIRT = "206127101000125"  # ended in 2025


def test_the_steps_that_commit_the_city():
    assert wf.COMMITS_CITY >= {RequestAction.APPROVE, RequestAction.ACCEPT, RequestAction.RESUBMIT}
    # Each is a step of the table, taken while the request waits for an answer (before the contract).
    for action in wf.COMMITS_CITY:
        sources = [source for (source, step) in TRANSITIONS if step is action]
        assert sources and all(source in wf.WAITING_FOR_ANSWER for source in sources)


def _decide(client, url, action, reason):
    fields = form_fields(client.get(url).text, f"{url}/keputusan") | {"action": action, "reason": reason}
    assert client.post(f"{url}/keputusan", data=fields).status_code == 302


def suspend_product(app, shop, login, make):
    _decide(login(make.user(Role.VERIFIER)), f"/dinas/kurasi/produk/{shop.products[0].id}", "suspend",
            "Kemasan tidak sesuai foto")
    return [shop.products[0].name, "dibekukan"]


def unpublish_product(app, shop, login, make):
    assert login(shop.seller_owner).post(f"/penjual/produk/{shop.products[0].id}/tarik").status_code == 302
    return [shop.products[0].name, "tidak ditayangkan"]


def suspend_seller(app, shop, login, make):
    _decide(login(make.user(Role.VERIFIER)), f"/dinas/verifikasi/penjual/{shop.seller.id}", "suspend",
            "Alamat usaha tidak ditemukan")
    return [shop.seller.business_name, "dibekukan"]


def permit_expires(app, shop, login, make):
    with app.app_context():
        db.session.get(Product, shop.products[0].id).pirt_number = EXPIRED_PIRT
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["sellers", "check-expiry"])
    assert result.exit_code == 0 and "1 produk dibekukan" in result.output, result.output
    return [shop.products[0].name, "P-IRT"]


DROP_OUTS = [suspend_product, unpublish_product, suspend_seller, permit_expires]
CASES = [(action, drop_out) for action in sorted(wf.COMMITS_CITY, key=lambda a: a.value) for drop_out in DROP_OUTS]


@pytest.mark.parametrize("action, drop_out", CASES, ids=[f"{a.value}-{d.__name__}" for a, d in CASES])
def test_a_step_after_a_party_dropped_out_is_refused_and_both_officers_are_told(app, shop, make, login,
                                                                                 monkeypatch, action, drop_out):
    sent = []
    monkeypatch.setattr("storefront.mail.send", lambda messages: sent.extend(messages))
    (rid,) = submit(app, shop, {shop.products[0]: 4, shop.products[1]: 1})
    state = next(source for (source, step) in TRANSITIONS if step is action)
    walk(app, shop, None, rid, path(RequestStatus.SUBMITTED, state) if state is not RequestStatus.SUBMITTED else [], [])
    party = sorted(TRANSITIONS[(state, action)].parties, key=list(Party).index)[0]
    client = login(actor(shop, party, None))
    url = f"/permintaan/{rid}/{action.value}"

    reason_words = drop_out(app, shop, login, make)
    page = client.get(f"/permintaan/{rid}").text
    assert all(word in page for word in reason_words), "the page shows the request is blocked"
    before = snapshot(app, rid)
    with app.app_context():
        request = db.session.get(PurchaseRequest, rid)
        number, officers = request.number, {request.submitted_by_id, request.ppk_id}
    sent.clear()
    refused = client.post(url, data=fill(form_fields(page, url)))
    assert refused.status_code == 422
    message = re.search(r'data-testid="form-error"[^>]*>(.*?)</div>', refused.text, re.S)
    assert message and all(word in message.group(1) for word in reason_words), message and message.group(1)
    row, items, (events, _, holds) = snapshot(app, rid)
    assert (row, items, events, holds) == (before[0], before[1], before[2][0], before[2][2])  # nothing changed
    with app.app_context():
        told = db.session.execute(sa.select(Notice.user_id, Notice.message).where(Notice.request_id == rid,
                                                                                   Notice.message.contains(
                                                                                       reason_words[0]))).all()
    assert {user_id for user_id, _ in told} == officers
    assert all(number in text and reason_words[1] in text for _, text in told)
    emailed = {message.to for message in sent if reason_words[0] in message.body}
    assert emailed == {shop.pemesan.email, shop.ppk.email}
    # Trying again tells nobody twice.
    client.post(url, data=fill(form_fields(client.get(f"/permintaan/{rid}").text, url)))
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Notice).where(
            Notice.request_id == rid, Notice.message.contains(reason_words[0]))) == len(officers)


def test_a_request_whose_parties_are_all_in_good_standing_is_not_blocked(app, shop, login):
    (rid,) = submit(app, shop, {shop.products[0]: 4})
    client = login(shop.ppk)
    url = f"/permintaan/{rid}/approve"
    assert client.post(url, data=fill(form_fields(client.get(f"/permintaan/{rid}").text, url))).status_code == 302
    with app.app_context():
        assert db.session.get(PurchaseRequest, rid).status is RequestStatus.APPROVED
