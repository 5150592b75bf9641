"""Procurement's refusals: DomainErrors whose message is for the user (the edge shows them at
their field, storefront/web/edge.py)."""
from __future__ import annotations

from storefront.errors import DomainError
from storefront.text import lazy_gettext as _l


class ProcurementError(DomainError):
    """A step that cannot be taken as asked; `field` names the form field at fault."""


def request_changed() -> ProcurementError:
    """The second of two steps at once finds the request already moved (storefront/lifecycle_engine.py):
    the purchase request lifecycle's own words for it."""
    return ProcurementError(_l("Permintaan ini baru saja diubah. Muat ulang halamannya, lalu coba lagi."))
