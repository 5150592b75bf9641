"""What the Dinas reviews when it decides on a product or a seller, as facts (storefront/reviewed.py).

A product's facts are its status, every material field (what curation vouches for), its photos,
and the pending change if one waits; a seller's are its status, the profile the review page
shows and its documents. Stock and capacity are not reviewed (they change at once), so a seller
updating them does not make a verifier's page stale.
"""
from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from storefront.catalog.models import Product, ProductPhoto, ProductRevision, RevisionStatus
from storefront.extensions import db
from storefront.i18n import long_date, rupiah
from storefront.reference.models import Category, Kecamatan, Unit
from storefront.reviewed import Fact, fact
from storefront.sellers.halal.kinds import BusinessScale
from storefront.sellers.halal.statuses import HalalStatus
from storefront.sellers.identifiers.masking import mask_private
from storefront.sellers.labels import DOCUMENT_LABELS, PRODUCT_STATUS_LABELS, SELLER_STATUS_LABELS
from storefront.sellers.models import Seller, SellerDocument
from storefront.text import lazy_gettext as _l

PRODUCT_LABELS = {
    "name": _l("Nama produk"), "description": _l("Deskripsi"), "category_id": _l("Kategori"),
    "unit_id": _l("Satuan"), "price": _l("Harga"), "price_includes_ppn": _l("Harga termasuk PPN"),
    "halal_status": _l("Status halal"), "halal_certificate_number": _l("Nomor sertifikat halal"),
    "non_halal_ingredient": _l("Bahan tidak halal"), "halal_out_of_scope_reason": _l("Alasan tidak wajib halal"),
    "pirt_number": _l("Nomor P-IRT"), "bpom_number": _l("Nomor BPOM"), "photos": _l("Foto kemasan"),
}
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
    from storefront.sellers.listings import MATERIAL_FIELDS

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
