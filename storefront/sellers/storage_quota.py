"""How much private storage a business uses, and the limit (SELLER_STORAGE_QUOTA_BYTES).

A seller may add documents at any time, as often as they like: without a limit one account could
fill the city's disk. The quota counts the files the business itself keeps (its documents, each
stored file once); files of a purchase request (the bendahara's payment proof, the delivery photo)
are bounded by the request's own steps, and refusing them would stop a payment, so they do not
count against the seller.
"""
from __future__ import annotations

import sqlalchemy as sa
from babel.numbers import format_decimal
from flask import current_app
from flask_babel import get_locale

from storefront.extensions import db
from storefront.sellers.models import SellerDocument
from storefront.sellers.services import SellerError
from storefront.text import lazy_gettext as _l


def megabytes(size: int) -> str:
    """`12,3 MB` (the visitor's decimal mark)."""
    return f"{format_decimal(size / 1048576, format='#,##0.0', locale=str(get_locale() or 'id'))} MB"


def used_bytes(seller_id: int, storage) -> int:
    """The bytes of the business's stored files (a file two documents share counts once)."""
    rows = db.session.execute(sa.select(SellerDocument.file_key, SellerDocument.file_size)
                              .where(SellerDocument.seller_id == seller_id)).all()
    sizes: dict[str, int] = {}
    for key, size in rows:
        if key not in sizes:
            sizes[key] = size if size is not None else _stored_size(storage, key)
    return sum(sizes.values())


def _stored_size(storage, key: str) -> int:
    try:
        return storage.size(key)
    except FileNotFoundError:
        return 0


def check_room(seller_id: int, key: str, size: int, storage, *, field: str = "file") -> None:
    """Refuse a new file that would take the business over its quota (a file it already keeps
    costs nothing more)."""
    known = db.session.scalar(sa.select(SellerDocument.id).where(
        SellerDocument.seller_id == seller_id, SellerDocument.file_key == key).limit(1))
    if known is not None:
        return
    quota = current_app.config["SELLER_STORAGE_QUOTA_BYTES"]
    used = used_bytes(seller_id, storage)
    if used + size > quota:
        raise SellerError(_l("Ruang penyimpanan dokumen usaha ini tidak cukup: sudah terpakai %(used)s dari "
                             "%(quota)s, dan berkas ini %(size)s. Hapus dokumen yang tidak diperlukan lagi, "
                             "perkecil berkasnya, atau hubungi Dinas.", used=megabytes(used),
                             quota=megabytes(quota), size=megabytes(size)), field=field)
