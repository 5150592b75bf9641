"""Every action by every party in every state is allowed exactly when the table says so."""
from __future__ import annotations

import itertools

import pytest

from storefront.lifecycle import ReasonRequired, TransitionNotAllowed, allowed_actions, next_state
from storefront.listings.workflow import PRODUCT_TERMINAL, PRODUCT_TRANSITIONS, ProductAction, ProductStatus
from storefront.sellers import workflow as wf
from storefront.sellers.workflow import Party, SellerAction, SellerStatus

# The lifecycles of docs/domain.md ("Lifecycles") written out independently of the table, as (from, action, party, to).
SELLER_EXPECTED = {
    ("invited", "register", "owner"): "registered",
    ("registered", "submit", "owner"): "submitted",
    ("revision_requested", "submit", "owner"): "submitted",
    ("submitted", "approve", "verifier"): "verified",
    ("submitted", "request_revision", "verifier"): "revision_requested",
    ("submitted", "reject", "verifier"): "rejected",
    ("verified", "suspend", "verifier"): "suspended",
    ("verified", "suspend", "system"): "suspended",
    ("suspended", "reinstate", "verifier"): "verified",
}
PRODUCT_EXPECTED = {
    ("draft", "submit", "owner"): "in_review",
    ("revision_requested", "submit", "owner"): "in_review",
    ("in_review", "approve", "verifier"): "published",
    ("in_review", "request_revision", "verifier"): "revision_requested",
    ("in_review", "reject", "verifier"): "rejected",
    ("published", "unpublish", "owner"): "unpublished",
    ("unpublished", "republish", "owner"): "published",
    ("published", "suspend", "verifier"): "suspended",
    ("published", "suspend", "system"): "suspended",
    ("suspended", "reinstate", "verifier"): "published",
}
CASES = [
    (wf.SELLER_TRANSITIONS, SellerStatus, SellerAction, SELLER_EXPECTED),
    (PRODUCT_TRANSITIONS, ProductStatus, ProductAction, PRODUCT_EXPECTED),
]


def every_combination():
    for table, states, actions, expected in CASES:
        for state, action, party in itertools.product(states, actions, Party):
            yield pytest.param(table, state, action, party, expected.get((state.value, action.value, party.value)),
                               id=f"{states.__name__}-{state.value}-{action.value}-{party.value}")


@pytest.mark.parametrize("table, state, action, party, expected", list(every_combination()))
def test_transition_allowed_exactly_when_expected(table, state, action, party, expected):
    if expected is None:
        with pytest.raises(TransitionNotAllowed):
            next_state(table, state, action, party, reason="alasan")
    else:
        assert next_state(table, state, action, party, reason="alasan").value == expected


@pytest.mark.parametrize("table, key", [(t, k) for t, *_ in CASES for k, tr in t.items() if tr.needs_reason])
def test_bad_endings_need_a_reason(table, key):
    state, action = key
    party = next(iter(table[key].parties))
    with pytest.raises(ReasonRequired):
        next_state(table, state, action, party, reason="   ")


def test_terminal_states_have_no_way_out():
    for table, terminal in ((wf.SELLER_TRANSITIONS, wf.SELLER_TERMINAL), (PRODUCT_TRANSITIONS, PRODUCT_TERMINAL)):
        assert not [key for key in table if key[0] in terminal]


def test_every_state_is_reachable_from_the_start():
    for table, start in ((wf.SELLER_TRANSITIONS, SellerStatus.INVITED), (PRODUCT_TRANSITIONS, ProductStatus.DRAFT)):
        seen, frontier = {start}, [start]
        while frontier:
            state = frontier.pop()
            for (source, _), transition in table.items():
                if source == state and transition.target not in seen:
                    seen.add(transition.target)
                    frontier.append(transition.target)
        assert seen == set(type(start))


def test_allowed_actions_lists_buttons_for_a_party():
    assert allowed_actions(PRODUCT_TRANSITIONS, ProductStatus.IN_REVIEW, {Party.VERIFIER}) == [
        ProductAction.APPROVE, ProductAction.REQUEST_REVISION, ProductAction.REJECT]
    assert allowed_actions(PRODUCT_TRANSITIONS, ProductStatus.IN_REVIEW, {Party.OWNER}) == []
