"""The pure predicates, over every role (no app needed)."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from storefront.accounts import permissions
from storefront.accounts.roles import OPD_ROLES, Role


@dataclass
class FakeUser:
    role: Role
    id: int = 1
    opd_id: int | None = None
    is_authenticated: bool = True


class Anonymous:
    is_authenticated = False


def user(role: Role, **kw) -> FakeUser:
    return FakeUser(role=role, opd_id=7 if role in OPD_ROLES else None, **kw)


@pytest.mark.parametrize("role", list(Role))
def test_back_office_predicates_per_role(role):
    u = user(role)
    assert permissions.can_read_back_office(u) is (role in (Role.ADMIN, Role.AUDITOR))
    assert permissions.can_manage_users(u) is (role is Role.ADMIN)
    assert permissions.can_edit_reference(u) is (role is Role.ADMIN)
    assert permissions.is_opd_staff(u) is (role in (Role.PEMESAN, Role.PPK, Role.BENDAHARA))


def test_anonymous_may_do_nothing():
    for predicate in (permissions.can_read_back_office, permissions.can_manage_users,
                      permissions.can_edit_reference, permissions.is_opd_staff, permissions.is_signed_in):
        assert predicate(Anonymous()) is False
    assert permissions.acts_for_opd(Anonymous(), 7) is False


@pytest.mark.parametrize("role", sorted(OPD_ROLES))
def test_opd_staff_act_only_for_their_own_opd(role):
    u = user(role)
    assert permissions.acts_for_opd(u, 7)
    assert not permissions.acts_for_opd(u, 8)
    assert not permissions.acts_for_opd(u, None)


def test_admin_and_auditor_never_act_for_an_opd():
    assert not permissions.acts_for_opd(user(Role.ADMIN), 7)
    assert not permissions.acts_for_opd(FakeUser(role=Role.AUDITOR, opd_id=7), 7)
