"""The navigation of each role, in one place (templates only render it)."""
from __future__ import annotations

from dataclasses import dataclass


from storefront.accounts.roles import BACK_OFFICE_READERS, DINAS_READERS, PROCUREMENT_READERS, Role
from storefront.text import lazy_gettext as _l


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: object
    roles: frozenset[Role] | None  # None: everyone, signed in or not


ALL_SIGNED_IN = frozenset(Role)
READ_REFERENCE = BACK_OFFICE_READERS

NAV_ITEMS = (
    NavItem("catalog.home", _l("Beranda"), None),
    NavItem("accounts.dashboard", _l("Dasbor"), ALL_SIGNED_IN),
    NavItem("sellers.dashboard", _l("Usaha saya"), frozenset({Role.SELLER})),
    NavItem("listings.product_list", _l("Produk saya"), frozenset({Role.SELLER})),
    NavItem("procurement.cart", _l("Keranjang"), frozenset({Role.PEMESAN})),
    NavItem("procurement.inbox", _l("Permintaan pembelian"), PROCUREMENT_READERS),
    NavItem("procurement.notices", _l("Pemberitahuan"), PROCUREMENT_READERS),
    NavItem("verification.queue", _l("Verifikasi penjual"), DINAS_READERS),
    NavItem("curation.queue", _l("Kurasi produk"), DINAS_READERS),
    NavItem("registry.index", _l("Daftar binaan"), DINAS_READERS),
    NavItem("admin.user_list", _l("Pengguna"), READ_REFERENCE),
    NavItem("admin.reference_list", _l("Data referensi"), READ_REFERENCE),
)


def items_for(user) -> list[NavItem]:
    role = user.role if getattr(user, "is_authenticated", False) else None
    return [item for item in NAV_ITEMS if item.roles is None or role in item.roles]
