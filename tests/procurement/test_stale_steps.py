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

import re

import pytest

from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.procurement.models import PurchaseRequest
from storefront.procurement.workflow import TRANSITIONS, RequestStatus
from tests.helpers.page_forms import form_fields
from tests.helpers.request_walks import EDGES, PREFERRED, actor, fill, path, snapshot, walk
from tests.procurement.conftest import submit

ON_CYCLE = [state for state in RequestStatus if path(state, state)]
CASES = [(source, action, party) for source, action, _, parties in EDGES if source in ON_CYCLE
         for party in sorted(parties, key=PREFERRED.index)]


def test_the_cycles_are_the_ones_this_test_walks():
    assert set(ON_CYCLE) >= {RequestStatus.SUBMITTED, RequestStatus.APPROVED, RequestStatus.COUNTERED,
                             RequestStatus.ACCEPTED, RequestStatus.NONCONFORMING}


@pytest.mark.parametrize("state, action, party", CASES, ids=[f"{s.value}-{a.value}-{p.value}" for s, a, p in CASES])
def test_a_step_from_a_stale_page_is_refused_and_a_fresh_one_is_taken(app, shop, make, login, state, action, party):
    verifier = make.user(Role.VERIFIER)
    (rid,) = submit(app, shop, {shop.products[0]: 4})
    markers: list[str] = []
    walk(app, shop, verifier, rid, path(RequestStatus.SUBMITTED, state) if state is not RequestStatus.SUBMITTED else [], markers)
    client = login(actor(shop, party, verifier))
    url = f"/permintaan/{rid}/{action.value}"
    stale = fill(form_fields(client.get(f"/permintaan/{rid}").text, url))

    markers.clear()
    walk(app, shop, verifier, rid, path(state, state), markers)
    changed = snapshot(app, rid)
    refused = client.post(url, data=stale)
    assert refused.status_code == 422, refused.status_code
    message = re.search(r'data-testid="form-error"[^>]*>(.*?)</div>', refused.text, re.S)
    assert message and "→" in message.group(1), refused.text[:2000]
    assert any(marker in message.group(1) for marker in markers), (markers, message.group(1))
    assert snapshot(app, rid) == changed

    fresh = fill(form_fields(client.get(f"/permintaan/{rid}").text, url))
    taken = client.post(url, data=fresh)
    assert taken.status_code == 302, taken.text[:3000]
    with app.app_context():
        assert db.session.get(PurchaseRequest, rid).status is TRANSITIONS[(state, action)].target


def test_a_step_without_the_reviewed_version_is_refused(app, shop, login):
    (rid,) = submit(app, shop, {shop.products[0]: 4})
    client = login(shop.ppk)
    fields = fill(form_fields(client.get(f"/permintaan/{rid}").text, f"/permintaan/{rid}/approve"))
    before = snapshot(app, rid)
    for bad in ("", "palsu", fields.get("reviewed", "") + "x"):
        assert client.post(f"/permintaan/{rid}/approve", data=fields | {"reviewed": bad}).status_code == 422
        assert snapshot(app, rid) == before
