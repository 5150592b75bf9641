"""Back-office changes that span features; each delegates to the owning feature's service."""
from __future__ import annotations

import sqlalchemy as sa

from storefront.accounts import services as accounts
from storefront.accounts.models import User
from storefront.accounts.roles import Role
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.sellers.models import Seller
from storefront.text import lazy_gettext as _l


def update_user(user: User, *, actor: User, name: str, role: Role, opd_id: int | None) -> None:
    """Change an account. A seller who owns a business keeps the seller role: as a verifier, say,
    they would decide on their own business. Raises DomainError (field `role`) or AccountError."""
    if user.role is Role.SELLER and role is not Role.SELLER and db.session.scalar(
            sa.select(Seller.id).where(Seller.owner_id == user.id)) is not None:
        raise DomainError(_l("Akun ini pemilik usaha binaan; perannya tidak dapat diganti. Buat akun baru "
                             "untuk peran lain."), field="role")
    accounts.update_user(user, actor=actor, name=name, role=role, opd_id=opd_id)
