"""The purchase request lifecycle (docs/domain.md, "Purchase requests") as one transition table. Plain Python: no Flask,
no database.

The table works as storefront/lifecycle.py says; the services add the checks that need data
(the PPK never approves a request they submitted, a buyer acts only for their own OPD, a seller
only on their own requests). Tests run over the whole table.

The cart is the draft: submitting it makes one request per seller, already SUBMITTED.
"""
from __future__ import annotations

import enum

from storefront.lifecycle import ReasonRequired, Transition, TransitionNotAllowed, next_state, transition  # noqa: F401
from storefront.lifecycle import allowed_actions as _allowed


class Party(str, enum.Enum):
    PEMESAN = "pemesan"      # the OPD's procurement officer (PP) who submitted
    PPK = "ppk"              # the OPD's commitment officer
    BENDAHARA = "bendahara"  # the OPD's treasurer
    SELLER = "seller"        # the UMKM the request is addressed to
    VERIFIER = "verifier"    # Dinas staff, mediating disputes
    SYSTEM = "system"        # deadlines (expiry)


class RequestStatus(str, enum.Enum):
    SUBMITTED = "submitted"            # waits for the PPK
    APPROVED = "approved"              # Surat Pesanan issued; waits for the seller
    COUNTERED = "countered"            # the seller proposed other terms; waits for the pemesan
    ACCEPTED = "accepted"              # the seller accepted; capacity reserved
    SHIPPED = "shipped"
    DELIVERED = "delivered"            # received by the OPD; waits for inspection
    NONCONFORMING = "nonconforming"    # inspection found a problem
    DISPUTED = "disputed"              # the Dinas mediates
    INSPECTED = "inspected"            # accepted in full or in part; waits for the BAST
    AWAITING_PAYMENT = "awaiting_payment"  # BAST signed
    PAID = "paid"                      # the bendahara recorded the payment
    COMPLETED = "completed"            # the seller confirmed the money arrived
    REJECTED = "rejected"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    TERMINATED = "terminated"

    @property
    def is_final(self) -> bool:
        return self in FINAL


class RequestAction(str, enum.Enum):
    APPROVE = "approve"
    REJECT = "reject"
    ACCEPT = "accept"
    DECLINE = "decline"
    COUNTER = "counter"
    RESUBMIT = "resubmit"              # the pemesan takes a counter-offer back to the PPK
    SHIP = "ship"
    RECEIVE = "receive"
    INSPECT = "inspect"                # everything as ordered
    REPORT_NONCONFORMING = "report_nonconforming"
    REPLACE = "replace"                # the seller ships a replacement
    ACCEPT_PARTIAL = "accept_partial"
    DISPUTE = "dispute"
    MEDIATE_REPLACE = "mediate_replace"
    MEDIATE_PARTIAL = "mediate_partial"
    MEDIATE_TERMINATE = "mediate_terminate"
    SIGN_BAST = "sign_bast"
    RECORD_PAYMENT = "record_payment"
    CONFIRM_PAYMENT = "confirm_payment"
    CANCEL = "cancel"                  # before the seller accepted
    TERMINATE = "terminate"            # after it; pays nothing (a part received is accepted in part)
    EXPIRE = "expire"


def _t(target: RequestStatus, *parties: Party, reason: bool = False) -> Transition:
    return transition(target, *parties, reason=reason)


