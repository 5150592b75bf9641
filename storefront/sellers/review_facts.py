"""What the Dinas reviews when it decides on a seller, as facts (storefront/reviewed.py): its status,
the profile the review page shows and its documents. A product's facts: listings/review_facts.py.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from storefront.extensions import db
from storefront.i18n import long_date
from storefront.reference.models import Kecamatan
from storefront.reviewed import Fact, fact
from storefront.sellers.halal.kinds import BusinessScale
from storefront.sellers.identifiers.masking import mask_private
from storefront.sellers.labels import DOCUMENT_LABELS, SELLER_STATUS_LABELS
from storefront.sellers.models import Seller, SellerDocument
from storefront.text import lazy_gettext as _l

SELLER_LABELS = {
    "business_name": _l("Nama usaha"), "legal_name": _l("Nama badan usaha"), "owner_name": _l("Nama pemilik"),
    "nib": _l("NIB"), "npwp": _l("NPWP"), "is_pkp": _l("PKP"), "scale": _l("Skala usaha"),
    "address": _l("Alamat"), "kecamatan_id": _l("Kecamatan"), "kelurahan": _l("Kelurahan"),
    "whatsapp": _l("WhatsApp"), "nik": _l("NIK pemilik"), "bank_name": _l("Nama bank"),
    "bank_account_number": _l("Nomor rekening"), "bank_account_holder": _l("Nama pemilik rekening"),
}
PRIVATE = frozenset({"nik", "bank_account_number"})  # shown masked, like on the review page


def _plain(value):
    return value.value if hasattr(value, "value") else value


def seller_facts(seller: Seller) -> dict[str, Fact]:
    facts = {"status": fact(_l("Status"), seller.status.value, shown=SELLER_STATUS_LABELS[seller.status])}
    for key, label in SELLER_LABELS.items():
        value = _plain(getattr(seller, key))
        if key in PRIVATE:
            shown = mask_private(value) if value else "—"
        elif key == "kecamatan_id":
            shown = getattr(db.session.get(Kecamatan, value), "name", "—") if value else "—"
        elif key == "scale":
            shown = str(BusinessScale(value).label) if value else "—"
        elif key == "is_pkp":
            shown = _("Ya") if value else _("Tidak")
        else:
            shown = None
        facts[key] = fact(label, value, shown=shown)
    documents = db.session.scalars(sa.select(SellerDocument).where(SellerDocument.seller_id == seller.id)
                                   .order_by(SellerDocument.id)).all()
    for document in documents:
        facts[f"document:{document.id}"] = fact(
            DOCUMENT_LABELS[document.kind],
            [document.kind.value, document.number, document.issued_on, document.expires_on, document.file_key],
            shown=f"{document.number}" + (f" ({long_date(document.expires_on)})" if document.expires_on else ""))
    return facts
