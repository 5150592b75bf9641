"""Product status words as a UMKM owner reads them: one place for the templates.

The badge colours and the event words are shared with the seller lifecycle (sellers/labels.py).
"""
from __future__ import annotations

from storefront.listings.workflow import ProductAction, ProductStatus
from storefront.text import lazy_gettext as _l

PRODUCT_STATUS_LABELS = {
    ProductStatus.DRAFT: _l("Draf"),
    ProductStatus.IN_REVIEW: _l("Sedang dikurasi"),
    ProductStatus.PUBLISHED: _l("Tayang"),
    ProductStatus.REVISION_REQUESTED: _l("Perlu perbaikan"),
    ProductStatus.REJECTED: _l("Ditolak"),
    ProductStatus.UNPUBLISHED: _l("Tidak ditayangkan"),
    ProductStatus.SUSPENDED: _l("Dibekukan"),
}
# The owner's buttons on a product's page; submitting is the one the page leads to.
OWNER_ACTION_LABELS = {
    ProductAction.SUBMIT: _l("Ajukan ke Dinas untuk dikurasi"),
    ProductAction.UNPUBLISH: _l("Berhenti tayangkan"),
    ProductAction.REPUBLISH: _l("Tayangkan kembali"),
}
PRIMARY_OWNER_ACTIONS = frozenset({ProductAction.SUBMIT})


def product_status_label(value: str) -> str:
    """Label of a stored product status value (events keep plain strings); an unknown one as it is."""
    try:
        return str(PRODUCT_STATUS_LABELS[ProductStatus(value)])
    except ValueError:
        return value


def init_app(app) -> None:
    app.add_template_global(PRODUCT_STATUS_LABELS, "product_status_labels")
    app.add_template_global(OWNER_ACTION_LABELS, "owner_action_labels")
    app.add_template_global(PRIMARY_OWNER_ACTIONS, "primary_owner_actions")
    app.add_template_filter(product_status_label)
