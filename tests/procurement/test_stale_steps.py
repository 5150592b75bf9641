"""Every step of a purchase request applies what its page showed (issue 10, point 2).

The transition table has cycles (a counter-offer goes back to the PPK; a replacement goes back
through delivery and inspection; mediation goes back to the seller), so a request can come back
to the same status with other terms while someone's page is open. For every step the table
offers in a status on such a cycle, and every party that may take it: open the page as that
party, walk the cycle through the services the other parties use (changing the terms on the
way), post the old page's form: refused with a message naming the change, nothing changes; the
same step from a fresh page is taken. Statuses on no cycle cannot come back, so an old page
there meets a status that moved on, which the table refuses.
"""
from __future__ import annotations

import itertools
import re
from collections import deque

import pytest
import sqlalchemy as sa

from storefront.accounts.models import User
from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.i18n import rupiah
from storefront.procurement import services
from storefront.listings.models import CapacityHold
from storefront.procurement.models import Notice, PurchaseRequest, RequestEvent, RequestItem
from storefront.procurement.services import StepData
from storefront.procurement.workflow import TRANSITIONS, Party, RequestAction, RequestStatus
from tests.page_forms import form_fields
from tests.procurement.conftest import submit

EDGES = [(source, action, t.target, t.parties) for (source, action), t in TRANSITIONS.items()
         if action is not RequestAction.EXPIRE]
PREFERRED = [Party.PEMESAN, Party.PPK, Party.SELLER, Party.BENDAHARA, Party.VERIFIER]
_n = itertools.count(1)


def path(start: RequestStatus, goal: RequestStatus) -> list[tuple[RequestStatus, RequestAction]] | None:
    """The shortest walk of (status, action) steps from start to goal; start == goal: a cycle."""
    queue, seen = deque([(start, [])]), set()
    while queue:
        state, walk = queue.popleft()
        for source, action, target, _ in EDGES:
            if source is not state or (target, action) in seen:
                continue
            seen.add((target, action))
            if target is goal:
                return walk + [(source, action)]
            queue.append((target, walk + [(source, action)]))
    return None


ON_CYCLE = [state for state in RequestStatus if path(state, state)]
CASES = [(source, action, party) for source, action, _, parties in EDGES if source in ON_CYCLE
         for party in sorted(parties, key=PREFERRED.index)]


def test_the_cycles_are_the_ones_this_test_walks():
    assert set(ON_CYCLE) >= {RequestStatus.SUBMITTED, RequestStatus.APPROVED, RequestStatus.COUNTERED,
                             RequestStatus.ACCEPTED, RequestStatus.NONCONFORMING}


def _actor(shop, party, verifier):
    return {Party.PEMESAN: shop.pemesan, Party.PPK: shop.ppk, Party.SELLER: shop.seller_owner,
            Party.BENDAHARA: shop.bendahara, Party.VERIFIER: verifier}[party]


def _walk(app, shop, verifier, request_id, steps, markers):
    """Take each step through the service its party uses, changing what the step may change."""
    for state, action in steps:
        parties = TRANSITIONS[(state, action)].parties
        party = sorted(parties, key=PREFERRED.index)[0]
        n = next(_n)
        with app.test_request_context():
            request = db.session.get(PurchaseRequest, request_id)
            items = db.session.scalars(sa.select(RequestItem).where(RequestItem.request_id == request_id)
                                       .order_by(RequestItem.id)).all()
            data = StepData(sp_number=f"SP/UJI/{n}", note=f"Catatan langkah {n}")
            if action is RequestAction.COUNTER:
                data.prices = {items[0].id: items[0].unit_price - 1000}
                markers.append(rupiah(request.total - 1000 * items[0].quantity))
            if action is RequestAction.REPORT_NONCONFORMING:
                data.checklist = {"quantity_ok": True, "quality_ok": False, "on_time": True}
            if action in (RequestAction.SHIP, RequestAction.REPLACE, RequestAction.REPORT_NONCONFORMING):
                markers.append(data.note)
            services.act(request, action, actor=db.session.get(User, _actor(shop, party, verifier).id), party=party,
                         reason="Alasan langkah uji", reason_code="lainnya", data=data)
            db.session.commit()


