"""The purchase request lifecycle table, checked as a whole: every action by every party in every
status is allowed exactly when the table says so, and the table has no dead ends."""
from __future__ import annotations

import itertools

import pytest

from storefront.lifecycle import ReasonRequired, TransitionNotAllowed, allowed_actions, next_state
from storefront.procurement import workflow as wf
from storefront.procurement.workflow import Party, RequestAction, RequestStatus


def test_every_action_by_every_party_in_every_status_follows_the_table():
    allowed = refused = 0
    for status, action, party in itertools.product(RequestStatus, RequestAction, Party):
        transition = wf.TRANSITIONS.get((status, action))
        if transition is not None and party in transition.parties:
            assert next_state(wf.TRANSITIONS, status, action, party, reason="alasan uji") is transition.target
            allowed += 1
        else:
            with pytest.raises(TransitionNotAllowed):
                next_state(wf.TRANSITIONS, status, action, party, reason="alasan uji")
            refused += 1
    assert allowed == sum(len(t.parties) for t in wf.TRANSITIONS.values()) and refused > allowed


def test_ending_badly_needs_a_reason():
    for (status, action), transition in wf.TRANSITIONS.items():
        party = next(iter(transition.parties))
        if transition.needs_reason:
            with pytest.raises(ReasonRequired):
                next_state(wf.TRANSITIONS, status, action, party, reason="   ")
        else:
            assert next_state(wf.TRANSITIONS, status, action, party) is transition.target
    for action in (RequestAction.REJECT, RequestAction.DECLINE, RequestAction.CANCEL, RequestAction.TERMINATE,
                   RequestAction.DISPUTE, RequestAction.COUNTER):
        assert all(t.needs_reason for (s, a), t in wf.TRANSITIONS.items() if a is action)


def test_final_statuses_are_final_and_every_status_is_reachable():
    assert not [key for key in wf.TRANSITIONS if key[0] in wf.FINAL]
    reached, frontier = {RequestStatus.SUBMITTED}, [RequestStatus.SUBMITTED]
    while frontier:
        status = frontier.pop()
        for (source, _), transition in wf.TRANSITIONS.items():
            if source is status and transition.target not in reached:
                reached.add(transition.target)
                frontier.append(transition.target)
    assert reached == set(RequestStatus)


def test_every_open_status_can_still_end():
    ends = set(wf.FINAL)
    changed = True
    while changed:
        changed = False
        for (source, _), transition in wf.TRANSITIONS.items():
            if transition.target in ends and source not in ends:
                ends.add(source)
                changed = True
    assert ends == set(RequestStatus)


def test_who_is_waited_for_can_act():
    for status, party in wf.WAITS_FOR.items():
        assert allowed_actions(wf.TRANSITIONS, status, {party}), (status, party)
    for status in wf.WAITING_FOR_ANSWER:  # these expire when nobody answers
        assert (status, RequestAction.EXPIRE) in wf.TRANSITIONS


def test_only_the_ppk_approves_and_only_the_bendahara_records_payment():
    approvers = {party for (status, action), t in wf.TRANSITIONS.items() if action is RequestAction.APPROVE
                 for party in t.parties}
    payers = {party for (status, action), t in wf.TRANSITIONS.items()
              if action is RequestAction.RECORD_PAYMENT for party in t.parties}
    assert approvers == {Party.PPK} and payers == {Party.BENDAHARA}
    assert allowed_actions(wf.TRANSITIONS, RequestStatus.SUBMITTED, {Party.PEMESAN}) == [RequestAction.CANCEL]
