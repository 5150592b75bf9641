"""The navigation of each role, in one place (templates only render it).

An item is shown to whoever may open its page: the roles that `role_required` recorded on the view
(web/decorators.py), so the menu cannot drift from the guard and this module names no role.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from flask import current_app

from storefront.text import lazy_gettext as _l


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: object
    public: bool = False  # True: everyone, signed in or not; False: signed-in users the view admits


NAV_ITEMS = (
    NavItem("catalog.home", _l("Beranda"), public=True),
    NavItem("accounts.dashboard", _l("Dasbor")),  # login_required: every signed-in user
    NavItem("sellers.dashboard", _l("Usaha saya")),
    NavItem("listings.product_list", _l("Produk saya")),
    NavItem("procurement.cart", _l("Keranjang")),
    NavItem("procurement.inbox", _l("Permintaan pembelian")),
    NavItem("procurement.notices", _l("Pemberitahuan")),
    NavItem("verification.queue", _l("Verifikasi penjual")),
    NavItem("curation.queue", _l("Kurasi produk")),
    NavItem("registry.index", _l("Daftar binaan")),
    NavItem("admin.user_list", _l("Pengguna")),
    NavItem("admin.reference_list", _l("Data referensi")),
)


def items_for(user, view_functions: Mapping[str, Callable] | None = None) -> list[NavItem]:
    """The items `user` may open; `view_functions` (endpoint -> view) are the current app's unless given."""
    view_functions = current_app.view_functions if view_functions is None else view_functions
    if not getattr(user, "is_authenticated", False):
        return [item for item in NAV_ITEMS if item.public]
    return [item for item in NAV_ITEMS if item.public or _admits(view_functions[item.endpoint], user.role)]


def _admits(view: Callable, role) -> bool:
    allowed = getattr(view, "allowed_roles", None)  # None: no role_required, any signed-in user
    return allowed is None or role in allowed
