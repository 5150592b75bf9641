"""Issuing a Surat Pesanan or a BAST freezes it: the facts it states are taken from the database at
that moment and kept with their fingerprint (models.IssuedDocument). From then on the PDF is drawn
from the frozen facts and the QR page checks a link against them, so a document printed today still
verifies after a PPK, an OPD or a seller is renamed, and still says what it said.

A link verifies when its kind, request and fingerprint name a frozen document whose facts still
hash to that fingerprint (a row altered behind the app's back does not verify either).
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from storefront.accounts.models import User
from storefront.extensions import db
from storefront.procurement import documents
from storefront.procurement.models import IssuedDocument, PurchaseRequest
from storefront.reference.models import Opd
from storefront.sellers.models import Seller


def issue(request: PurchaseRequest, kind: str, at: datetime) -> IssuedDocument:
    """Freeze the document of `kind` the request now carries (its number set, items loaded)."""
    content = documents.facts(request, kind, opd=db.session.get(Opd, request.opd_id),
                              ppk=db.session.get(User, request.ppk_id),
                              seller=db.session.get(Seller, request.seller_id), issued_at=at)
    record = IssuedDocument(request_id=request.id, kind=kind, number=content["number"], facts=content,
                            digest=documents.fingerprint(content), issued_at=at)
    db.session.add(record)
    return record


def _latest(request_id: int, kind: str) -> IssuedDocument | None:
    return db.session.scalar(sa.select(IssuedDocument).where(
        IssuedDocument.request_id == request_id, IssuedDocument.kind == kind)
        .order_by(IssuedDocument.id.desc()).limit(1))


def current(request: PurchaseRequest, kind: str) -> IssuedDocument | None:
    """The document of `kind` the request stands on now; None before it is issued, or after a
    counter-offer withdrew the Surat Pesanan (until the PPK issues a new one)."""
    if not documents.issued(request, kind):
        return None
    return _latest(request.id, kind)


def find(kind: str, request_id: int, digest: str) -> IssuedDocument | None:
    """The frozen document a verification link names, or None: not issued, or not as issued."""
    if kind not in documents.KINDS:
        return None
    record = db.session.scalar(sa.select(IssuedDocument).where(
        IssuedDocument.request_id == request_id, IssuedDocument.kind == kind, IssuedDocument.digest == digest)
        .order_by(IssuedDocument.id.desc()).limit(1))
    if record is None or documents.fingerprint(record.facts) != record.digest:
        return None
    return record


def is_replaced(record: IssuedDocument, request: PurchaseRequest) -> bool:
    """Genuine, but no longer the one the request stands on (a later Surat Pesanan replaced it,
    or a counter-offer withdrew it)."""
    standing = current(request, record.kind)
    return standing is None or standing.id != record.id