S, A, P = RequestStatus, RequestAction, Party
TRANSITIONS: dict[tuple[RequestStatus, RequestAction], Transition] = {
    (S.SUBMITTED, A.APPROVE): _t(S.APPROVED, P.PPK),
    (S.SUBMITTED, A.REJECT): _t(S.REJECTED, P.PPK, reason=True),
    (S.SUBMITTED, A.CANCEL): _t(S.CANCELLED, P.PEMESAN, reason=True),
    (S.SUBMITTED, A.EXPIRE): _t(S.EXPIRED, P.SYSTEM),
    (S.APPROVED, A.ACCEPT): _t(S.ACCEPTED, P.SELLER),
    (S.APPROVED, A.DECLINE): _t(S.DECLINED, P.SELLER, reason=True),
    (S.APPROVED, A.COUNTER): _t(S.COUNTERED, P.SELLER, reason=True),
    (S.APPROVED, A.CANCEL): _t(S.CANCELLED, P.PEMESAN, P.PPK, reason=True),
    (S.APPROVED, A.EXPIRE): _t(S.EXPIRED, P.SYSTEM),
    (S.COUNTERED, A.RESUBMIT): _t(S.SUBMITTED, P.PEMESAN),
    (S.COUNTERED, A.CANCEL): _t(S.CANCELLED, P.PEMESAN, reason=True),
    (S.COUNTERED, A.EXPIRE): _t(S.EXPIRED, P.SYSTEM),
    (S.ACCEPTED, A.SHIP): _t(S.SHIPPED, P.SELLER),
    (S.ACCEPTED, A.TERMINATE): _t(S.TERMINATED, P.PPK, P.SELLER, reason=True),
    (S.SHIPPED, A.RECEIVE): _t(S.DELIVERED, P.PEMESAN, P.PPK),
    (S.SHIPPED, A.TERMINATE): _t(S.TERMINATED, P.PPK, P.SELLER, reason=True),
    (S.DELIVERED, A.INSPECT): _t(S.INSPECTED, P.PPK),
    (S.DELIVERED, A.REPORT_NONCONFORMING): _t(S.NONCONFORMING, P.PPK, reason=True),
    (S.NONCONFORMING, A.REPLACE): _t(S.SHIPPED, P.SELLER),
    (S.NONCONFORMING, A.ACCEPT_PARTIAL): _t(S.INSPECTED, P.PPK, reason=True),
    (S.NONCONFORMING, A.DISPUTE): _t(S.DISPUTED, P.PPK, P.SELLER, reason=True),
    (S.NONCONFORMING, A.TERMINATE): _t(S.TERMINATED, P.PPK, reason=True),
    (S.DISPUTED, A.MEDIATE_REPLACE): _t(S.ACCEPTED, P.VERIFIER, reason=True),
    (S.DISPUTED, A.MEDIATE_PARTIAL): _t(S.INSPECTED, P.VERIFIER, reason=True),
    (S.DISPUTED, A.MEDIATE_TERMINATE): _t(S.TERMINATED, P.VERIFIER, reason=True),
    (S.INSPECTED, A.SIGN_BAST): _t(S.AWAITING_PAYMENT, P.PPK),
    # The only way to a payment: a BAST signed for what was received and inspected. A termination
    # pays nothing: a delivery received in part is accepted in part (a partial BAST) instead.
    (S.AWAITING_PAYMENT, A.RECORD_PAYMENT): _t(S.PAID, P.BENDAHARA),
    (S.PAID, A.CONFIRM_PAYMENT): _t(S.COMPLETED, P.SELLER),
}

FINAL = frozenset({S.REJECTED, S.DECLINED, S.CANCELLED, S.EXPIRED, S.COMPLETED, S.TERMINATED})
# Who is expected to move next in each open status: their inbox lists it, they are notified.
WAITS_FOR = {
    S.SUBMITTED: P.PPK, S.APPROVED: P.SELLER, S.COUNTERED: P.PEMESAN, S.ACCEPTED: P.SELLER,
    S.SHIPPED: P.PEMESAN, S.DELIVERED: P.PPK, S.NONCONFORMING: P.SELLER, S.DISPUTED: P.VERIFIER,
    S.INSPECTED: P.PPK, S.AWAITING_PAYMENT: P.BENDAHARA, S.PAID: P.SELLER,
}
# Waiting for an answer within the response deadline (3 working days, the LKPP rule).
WAITING_FOR_ANSWER = {S.SUBMITTED: P.PPK, S.APPROVED: P.SELLER, S.COUNTERED: P.PEMESAN}
# The steps that move a request towards a contract binding the city: each re-checks that the seller
# is still verified and every product still published (procurement/eligibility.py).
COMMITS_CITY = frozenset({A.APPROVE, A.ACCEPT, A.COUNTER, A.RESUBMIT})


def next_status(status: RequestStatus, action: RequestAction, party: Party, *, reason: str = "") -> RequestStatus:
    """The status after `action`; raises TransitionNotAllowed, or ReasonRequired without a reason."""
    return next_state(TRANSITIONS, status, action, party, reason=reason)


def allowed_actions(status: RequestStatus, parties) -> list[RequestAction]:
    """Actions any of `parties` may take from `status`, in table order (for buttons)."""
    return _allowed(TRANSITIONS, status, *parties)
