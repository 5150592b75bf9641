"""Product listings: create, edit, lifecycle, and material edits of live products as revisions.

A published product keeps its approved version live; a material change (name, price, unit,
description, category, halal or permit claims, photos) waits in a ProductRevision until a
verifier decides. Stock and capacity apply at once. Services flush and never commit. Statuses
(of products and revisions) change through the lifecycle engine (storefront/lifecycle_engine.py).
"""
from __future__ import annotations

import sqlalchemy as sa

from storefront import lifecycle_engine
from storefront import reviewed as reviewed_facts
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.lifecycle import ReasonRequired
from storefront.listings import review_facts
from storefront.listings import workflow as wf
from storefront.listings.models import (
    CLAIM_FIELDS,
    IMMEDIATE_FIELDS,
    MATERIAL_FIELDS,
    DeliveryArea,
    Product,
    ProductPhoto,
    ProductPriceHistory,
    ProductRevision,
)
from storefront.listings.workflow import ProductAction, ProductStatus, RevisionAction, RevisionStatus
from storefront.reference.models import Category, Kecamatan, Unit
from storefront.sellers.halal.claims import InvalidHalalClaim, OutOfScopeReason, validate_halal_claim
from storefront.sellers.halal.kinds import DEFAULT_CATEGORY_KINDS, CategoryKind
from storefront.sellers.halal.statuses import HalalStatus
from storefront.sellers.identifiers.core import InvalidIdentifier
from storefront.sellers.identifiers.permits import validate_bpom, validate_pirt
from storefront.sellers.models import Seller
from storefront.sellers.workflow import SELLER_TERMINAL, Party
from storefront.text import lazy_gettext as _l
from storefront.timeutil import utcnow


class ListingError(DomainError):
    """A listing change was refused; `field` names the form field."""


MAX_PRICE = 10_000_000_000  # 100 ≤ price ≤ 10.000.000.000 (docs/domain.md, "Money and tax")
MIN_PRICE = 100


def category_kind(category: Category, parent: Category | None) -> CategoryKind:
    """The halal rule group of a category: its own slug's, else its parent's, else 'other goods'."""
    for slug in (category.slug, parent.slug if parent else None):
        if slug in DEFAULT_CATEGORY_KINDS:
            return DEFAULT_CATEGORY_KINDS[slug]
    return CategoryKind.CRAFT_OTHER


def clean_values(seller: Seller, values: dict) -> dict:
    """Check every field of a listing and return the values to store (JSON-safe). Raises ListingError."""
    cleaned = dict(values)
    price = values.get("price")
    if price is None or not MIN_PRICE <= price <= MAX_PRICE:
        raise ListingError(_l("Harga dalam rupiah, antara Rp100 dan Rp10.000.000.000."), field="price")
    category = db.session.get(Category, values.get("category_id") or 0)
    if category is None or not category.active:
        raise ListingError(_l("Pilih kategori dari daftar."), field="category_id")
    unit = db.session.get(Unit, values.get("unit_id") or 0)
    if unit is None or not unit.active:
        raise ListingError(_l("Pilih satuan dari daftar."), field="unit_id")
    parent = db.session.get(Category, category.parent_id) if category.parent_id else None
    try:
        claim = validate_halal_claim(
            values.get("halal_status"), values.get("halal_certificate_number"), values.get("non_halal_ingredient"),
            values.get("halal_out_of_scope_reason"), category_kind=category_kind(category, parent),
            scale=seller.scale)
    except InvalidHalalClaim as error:
        field = {"status": "halal_status", "out_of_scope_reason": "halal_out_of_scope_reason"}.get(
            error.field, error.field)
        raise ListingError(str(error), field=field) from error
    cleaned.update(halal_status=claim.status.value, halal_certificate_number=claim.certificate_number or "",
                   non_halal_ingredient=claim.non_halal_ingredient or "",
                   halal_out_of_scope_reason=claim.out_of_scope_reason.value if claim.out_of_scope_reason else None)
    for field, validate in (("pirt_number", validate_pirt), ("bpom_number", validate_bpom)):
        try:
            cleaned[field] = validate(values[field]) if values.get(field) else ""
        except InvalidIdentifier as error:
            raise ListingError(str(error), field=field) from error
    if values.get("stock") is None and values.get("capacity_per_day") is None:
        raise ListingError(_l("Isi stok tersedia atau kapasitas produksi per hari."), field="capacity_per_day")
    return cleaned


