"""Store and delete uploaded images: processing, storage and rows together. Flushes, never commits.

Files and rows cannot share one transaction, so the order is chosen to leave no broken state:
- upload: files first, then rows. A failure removes the files this call created; a rollback by
  the caller later leaves files no row refers to, which `prune_orphans` removes.
- delete: rows now, files after the commit (an `after_commit` hook). A rollback keeps the files;
  a crash between commit and deletion leaves orphans for `prune_orphans`.
Files are shared by identical uploads (content-hash keys), so a file goes only when no row is left.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import Session

from storefront.errors import DomainError
from storefront.extensions import db
from storefront.media import processing
from storefront.media.models import MediaDerivative, MediaImage
from storefront.media.storage import Storage, content_key, get_storage
from storefront.text import lazy_gettext as _l
from storefront.timeutil import utcnow

log = logging.getLogger(__name__)

# Files younger than this are never pruned: an upload in another worker may have written them and
# not committed its rows yet.
PRUNE_GRACE = timedelta(hours=1)
_PENDING_DELETES = "etalase_media_pending_deletes"


class InvalidImage(DomainError):
    """The upload was refused; the message says why in the visitor's language."""

    def __init__(self, rejected: processing.ImageRejected, *, field: str | None = None):
        super().__init__(_l(rejected.template, **rejected.params), field=field)
        self.reason = rejected.reason


def store_upload(upload, *, owner, max_bytes: int | None = None, max_pixels: int | None = None,
                 storage: Storage | None = None, field: str | None = None) -> MediaImage:
    """Check and store one uploaded photo (a werkzeug FileStorage or any binary stream).

    Raises InvalidImage (a DomainError) for anything that is not an acceptable photo. On any
    failure no row is added and the files written by this call are removed again.
    """
    config = current_app.config
    max_bytes = max_bytes or config["MEDIA_MAX_BYTES"]
    max_pixels = max_pixels or config["MEDIA_MAX_PIXELS"]
    storage = storage or get_storage(current_app)
    data = read_bounded(upload, max_bytes)
    try:
        processed = processing.process_image(data, max_bytes=max_bytes, max_pixels=max_pixels,
                                             widths=tuple(config["MEDIA_WIDTHS"]))
    except processing.ImageRejected as rejected:
        raise InvalidImage(rejected, field=field) from rejected
    del data
    created: list[str] = []
    try:
        rows = []
        for derivative in processed.derivatives:
            key = content_key(derivative.data)
            if storage.save(key, derivative.data, derivative.content_type):
                created.append(key)
            rows.append(MediaDerivative(width=derivative.width, height=derivative.height, key=key,
                                        bytes=derivative.size))
        image = MediaImage(owner_id=owner.id, original_format=processed.original_format,
                           original_width=processed.original_width,
                           original_height=processed.original_height,
                           original_bytes=processed.original_bytes, derivatives=rows)
        db.session.add(image)
        db.session.flush()
    except BaseException:
        _delete_files(storage, created)
        raise
    return image


def read_bounded(upload, max_bytes: int) -> bytes:
    """At most max_bytes + 1 bytes: enough to know the upload is too large, never more."""
    stream = getattr(upload, "stream", upload)
    try:
        stream.seek(0)  # a form validator may have peeked at it
    except (AttributeError, OSError, ValueError):
        pass
    chunks, remaining = [], max_bytes + 1
    while remaining > 0:
        chunk = stream.read(min(remaining, 1024 * 1024))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def delete_image(image: MediaImage, *, storage: Storage | None = None) -> list[str]:
    """Delete the image's rows now and, once the transaction commits, the files no other image
    uses. Returns the keys whose files will go."""
    storage = storage or get_storage(current_app)
    keys = set(db.session.scalars(sa.select(MediaDerivative.key).where(MediaDerivative.image_id == image.id)))
    db.session.delete(image)
    db.session.flush()
    still_used = set(db.session.scalars(
        sa.select(MediaDerivative.key).where(MediaDerivative.key.in_(keys)))) if keys else set()
    doomed = sorted(keys - still_used)
    db.session().info.setdefault(_PENDING_DELETES, []).extend((storage, key) for key in doomed)
    return doomed


def prune_orphans(storage: Storage, session: Session, *, grace: timedelta = PRUNE_GRACE,
                  now: datetime | None = None, dry_run: bool = False) -> list[str]:
    """Remove stored files that no media_derivatives row refers to; returns the removed keys.

    Idempotent: a second run finds nothing. Files modified within `grace` are kept (uploads in
    flight); pass `grace=timedelta(0)` only when no upload can be running.
    """
    referenced = set(session.scalars(sa.select(MediaDerivative.key).distinct()))
    cutoff = (now or utcnow()) - grace
    removed = []
    for key in sorted(storage.iter_keys()):
        if key in referenced:
            continue
        try:
            if storage.modified_at(key) > cutoff:
                continue
        except FileNotFoundError:  # removed meanwhile
            continue
        if dry_run or storage.delete(key):
            removed.append(key)
    return removed


def _delete_files(storage: Storage, keys: list[str]) -> None:
    for key in keys:
        try:
            storage.delete(key)
        except Exception:  # never hide the error that brought us here
            log.exception("could not remove media file %s", key)


@sa.event.listens_for(Session, "after_commit")
def _delete_committed(session: Session) -> None:
    pending = session.info.pop(_PENDING_DELETES, [])
    for storage, key in pending:
        _delete_files(storage, [key])


@sa.event.listens_for(Session, "after_soft_rollback")
def _keep_files_on_rollback(session: Session, _previous_transaction) -> None:
    # The rows are back, so their files stay. (A rolled-back savepoint also lands here: the files
    # of an earlier, committed deletion then stay too, and prune_orphans removes them later.)
    session.info.pop(_PENDING_DELETES, None)
