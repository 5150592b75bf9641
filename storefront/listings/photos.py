"""Packaging photos of a listing: 1-8, one primary, alt text required, in the seller's order.

Editable products change their photos at once. A live product's photo changes go into its
pending revision (as a list of {image_id, alt_text, is_primary}), reviewed with the rest.
"""
from __future__ import annotations

from storefront import once
from storefront.extensions import db
from storefront.listings import workflow as wf
from storefront.listings.models import Product, ProductRevision
from storefront.listings.services import ListingError, pending_revision, replace_live_photos
from storefront.media import services as media
from storefront.text import lazy_gettext as _l

MAX_PHOTOS = 8


def current_set(product: Product) -> list[dict]:
    """The photo list the seller is editing: the pending revision's, else the live one."""
    revision = pending_revision(product) if product.status in wf.PRODUCT_LIVE else None
    if revision is not None and "photos" in revision.changes:
        return [dict(photo) for photo in revision.changes["photos"]]
    return [{"image_id": p.image_id, "alt_text": p.alt_text, "is_primary": p.is_primary} for p in product.photos]


def add_photo(product: Product, upload, *, alt_text: str, actor) -> None:
    """Store the upload (decoded, cleaned, resized) and append it. Raises ListingError/InvalidImage."""
    photos = current_set(product)
    if len(photos) >= MAX_PHOTOS:
        raise ListingError(_l("Maksimal %(n)d foto per produk. Hapus satu dulu.", n=MAX_PHOTOS), field="photo")
    if not alt_text.strip():
        raise ListingError(_l("Tulis keterangan foto, misalnya: kemasan depan bika ambon pandan."),
                           field="alt_text")
    if upload is None or not getattr(upload, "filename", ""):
        raise ListingError(_l("Pilih foto kemasan dari galeri atau kamera."), field="photo")
    image = media.store_upload(upload, owner=actor, field="photo")
    photos.append({"image_id": image.id, "alt_text": alt_text.strip()[:200], "is_primary": not photos})
    _save(product, photos, actor)


def change(product: Product, index: int, operation: str, *, actor, alt_text: str = "") -> None:
    """Move up or down, make primary, remove, or re-describe the photo at `index`."""
    once.lock(product, "photos", "status")  # the same change posted twice at once: the second starts from the first's result
    photos = current_set(product)
    if not 0 <= index < len(photos):
        raise ListingError(_l("Foto tidak ditemukan."))
    if operation == "up" and index > 0:
        photos[index - 1], photos[index] = photos[index], photos[index - 1]
    elif operation == "down" and index < len(photos) - 1:
        photos[index + 1], photos[index] = photos[index], photos[index + 1]
    elif operation == "primary":
        for position, photo in enumerate(photos):
            photo["is_primary"] = position == index
    elif operation == "remove":
        if len(photos) == 1 and product.status is not wf.ProductStatus.DRAFT:
            raise ListingError(_l("Produk perlu minimal satu foto. Tambahkan foto lain dulu."))
        removed = photos.pop(index)
        if removed["is_primary"] and photos:
            photos[0]["is_primary"] = True
    elif operation == "describe":
        if not alt_text.strip():
            raise ListingError(_l("Keterangan foto wajib diisi."), field="alt_text")
        photos[index]["alt_text"] = alt_text.strip()[:200]
    else:
        raise ListingError(_l("Perubahan foto tidak dikenal."))
    _save(product, photos, actor)


def _save(product: Product, photos: list[dict], actor) -> None:
    if product.status in wf.PRODUCT_EDITABLE:
        replace_live_photos(product, photos)
    elif product.status in wf.PRODUCT_LIVE:
        revision = pending_revision(product)
        if revision is None:
            revision = ProductRevision(product_id=product.id, changes={}, author_id=actor.id)
            db.session.add(revision)
        revision.changes = {**revision.changes, "photos": photos}
        db.session.flush()
    else:
        raise ListingError(_l("Produk ini sedang diperiksa atau dibekukan, jadi fotonya belum bisa diubah."))
