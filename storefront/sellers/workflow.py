"""The seller and product lifecycles as transition tables (storefront/lifecycle.py). Plain Python:
no Flask, no database. Services call `next_state` and nothing else decides a status.
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


class ProductStatus(str, enum.Enum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"
    REVISION_REQUESTED = "revision_requested"
    REJECTED = "rejected"
    UNPUBLISHED = "unpublished"
    SUSPENDED = "suspended"


class ProductAction(str, enum.Enum):
    SUBMIT = "submit"
    APPROVE = "approve"
    REQUEST_REVISION = "request_revision"
    REJECT = "reject"
    UNPUBLISH = "unpublish"
    REPUBLISH = "republish"
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

P, PA = ProductStatus, ProductAction
PRODUCT_TRANSITIONS: dict[tuple[ProductStatus, ProductAction], Transition] = {
    (P.DRAFT, PA.SUBMIT): _t(P.IN_REVIEW, Party.OWNER),
    (P.REVISION_REQUESTED, PA.SUBMIT): _t(P.IN_REVIEW, Party.OWNER),
    (P.IN_REVIEW, PA.APPROVE): _t(P.PUBLISHED, Party.VERIFIER),
    (P.IN_REVIEW, PA.REQUEST_REVISION): _t(P.REVISION_REQUESTED, Party.VERIFIER, reason=True),
    (P.IN_REVIEW, PA.REJECT): _t(P.REJECTED, Party.VERIFIER, reason=True),
    (P.PUBLISHED, PA.UNPUBLISH): _t(P.UNPUBLISHED, Party.OWNER),
    # The approved version comes back as it was; a changed one goes through review instead.
    (P.UNPUBLISHED, PA.REPUBLISH): _t(P.PUBLISHED, Party.OWNER),
    (P.PUBLISHED, PA.SUSPEND): _t(P.SUSPENDED, Party.VERIFIER, Party.SYSTEM, reason=True),
    (P.SUSPENDED, PA.REINSTATE): _t(P.PUBLISHED, Party.VERIFIER),
}

# States whose data the owner may edit freely (nothing of it is public yet or any more).
SELLER_EDITABLE = frozenset({S.INVITED, S.REGISTERED, S.REVISION_REQUESTED})
PRODUCT_EDITABLE = frozenset({P.DRAFT, P.REVISION_REQUESTED})
# States with an approved version (live, or withdrawn and able to come back with REPUBLISH):
# a material edit waits in review beside it, so nothing unreviewed can go live.
PRODUCT_LIVE = frozenset({P.PUBLISHED, P.UNPUBLISHED})
SELLER_TERMINAL = frozenset({S.REJECTED})
PRODUCT_TERMINAL = frozenset({P.REJECTED})
