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

PRODUCT_TRANSITIONS: dict[tuple[ProductStatus, ProductAction], Transition] = {
    (ProductStatus.DRAFT, ProductAction.SUBMIT): _t(ProductStatus.IN_REVIEW, Party.OWNER),
    (ProductStatus.REVISION_REQUESTED, ProductAction.SUBMIT): _t(ProductStatus.IN_REVIEW, Party.OWNER),
    (ProductStatus.IN_REVIEW, ProductAction.APPROVE): _t(ProductStatus.PUBLISHED, Party.VERIFIER),
    (ProductStatus.IN_REVIEW, ProductAction.REQUEST_REVISION):
        _t(ProductStatus.REVISION_REQUESTED, Party.VERIFIER, reason=True),
    (ProductStatus.IN_REVIEW, ProductAction.REJECT): _t(ProductStatus.REJECTED, Party.VERIFIER, reason=True),
    (ProductStatus.PUBLISHED, ProductAction.UNPUBLISH): _t(ProductStatus.UNPUBLISHED, Party.OWNER),
    # The approved version comes back as it was; a changed one goes through review instead.
    (ProductStatus.UNPUBLISHED, ProductAction.REPUBLISH): _t(ProductStatus.PUBLISHED, Party.OWNER),
    (ProductStatus.PUBLISHED, ProductAction.SUSPEND):
        _t(ProductStatus.SUSPENDED, Party.VERIFIER, Party.SYSTEM, reason=True),
    (ProductStatus.SUSPENDED, ProductAction.REINSTATE): _t(ProductStatus.PUBLISHED, Party.VERIFIER),
}

# States whose data the owner may edit freely (nothing of it is public yet or any more).
SELLER_EDITABLE = frozenset({SellerStatus.INVITED, SellerStatus.REGISTERED, SellerStatus.REVISION_REQUESTED})
PRODUCT_EDITABLE = frozenset({ProductStatus.DRAFT, ProductStatus.REVISION_REQUESTED})
# States with an approved version (live, or withdrawn and able to come back with REPUBLISH):
# a material edit waits in review beside it, so nothing unreviewed can go live.
PRODUCT_LIVE = frozenset({ProductStatus.PUBLISHED, ProductStatus.UNPUBLISHED})
SELLER_TERMINAL = frozenset({SellerStatus.REJECTED})
PRODUCT_TERMINAL = frozenset({ProductStatus.REJECTED})
