"""Seller documents: a permit's number and dates with its photo or PDF, kept in private storage.

Documents never go to the public media storage: they live under DOCUMENT_ROOT and are served
only to the owner and the Dinas side (views check), so the public image route cannot reach them.
"""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import abort, current_app, send_file

from storefront.extensions import db
from storefront.media import pdfs, processing
from storefront.media.services import InvalidImage, read_bounded
from storefront.media.storage import LocalStorage, content_key
from storefront.sellers import storage_quota
from storefront.sellers import workflow as wf
from storefront.sellers.identifiers.business import validate_nib
from storefront.sellers.identifiers.core import InvalidIdentifier, normalise
from storefront.sellers.identifiers.permits import pirt_valid_until, validate_bpom, validate_halal_number, validate_pirt
from storefront.sellers.models import DocumentKind, Seller, SellerDocument
from storefront.sellers.services import SellerError
from storefront.text import lazy_gettext as _l
from storefront.timeutil import utcnow

PDF_MAGIC = b"%PDF-"
VALIDATORS = {
    DocumentKind.NIB: validate_nib,
    DocumentKind.HALAL: validate_halal_number,
    DocumentKind.PIRT: validate_pirt,
    DocumentKind.BPOM: validate_bpom,
}


def document_storage() -> LocalStorage:
    return LocalStorage(current_app.config["DOCUMENT_ROOT"])


def clean_number(kind: DocumentKind, number: str) -> str:
    validate = VALIDATORS.get(kind)
    if validate is None:  # SLHS numbers follow each Dinas Kesehatan's own pattern
        text = normalise(number)
        if not 3 <= len(text) <= 40:
            raise SellerError(_l("Isi nomor dokumen seperti tertulis pada dokumennya."), field="number")
        return (number or "").strip()[:40]
    try:
        return validate(number)
    except InvalidIdentifier as error:
        raise SellerError(str(error), field="number") from error


def add_document(seller: Seller, *, actor, kind: DocumentKind, number: str, issued_on: date | None,
                 expires_on: date | None, upload) -> SellerDocument:
    """Check the number, the dates and the file, store the file privately, add the row. Flushes.

    Raises SellerError or InvalidImage (with the field that is wrong); nothing is stored then.
    """
    if seller.status in wf.SELLER_TERMINAL:
        raise SellerError(_l("Pendaftaran usaha ini ditolak; dokumen tidak dapat ditambahkan."))
    number = clean_number(kind, number)
    if kind is DocumentKind.PIRT and expires_on is None:
        expires_on = pirt_valid_until(number)  # the last two digits are its end year
    if issued_on and expires_on and expires_on < issued_on:
        raise SellerError(_l("Tanggal berlaku sampai harus sesudah tanggal terbit."), field="expires_on")
    if upload is None or not getattr(upload, "filename", ""):
        raise SellerError(_l("Pilih foto atau PDF dokumennya."), field="file")
    data, content_type = file_content(upload)
    key = content_key_for(data, content_type)
    storage = document_storage()
    storage_quota.check_room(seller.id, key, len(data), storage)
    created = storage.save(key, data, content_type)
    try:
        document = SellerDocument(seller_id=seller.id, kind=kind, number=number, issued_on=issued_on,
                                  expires_on=expires_on, file_key=key, content_type=content_type,
                                  file_size=len(data))
        db.session.add(document)
        db.session.flush()
    except BaseException:
        if created:
            storage.delete(key)
        raise
    return document


def content_key_for(data: bytes, content_type: str) -> str:
    return content_key(data, "pdf" if content_type == "application/pdf" else "webp")


def file_content(upload, *, field: str = "file") -> tuple[bytes, str]:
    """A PDF re-written without anything that acts (media/pdfs.py), or a photo re-encoded to one
    clean WebP (metadata removed); both bounded. Errors name `field`, the form's file input."""
    max_bytes = current_app.config["MEDIA_MAX_BYTES"]
    data = read_bounded(upload, max_bytes)
    if data.startswith(PDF_MAGIC):
        if len(data) <= max_bytes:
            try:
                data = pdfs.make_inert(data)
            except pdfs.PdfRejected as rejected:
                raise SellerError(rejected.message, field=field) from rejected
        if len(data) > max_bytes:
            megabytes = f"{max_bytes / 1048576:g}"
            raise SellerError(_l("Berkas terlalu besar: maksimal %(mb)s MB.", mb=megabytes), field=field)
        return data, "application/pdf"
    try:
        processed = processing.process_image(data, max_bytes=max_bytes,
                                             max_pixels=current_app.config["MEDIA_MAX_PIXELS"], widths=(1600,))
    except processing.ImageRejected as rejected:
        raise InvalidImage(rejected, field=field) from rejected
    return processed.derivatives[-1].data, "image/webp"


def remove_document(document: SellerDocument, *, seller: Seller) -> str:
    """Only while the profile is still being prepared; afterwards the Dinas keeps what it checked.

    Returns the file key: call `delete_file_if_unused` with it after the commit.
    """
    if seller.status not in wf.SELLER_EDITABLE:
        raise SellerError(_l("Dokumen tidak dapat dihapus setelah profil diajukan."))
    key = document.file_key
    # One statement: when the same delete is posted twice at once, the second finds the row gone
    # and has the first's result (an ORM delete would fail on the missing row).
    db.session.execute(sa.delete(SellerDocument).where(SellerDocument.id == document.id))
    db.session.expunge(document)
    return key


def send_private(key: str, content_type: str, download_name: str):
    """A private file: never cached by shared caches; a PDF is downloaded, never run on our origin."""
    storage = document_storage()
    if not storage.exists(key):
        abort(404)
    is_pdf = content_type == "application/pdf"
    response = send_file(storage.open(key), mimetype=content_type, max_age=0, as_attachment=is_pdf,
                         download_name=download_name)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Content-Security-Policy"] = ("sandbox; default-src 'none'; img-src 'self'; "
                                                   "frame-ancestors 'none'; base-uri 'none'")
    return response


def delete_file_if_unused(key: str) -> bool:
    """Remove a document's file once no row refers to it (personal data is not kept for nothing)."""
    in_use = db.session.scalar(sa.select(SellerDocument.id).where(SellerDocument.file_key == key).limit(1))
    return False if in_use is not None else document_storage().delete(key)


def flag_expired(today: date) -> list[int]:
    """Mark documents whose end date has passed (the daily check, listings/expiry.py), each once.

    Returns the ids flagged now. Flushes nothing: the caller's flush writes them."""
    expired = db.session.scalars(sa.select(SellerDocument).where(
        SellerDocument.expires_on < today, SellerDocument.flagged_expired_at.is_(None))).all()
    for document in expired:
        document.flagged_expired_at = utcnow()
    return [document.id for document in expired]
