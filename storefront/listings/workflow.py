"""The product lifecycle, and the review of a live product's material edit (a revision), as
transition tables (storefront/lifecycle.py). Plain Python: no Flask, no database. A status changes
only through storefront/lifecycle_engine.py `apply`, which asks these tables.

The parties are the seller lifecycle's (sellers/workflow.py): the owner of the business, the Dinas
verifier, and the system (permit expiry).
"""
from __future__ import annotations

import enum

from storefront.lifecycle import Transition, transition
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
PRODUCT_EDITABLE = frozenset({ProductStatus.DRAFT, ProductStatus.REVISION_REQUESTED})
# States with an approved version (live, or withdrawn and able to come back with REPUBLISH):
# a material edit waits in review beside it, so nothing unreviewed can go live.
PRODUCT_LIVE = frozenset({ProductStatus.PUBLISHED, ProductStatus.UNPUBLISHED})
PRODUCT_TERMINAL = frozenset({ProductStatus.REJECTED})


class RevisionStatus(str, enum.Enum):
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class RevisionAction(str, enum.Enum):
    APPROVE = "approve"
    REJECT = "reject"
    WITHDRAW = "withdraw"


# A material edit of a live product waits in review beside the live version (listings/services.py):
# the Dinas applies or refuses it, and refusing says why; the owner takes it back by setting the
# fields back to their live values. Each is decided once.
REVISION_TRANSITIONS: dict[tuple[RevisionStatus, RevisionAction], Transition] = {
    (RevisionStatus.IN_REVIEW, RevisionAction.APPROVE): _t(RevisionStatus.APPROVED, Party.VERIFIER),
    (RevisionStatus.IN_REVIEW, RevisionAction.REJECT): _t(RevisionStatus.REJECTED, Party.VERIFIER, reason=True),
    (RevisionStatus.IN_REVIEW, RevisionAction.WITHDRAW): _t(RevisionStatus.WITHDRAWN, Party.OWNER),
}
