"""The purchase request lifecycle (docs/domain.md, "Purchase requests") as one transition table. Plain Python: no Flask,
no database.

The table works as storefront/lifecycle.py says, and a status changes only through
storefront/lifecycle_engine.py `apply`; the services add the checks that need data
(the PPK never approves a request they submitted, a buyer acts only for their own OPD, a seller
only on their own requests). Tests run over the whole table.

The cart is the draft: submitting it makes one request per seller, already SUBMITTED.
"""
from __future__ import annotations

import enum

from storefront.lifecycle import Transition, transition


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


TRANSITIONS: dict[tuple[RequestStatus, RequestAction], Transition] = {
    (RequestStatus.SUBMITTED, RequestAction.APPROVE): _t(RequestStatus.APPROVED, Party.PPK),
    (RequestStatus.SUBMITTED, RequestAction.REJECT): _t(RequestStatus.REJECTED, Party.PPK, reason=True),
    (RequestStatus.SUBMITTED, RequestAction.CANCEL): _t(RequestStatus.CANCELLED, Party.PEMESAN, reason=True),
    (RequestStatus.SUBMITTED, RequestAction.EXPIRE): _t(RequestStatus.EXPIRED, Party.SYSTEM),
    (RequestStatus.APPROVED, RequestAction.ACCEPT): _t(RequestStatus.ACCEPTED, Party.SELLER),
    (RequestStatus.APPROVED, RequestAction.DECLINE): _t(RequestStatus.DECLINED, Party.SELLER, reason=True),
    (RequestStatus.APPROVED, RequestAction.COUNTER): _t(RequestStatus.COUNTERED, Party.SELLER, reason=True),
    (RequestStatus.APPROVED, RequestAction.CANCEL): _t(RequestStatus.CANCELLED, Party.PEMESAN, Party.PPK, reason=True),
    (RequestStatus.APPROVED, RequestAction.EXPIRE): _t(RequestStatus.EXPIRED, Party.SYSTEM),
    (RequestStatus.COUNTERED, RequestAction.RESUBMIT): _t(RequestStatus.SUBMITTED, Party.PEMESAN),
    (RequestStatus.COUNTERED, RequestAction.CANCEL): _t(RequestStatus.CANCELLED, Party.PEMESAN, reason=True),
    (RequestStatus.COUNTERED, RequestAction.EXPIRE): _t(RequestStatus.EXPIRED, Party.SYSTEM),
    (RequestStatus.ACCEPTED, RequestAction.SHIP): _t(RequestStatus.SHIPPED, Party.SELLER),
    (RequestStatus.ACCEPTED, RequestAction.TERMINATE):
        _t(RequestStatus.TERMINATED, Party.PPK, Party.SELLER, reason=True),
    (RequestStatus.SHIPPED, RequestAction.RECEIVE): _t(RequestStatus.DELIVERED, Party.PEMESAN, Party.PPK),
    (RequestStatus.SHIPPED, RequestAction.TERMINATE):
        _t(RequestStatus.TERMINATED, Party.PPK, Party.SELLER, reason=True),
    (RequestStatus.DELIVERED, RequestAction.INSPECT): _t(RequestStatus.INSPECTED, Party.PPK),
    (RequestStatus.DELIVERED, RequestAction.REPORT_NONCONFORMING):
        _t(RequestStatus.NONCONFORMING, Party.PPK, reason=True),
    (RequestStatus.NONCONFORMING, RequestAction.REPLACE): _t(RequestStatus.SHIPPED, Party.SELLER),
    (RequestStatus.NONCONFORMING, RequestAction.ACCEPT_PARTIAL): _t(RequestStatus.INSPECTED, Party.PPK, reason=True),
    (RequestStatus.NONCONFORMING, RequestAction.DISPUTE):
        _t(RequestStatus.DISPUTED, Party.PPK, Party.SELLER, reason=True),
    (RequestStatus.NONCONFORMING, RequestAction.TERMINATE): _t(RequestStatus.TERMINATED, Party.PPK, reason=True),
    (RequestStatus.DISPUTED, RequestAction.MEDIATE_REPLACE): _t(RequestStatus.ACCEPTED, Party.VERIFIER, reason=True),
    (RequestStatus.DISPUTED, RequestAction.MEDIATE_PARTIAL): _t(RequestStatus.INSPECTED, Party.VERIFIER, reason=True),
    (RequestStatus.DISPUTED, RequestAction.MEDIATE_TERMINATE):
        _t(RequestStatus.TERMINATED, Party.VERIFIER, reason=True),
    (RequestStatus.INSPECTED, RequestAction.SIGN_BAST): _t(RequestStatus.AWAITING_PAYMENT, Party.PPK),
    # The only way to a payment: a BAST signed for what was received and inspected. A termination
    # pays nothing: a delivery received in part is accepted in part (a partial BAST) instead.
    (RequestStatus.AWAITING_PAYMENT, RequestAction.RECORD_PAYMENT): _t(RequestStatus.PAID, Party.BENDAHARA),
    (RequestStatus.PAID, RequestAction.CONFIRM_PAYMENT): _t(RequestStatus.COMPLETED, Party.SELLER),
}

FINAL = frozenset({RequestStatus.REJECTED, RequestStatus.DECLINED, RequestStatus.CANCELLED, RequestStatus.EXPIRED,
                   RequestStatus.COMPLETED, RequestStatus.TERMINATED})
# Who is expected to move next in each open status: their inbox lists it, they are notified.
WAITS_FOR = {
    RequestStatus.SUBMITTED: Party.PPK,
    RequestStatus.APPROVED: Party.SELLER,
    RequestStatus.COUNTERED: Party.PEMESAN,
    RequestStatus.ACCEPTED: Party.SELLER,
    RequestStatus.SHIPPED: Party.PEMESAN,
    RequestStatus.DELIVERED: Party.PPK,
    RequestStatus.NONCONFORMING: Party.SELLER,
    RequestStatus.DISPUTED: Party.VERIFIER,
    RequestStatus.INSPECTED: Party.PPK,
    RequestStatus.AWAITING_PAYMENT: Party.BENDAHARA,
    RequestStatus.PAID: Party.SELLER,
}
# Waiting for an answer within the response deadline (3 working days, the LKPP rule).
WAITING_FOR_ANSWER = {RequestStatus.SUBMITTED: Party.PPK, RequestStatus.APPROVED: Party.SELLER,
                      RequestStatus.COUNTERED: Party.PEMESAN}
# The steps that move a request towards a contract binding the city: each re-checks that the seller
# is still verified and every product still published (procurement/eligibility.py).
COMMITS_CITY = frozenset({RequestAction.APPROVE, RequestAction.ACCEPT, RequestAction.COUNTER, RequestAction.RESUBMIT})
