"""Who may see a purchase request, and as which party they act on it. Pure predicates: the user
and the request come loaded; nothing here queries.

A buyer sees only their own OPD's requests, a seller only their own; the Dinas verifier sees
requests in dispute (to mediate) and the auditor reads everything and changes nothing. Anyone
else gets a 404: whether a request exists is itself private.
"""
from __future__ import annotations

from storefront.accounts.roles import Role
from storefront.procurement.workflow import Party, RequestStatus

OPD_PARTIES = {Role.PEMESAN: Party.PEMESAN, Role.BENDAHARA: Party.BENDAHARA}
# The verifier is a party of a request while, and after, the Dinas mediated it.
MEDIATED = frozenset({RequestStatus.DISPUTED})


def parties(user, request, *, seller_owner_id: int | None, mediated: bool = False) -> set[Party]:
    """The parties `user` acts as on `request` (empty: none).

    `seller_owner_id` is the owner of the request's seller; `mediated` whether the request was
    ever in dispute (a verifier keeps reading what they mediated)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    role = user.role
    if role in OPD_PARTIES and user.opd_id == request.opd_id:
        return {OPD_PARTIES[role]}
    if role is Role.PPK and user.opd_id == request.opd_id and user.id == request.ppk_id:
        return {Party.PPK}
    if role is Role.SELLER and seller_owner_id is not None and user.id == seller_owner_id:
        return {Party.SELLER}
    if role is Role.VERIFIER and (request.status in MEDIATED or mediated):
        return {Party.VERIFIER}
    return set()


def can_view(user, request, *, seller_owner_id: int | None, mediated: bool = False) -> bool:
    """Parties read their requests; a PPK of the OPD reads them all (a colleague may be away);
    the auditor reads everything."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.role is Role.AUDITOR:
        return True
    if user.role is Role.PPK and user.opd_id == request.opd_id:
        return True
    return bool(parties(user, request, seller_owner_id=seller_owner_id, mediated=mediated))
