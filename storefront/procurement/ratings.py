"""After completion: the buyer's rating of the seller (once) and the seller's reply (once)."""
from __future__ import annotations

import sqlalchemy as sa

from storefront import lifecycle_engine, once
from storefront.extensions import db
from storefront.procurement.errors import ProcurementError
from storefront.procurement.models import PurchaseRequest, Rating
from storefront.procurement.workflow import Party, RequestStatus
from storefront.text import lazy_gettext as _l
from storefront.timeutil import utcnow


def may_rate(request: PurchaseRequest, parties) -> bool:
    """The request's buyer rates it once it is completed (rate() refuses anything else)."""
    return request.status is RequestStatus.COMPLETED and Party.PEMESAN in parties


def may_reply(parties) -> bool:
    """The seller answers the rating of their own request."""
    return Party.SELLER in parties


def rate(request: PurchaseRequest, *, actor, on_time: int, as_described: int, quality: int, comment: str = ""):
    """The buyer's rating of a completed request, once; the seller's page shows it to buyers."""
    if request.status is not RequestStatus.COMPLETED:
        raise ProcurementError(_l("Penilaian diberikan setelah permintaan selesai."))
    if db.session.scalar(sa.select(Rating.id).where(Rating.request_id == request.id)) is not None:
        raise ProcurementError(_l("Permintaan ini sudah dinilai."))
    if not all(1 <= score <= 5 for score in (on_time, as_described, quality)):
        raise ProcurementError(_l("Beri nilai 1 sampai 5."), field="on_time")
    # One statement decides which of two posts at once rates: the other finds the row there.
    if not once.insert_once(Rating, dict(request_id=request.id, seller_id=request.seller_id, on_time=on_time,
                                         as_described=as_described, quality=quality, comment=comment.strip(),
                                         rated_by_id=actor.id, created_at=utcnow(), reply=""), key=["request_id"]):
        raise ProcurementError(_l("Permintaan ini sudah dinilai."))
    lifecycle_engine.record(request, "rate", actor, before=request.status, after=request.status,
                            details={"on_time": on_time, "as_described": as_described, "quality": quality})
    db.session.flush()
    return db.session.scalar(sa.select(Rating).where(Rating.request_id == request.id))


def reply(request: PurchaseRequest, *, actor, text: str) -> None:
    """The seller's answer to the rating of one of their requests (once, and it stays)."""
    rating = db.session.scalar(sa.select(Rating).where(Rating.request_id == request.id))
    if rating is None:
        raise ProcurementError(_l("Belum ada penilaian untuk ditanggapi."))
    if rating.replied_at is not None:
        raise ProcurementError(_l("Penilaian ini sudah Anda tanggapi."))
    if not text.strip():
        raise ProcurementError(_l("Tuliskan tanggapan Anda."), field="reply")
    # Written once: of two posts at once only one finds it empty; a reply is never overwritten.
    if not once.claim(Rating, Rating.id == rating.id, Rating.replied_at.is_(None),
                      values={"reply": text.strip(), "replied_at": utcnow()}):
        raise ProcurementError(_l("Penilaian ini sudah Anda tanggapi."))
    lifecycle_engine.record(request, "reply", actor, before=request.status, after=request.status)
    db.session.flush()
