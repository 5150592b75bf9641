"""The seller lifecycle as a transition table (storefront/lifecycle.py), and the parties it shares
with the product lifecycle (listings/workflow.py). Plain Python: no Flask, no database. A status
changes only through storefront/lifecycle_engine.py `apply`, which asks this table.
"""
from __future__ import annotations

import enum

from storefront.lifecycle import Transition, transition


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


SELLER_TRANSITIONS: dict[tuple[SellerStatus, SellerAction], Transition] = {
    (SellerStatus.INVITED, SellerAction.REGISTER): _t(SellerStatus.REGISTERED, Party.OWNER),
    (SellerStatus.REGISTERED, SellerAction.SUBMIT): _t(SellerStatus.SUBMITTED, Party.OWNER),
    (SellerStatus.REVISION_REQUESTED, SellerAction.SUBMIT): _t(SellerStatus.SUBMITTED, Party.OWNER),
    (SellerStatus.SUBMITTED, SellerAction.APPROVE): _t(SellerStatus.VERIFIED, Party.VERIFIER),
    (SellerStatus.SUBMITTED, SellerAction.REQUEST_REVISION):
        _t(SellerStatus.REVISION_REQUESTED, Party.VERIFIER, reason=True),
    (SellerStatus.SUBMITTED, SellerAction.REJECT): _t(SellerStatus.REJECTED, Party.VERIFIER, reason=True),
    (SellerStatus.VERIFIED, SellerAction.SUSPEND):
        _t(SellerStatus.SUSPENDED, Party.VERIFIER, Party.SYSTEM, reason=True),
    (SellerStatus.SUSPENDED, SellerAction.REINSTATE): _t(SellerStatus.VERIFIED, Party.VERIFIER),
}

# States whose data the owner may edit freely (nothing of it is public yet or any more).
SELLER_EDITABLE = frozenset({SellerStatus.INVITED, SellerStatus.REGISTERED, SellerStatus.REVISION_REQUESTED})
SELLER_TERMINAL = frozenset({SellerStatus.REJECTED})
