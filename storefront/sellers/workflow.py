"""The seller lifecycle as a transition table (storefront/lifecycle.py), and the parties it shares
with the product lifecycle (listings/workflow.py). Plain Python: no Flask, no database. Services
call `next_state` and nothing else decides a status.
"""
from __future__ import annotations

import enum

from storefront.lifecycle import (ReasonRequired, Transition, TransitionNotAllowed,  # noqa: F401
                                  allowed_actions, next_state, transition)


class Party(str, enum.Enum):
    OWNER = "owner"        # the seller who owns the business (or product)
    VERIFIER = "verifier"  # Dinas staff
    SYSTEM = "system"      # scheduled checks (permit expiry)


class SellerStatus(str, enum.Enum):
    INVITED = "invited"
    REGISTERED = "registered"
    SUBMITTED = "submitted"
    VERIFIED = "verified"
    REVISION_REQUESTED = "revision_requested"
    REJECTED = "rejected"
    SUSPENDED = "suspended"


class SellerAction(str, enum.Enum):
    REGISTER = "register"
    SUBMIT = "submit"
    APPROVE = "approve"
    REQUEST_REVISION = "request_revision"
    REJECT = "reject"
    SUSPEND = "suspend"
    REINSTATE = "reinstate"


_t = transition


S, SA = SellerStatus, SellerAction
SELLER_TRANSITIONS: dict[tuple[SellerStatus, SellerAction], Transition] = {
    (S.INVITED, SA.REGISTER): _t(S.REGISTERED, Party.OWNER),
    (S.REGISTERED, SA.SUBMIT): _t(S.SUBMITTED, Party.OWNER),
    (S.REVISION_REQUESTED, SA.SUBMIT): _t(S.SUBMITTED, Party.OWNER),
    (S.SUBMITTED, SA.APPROVE): _t(S.VERIFIED, Party.VERIFIER),
    (S.SUBMITTED, SA.REQUEST_REVISION): _t(S.REVISION_REQUESTED, Party.VERIFIER, reason=True),
    (S.SUBMITTED, SA.REJECT): _t(S.REJECTED, Party.VERIFIER, reason=True),
    (S.VERIFIED, SA.SUSPEND): _t(S.SUSPENDED, Party.VERIFIER, Party.SYSTEM, reason=True),
    (S.SUSPENDED, SA.REINSTATE): _t(S.VERIFIED, Party.VERIFIER),
}

# States whose data the owner may edit freely (nothing of it is public yet or any more).
SELLER_EDITABLE = frozenset({S.INVITED, S.REGISTERED, S.REVISION_REQUESTED})
SELLER_TERMINAL = frozenset({S.REJECTED})