def create_product(seller: Seller, *, actor, values: dict, delivery_kecamatan_ids=()) -> Product:
    """A new draft listing of `seller`. Raises ListingError."""
    if seller.status in SELLER_TERMINAL:
        raise ListingError(_l("Pendaftaran usaha ini ditolak; produk tidak dapat ditambahkan."))
    cleaned = clean_values(seller, values)
    product = Product(seller_id=seller.id, status=ProductStatus.DRAFT, **_typed(cleaned))
    product.delivery_kecamatan = _kecamatan(cleaned, delivery_kecamatan_ids)
    product.photos = []  # a new product has none; callers may read the list without a query
    db.session.add(product)
    db.session.flush()
    return product


def update_product(product: Product, *, seller: Seller, actor, values: dict,
                   delivery_kecamatan_ids=()) -> ProductRevision | None:
    """Edit a listing. Editable states change at once; a live product's material changes go to
    a revision (returned) while stock, capacity and terms change at once. Raises ListingError.
    """
    if product.status not in wf.PRODUCT_EDITABLE | wf.PRODUCT_LIVE:
        raise ListingError(_l("Produk ini sedang diperiksa atau dibekukan, jadi belum bisa diubah."))
    cleaned = _typed(clean_values(seller, values))
    product.delivery_kecamatan = _kecamatan(cleaned, delivery_kecamatan_ids)
    if product.status in wf.PRODUCT_EDITABLE:
        for key, value in cleaned.items():
            setattr(product, key, value)
        db.session.flush()
        return None
    for key in IMMEDIATE_FIELDS:
        setattr(product, key, cleaned[key])
    # The form carries every field, so the revision is rebuilt from it: setting a field back to
    # its live value withdraws that change. Photo changes are kept (they have their own page).
    changes = {key: _json(cleaned[key]) for key in MATERIAL_FIELDS if cleaned[key] != getattr(product, key)}
    revision = pending_revision(product)
    if revision is not None and "photos" in revision.changes:
        changes["photos"] = revision.changes["photos"]
    if not changes:
        if revision is not None:
            lifecycle_engine.apply(revision, RevisionAction.WITHDRAW, actor, party=Party.OWNER)
        db.session.flush()
        return None
    if revision is None:
        revision = ProductRevision(product_id=product.id, changes={}, author_id=actor.id)
        db.session.add(revision)
    revision.changes = changes
    db.session.flush()
    return revision


def pending_revision(product: Product) -> ProductRevision | None:
    return db.session.scalar(sa.select(ProductRevision).where(
        ProductRevision.product_id == product.id, ProductRevision.status == RevisionStatus.IN_REVIEW))


def act(product: Product, action: ProductAction, *, actor, party: Party, reason: str = "",
        verified_claims: bool = False, field_reasons: dict | None = None, reviewed: dict | None = None) -> None:
    """Apply a lifecycle action. Submitting needs a photo; approving records the price.

    `reviewed`: the facts the decision page showed (reviewed.py); a decision on facts that changed
    since is refused. Raises ListingError, reviewed.StaleDecision or workflow.TransitionNotAllowed.
    """
    if reviewed is not None:
        reviewed_facts.check(reviewed, review_facts.product_facts(product))
    if action is ProductAction.SUBMIT and not product.photos:
        raise ListingError(_l("Tambahkan minimal satu foto kemasan sebelum mengajukan produk."))
    try:
        lifecycle_engine.apply(product, action, actor, party=party, reason=reason, field_reasons=field_reasons or {})
    except ReasonRequired as error:
        raise ListingError(_l("Tuliskan alasannya agar penjual tahu apa yang harus diperbaiki."),
                           field="reason") from error
    now = utcnow()
    if action is ProductAction.SUBMIT:
        product.submitted_at = now
    if action is ProductAction.APPROVE:
        product.published_at = now
        product.listed_or_repriced_at = now
        product.claims_verified_at = now if verified_claims else None
        record_price(product, actor)
    db.session.flush()


