"""SQL statements per page are exact and do not grow with the data (counted per request)."""
from __future__ import annotations

from storefront.accounts.roles import Role


def statements(count_queries, client, url: str) -> int:
    with count_queries() as counter:
        response = client.get(url)
    assert response.status_code == 200
    return counter.count


def test_home_page_cost_is_fixed(make, client, count_queries):
    make.reference("medan")
    # Categories, the city with the live counts, both product shelves with units and photos;
    # anonymous visitors load no user. Each request below follows a change, so none is cached.
    assert statements(count_queries, client, "/") == 3
    seller = make.seller()
    make.product(seller)
    one = statements(count_queries, client, "/")
    for _ in range(6):
        make.product(make.seller())
    assert one == statements(count_queries, client, "/") == 3


def test_user_list_cost_does_not_grow_with_users(make, login, count_queries):
    admin = login(make.user(Role.ADMIN))
    opd = make.opd()
    for _ in range(3):
        make.user(Role.PEMESAN, opd=opd)
    few = statements(count_queries, admin, "/admin/pengguna")
    for _ in range(20):
        make.user(Role.PPK, opd=make.opd())
    many = statements(count_queries, admin, "/admin/pengguna")
    # session+user, count for the pager, the page of users, their OPDs in one go
    assert few == many == 4


def test_reference_items_cost_is_fixed(make, as_role, count_queries):
    make.reference("medan")
    auditor = as_role(Role.AUDITOR)
    # session+user, count for the pager, the page of rows
    assert statements(count_queries, auditor, "/admin/referensi/opd") == 3
    assert statements(count_queries, auditor, "/admin/referensi/kategori") == 3


def test_dashboard_cost(as_role, count_queries):
    client = as_role(Role.PPK)
    # session+user, the user's OPD
    assert statements(count_queries, client, "/dasbor") == 2
