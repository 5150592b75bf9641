"""What the Dinas reviews when it decides on a product, as facts (storefront/reviewed.py).

A product's facts are its status, every material field (what curation vouches for), its photos,
and the pending change if one waits. Stock and capacity are not reviewed (they change at once),
so a seller updating them does not make a verifier's page stale.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from storefront.extensions import db
from storefront.i18n import rupiah
from storefront.listings.labels import PRODUCT_STATUS_LABELS
from storefront.listings.models import MATERIAL_FIELDS, Product, ProductPhoto, ProductRevision
from storefront.listings.workflow import RevisionStatus
from storefront.reference.models import Category, Unit
from storefront.reviewed import Fact, fact
from storefront.sellers.halal.statuses import HalalStatus
from storefront.text import lazy_gettext as _l

PRODUCT_LABELS = {
    "name": _l("Nama produk"), "description": _l("Deskripsi"), "category_id": _l("Kategori"),
    "unit_id": _l("Satuan"), "price": _l("Harga"), "price_includes_ppn": _l("Harga termasuk PPN"),
    "halal_status": _l("Status halal"), "halal_certificate_number": _l("Nomor sertifikat halal"),
    "non_halal_ingredient": _l("Bahan tidak halal"), "halal_out_of_scope_reason": _l("Alasan tidak wajib halal"),
    "pirt_number": _l("Nomor P-IRT"), "bpom_number": _l("Nomor BPOM"), "photos": _l("Foto kemasan"),
}


def _plain(value):
    return value.value if hasattr(value, "value") else value


def _product_text(key: str, value) -> str:
    """A material field's value as a person reads it (JSON-plain values, as revisions store them)."""
    if value in (None, ""):
        return "—"
    if key == "price":
        return rupiah(value)
    if key == "price_includes_ppn":
        return _("Ya") if value else _("Tidak")
    if key == "category_id":
        return getattr(db.session.get(Category, value), "name", str(value))
    if key == "unit_id":
        return getattr(db.session.get(Unit, value), "name", str(value))
    if key == "halal_status":
        return str(HalalStatus(value).label)
    return str(value)


def _photos(photos: list, label=PRODUCT_LABELS["photos"]) -> Fact:
    listed = [[photo["image_id"], photo.get("alt_text", "")] for photo in photos]
    return fact(label, listed,
                shown=_("%(num)d foto", num=len(listed)) + ": "
                + ", ".join(alt for _, alt in listed))


def product_facts(product: Product) -> dict[str, Fact]:
    facts = {"status": fact(_l("Status"), product.status.value, shown=PRODUCT_STATUS_LABELS[product.status])}
    for key in MATERIAL_FIELDS:
        value = _plain(getattr(product, key))
        facts[key] = fact(PRODUCT_LABELS[key], value, shown=_product_text(key, value))
    photos = db.session.execute(sa.select(ProductPhoto.image_id, ProductPhoto.alt_text)
                                .where(ProductPhoto.product_id == product.id)
                                .order_by(ProductPhoto.position, ProductPhoto.id)).all()
    facts["photos"] = _photos([{"image_id": image_id, "alt_text": alt} for image_id, alt in photos])
    revision = db.session.scalar(sa.select(ProductRevision).where(
        ProductRevision.product_id == product.id, ProductRevision.status == RevisionStatus.IN_REVIEW))
    if revision is not None:
        proposed = _("diajukan")
        for key, value in sorted(revision.changes.items()):
            label = f"{PRODUCT_LABELS.get(key, key)} ({proposed})"
            facts[f"proposed:{key}"] = (_photos(value, label) if key == "photos"
                                        else fact(label, value, shown=_product_text(key, value)))
    return facts