def decide_revision(revision: ProductRevision, *, product: Product, actor, approve: bool, reason: str = "",
                    verified_claims: bool = False, reviewed: dict | None = None) -> None:
    """Apply or refuse a pending material edit of a live product, as reviewed (see `act`). A
    refusal needs a reason."""
    if reviewed is not None:
        reviewed_facts.check(reviewed, review_facts.product_facts(product))
    if revision.status is not RevisionStatus.IN_REVIEW or product.status not in wf.PRODUCT_LIVE:
        raise ListingError(_l("Perubahan ini sudah diputuskan atau produknya tidak tayang lagi."))
    try:  # decided once, by the first of two posts
        lifecycle_engine.apply(revision, RevisionAction.APPROVE if approve else RevisionAction.REJECT, actor,
                               party=Party.VERIFIER, reason=reason)
    except ReasonRequired as error:
        raise ListingError(_l("Tuliskan alasannya agar penjual tahu apa yang harus diperbaiki."),
                           field="reason") from error
    changes = dict(revision.changes)
    photos = changes.pop("photos", None)
    if approve:
        repriced = "price" in changes or "name" in changes or "price_includes_ppn" in changes
        for key, value in _typed(changes).items():
            setattr(product, key, value)
        if photos is not None:
            replace_live_photos(product, photos)
        if repriced:
            product.listed_or_repriced_at = utcnow()
            record_price(product, actor)
        if verified_claims:
            product.claims_verified_at = utcnow()
        elif changes.keys() & CLAIM_FIELDS:
            product.claims_verified_at = None  # the label vouched for numbers that changed
    revision.decided_at, revision.decided_by_id, revision.reason = utcnow(), actor.id, reason.strip()
    lifecycle_engine.record(product, "revision_approved" if approve else "revision_rejected", actor,
                            before=product.status, after=product.status, reason=reason)
    db.session.flush()


def replace_live_photos(product: Product, photos: list[dict]) -> None:
    """Make the product's photo rows exactly `photos`, in order, with one primary."""
    product.photos.clear()
    db.session.flush()
    for position, photo in enumerate(photos):
        product.photos.append(ProductPhoto(image_id=photo["image_id"], alt_text=photo["alt_text"],
                                           is_primary=photo["is_primary"], position=position))
    db.session.flush()


def record_price(product: Product, actor) -> None:
    """Append-only price history: a row each time a price is published."""
    db.session.add(ProductPriceHistory(product_id=product.id, price=product.price,
                                       price_includes_ppn=product.price_includes_ppn,
                                       actor_id=getattr(actor, "id", None)))


def _kecamatan(cleaned: dict, ids) -> list[Kecamatan]:
    if cleaned.get("delivery_area") != DeliveryArea.CITY.value and cleaned.get("delivery_area") is not None:
        chosen = db.session.scalars(sa.select(Kecamatan).where(Kecamatan.id.in_(list(ids) or [0]))).all()
        if not chosen:
            raise ListingError(_l("Pilih minimal satu kecamatan tujuan pengiriman."), field="delivery_kecamatan")
        return list(chosen)
    return []


def _json(value):
    return value.value if hasattr(value, "value") else value


def _typed(values: dict) -> dict:
    """Plain values (forms, JSON) back to the column types."""
    typed = {key: value for key, value in values.items() if key in MATERIAL_FIELDS + IMMEDIATE_FIELDS}
    if typed.get("halal_status") is not None:
        typed["halal_status"] = HalalStatus(typed["halal_status"])
    if "halal_out_of_scope_reason" in typed:
        reason = typed["halal_out_of_scope_reason"]
        typed["halal_out_of_scope_reason"] = OutOfScopeReason(reason) if reason else None
    if typed.get("delivery_area") is not None:
        typed["delivery_area"] = DeliveryArea(typed["delivery_area"])
    return typed
