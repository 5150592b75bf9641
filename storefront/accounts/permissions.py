"""Who may do what with accounts and reference data. Pure predicates: no Flask, no database."""
from __future__ import annotations

from storefront.accounts.roles import BACK_OFFICE_READERS, OPD_ROLES, Role


def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def has_role(user, *roles: Role) -> bool:
    return is_signed_in(user) and user.role in roles


def can_read_back_office(user) -> bool:
    return is_signed_in(user) and user.role in BACK_OFFICE_READERS


def can_see_client_addresses(user) -> bool:
    """The IP address a record was written from is audit evidence, and personal data: the
    Inspektorat reads it; the parties see who acted and when, never from where (issue 10)."""
    return has_role(user, Role.AUDITOR)


def can_manage_users(user) -> bool:
    return has_role(user, Role.ADMIN)


def can_edit_reference(user) -> bool:
    return has_role(user, Role.ADMIN)


def is_opd_staff(user) -> bool:
    return is_signed_in(user) and user.role in OPD_ROLES and user.opd_id is not None


def acts_for_opd(user, opd_id: int | None) -> bool:
    """Procurement staff act only for their own OPD."""
    return is_opd_staff(user) and opd_id is not None and user.opd_id == opd_id

