"""Who may see and change a seller and its products. Pure predicates: no Flask, no database."""
from __future__ import annotations

from storefront.accounts.roles import Role
from storefront.sellers.workflow import Party


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def owns(user, seller) -> bool:
    return (_signed_in(user) and user.role is Role.SELLER and seller is not None
            and seller.owner_id is not None and seller.owner_id == user.id)


def party_for(user, seller) -> Party | None:
    """The user's party in the seller and product lifecycles, if any."""
    if owns(user, seller):
        return Party.OWNER
    if _signed_in(user) and user.role is Role.VERIFIER:
        return Party.VERIFIER
    return None


def can_verify(user) -> bool:
    return _signed_in(user) and user.role is Role.VERIFIER
