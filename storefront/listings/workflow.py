"""The product lifecycle as a transition table (storefront/lifecycle.py). Plain Python: no Flask,
no database. Services call `next_state` and nothing else decides a status.

The parties are the seller lifecycle's (sellers/workflow.py): the owner of the business, the Dinas
verifier, and the system (permit expiry).
"""
from __future__ import annotations

import enum

from storefront.lifecycle import (ReasonRequired, Transition, TransitionNotAllowed,  # noqa: F401
                                  allowed_actions, next_state, transition)
from storefront.sellers.workflow import Party


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
PRODUCT_EDITABLE = frozenset({P.DRAFT, P.REVISION_REQUESTED})
# States with an approved version (live, or withdrawn and able to come back with REPUBLISH):
# a material edit waits in review beside it, so nothing unreviewed can go live.
PRODUCT_LIVE = frozenset({P.PUBLISHED, P.UNPUBLISHED})
PRODUCT_TERMINAL = frozenset({P.REJECTED})