def _fill(fields: dict) -> dict:
    """What a person types into a step's form: a reason, a reason code, the document numbers."""
    typed = {"reason": "Alasan uji", "sp_number": "SP/UJI/AKHIR", "bast_number": "BAST/UJI/1"}
    filled = dict(fields)
    for name, value in typed.items():
        if name in fields:
            filled[name] = value
    if "reason_code" in fields:
        filled["reason_code"] = "lainnya"
    # Questions with no default answer (issue 10 point 18): the quality fails, the rest is as ordered.
    for name in ("quantity_ok", "quality_ok"):
        if name in fields:
            filled[name] = "tidak" if name == "quality_ok" else "sesuai"
    for name in fields:
        if name.startswith("accepted-"):
            filled[name] = "1"
    return filled


def snapshot(app, request_id):
    with app.app_context():
        request = db.session.get(PurchaseRequest, request_id)
        row = {column.key: getattr(request, column.key) for column in sa.inspect(PurchaseRequest).columns
               if column.key != "updated_at"}
        items = db.session.execute(sa.select(RequestItem.quantity, RequestItem.unit_price,
                                             RequestItem.accepted_quantity).where(
            RequestItem.request_id == request_id).order_by(RequestItem.id)).all()
        counts = [db.session.scalar(sa.select(sa.func.count()).select_from(model)) for model in
                  (RequestEvent, Notice, CapacityHold)]
        return row, [tuple(item) for item in items], counts


@pytest.mark.parametrize("state, action, party", CASES, ids=[f"{s.value}-{a.value}-{p.value}" for s, a, p in CASES])
def test_a_step_from_a_stale_page_is_refused_and_a_fresh_one_is_taken(app, shop, make, login, state, action, party):
    verifier = make.user(Role.VERIFIER)
    (rid,) = submit(app, shop, {shop.products[0]: 4})
    markers: list[str] = []
    _walk(app, shop, verifier, rid,
          path(RequestStatus.SUBMITTED, state) if state is not RequestStatus.SUBMITTED else [], markers)
    client = login(_actor(shop, party, verifier))
    url = f"/permintaan/{rid}/{action.value}"
    stale = _fill(form_fields(client.get(f"/permintaan/{rid}").text, url))

    markers.clear()
    _walk(app, shop, verifier, rid, path(state, state), markers)
    changed = snapshot(app, rid)
    refused = client.post(url, data=stale)
    assert refused.status_code == 422, refused.status_code
    message = re.search(r'data-testid="form-error"[^>]*>(.*?)</div>', refused.text, re.S)
    assert message and "→" in message.group(1), refused.text[:2000]
    assert any(marker in message.group(1) for marker in markers), (markers, message.group(1))
    assert snapshot(app, rid) == changed

    fresh = _fill(form_fields(client.get(f"/permintaan/{rid}").text, url))
    taken = client.post(url, data=fresh)
    assert taken.status_code == 302, taken.text[:3000]
    with app.app_context():
        assert db.session.get(PurchaseRequest, rid).status is TRANSITIONS[(state, action)].target


def test_a_step_without_the_reviewed_version_is_refused(app, shop, login):
    (rid,) = submit(app, shop, {shop.products[0]: 4})
    client = login(shop.ppk)
    fields = _fill(form_fields(client.get(f"/permintaan/{rid}").text, f"/permintaan/{rid}/approve"))
    before = snapshot(app, rid)
    for bad in ("", "palsu", fields.get("reviewed", "") + "x"):
        assert client.post(f"/permintaan/{rid}/approve", data=fields | {"reviewed": bad}).status_code == 422
        assert snapshot(app, rid) == before
