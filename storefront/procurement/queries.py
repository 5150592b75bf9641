"""Reading purchase requests: whose they are, what waits for whom, and a request with everything its
page shows, each in a fixed number of statements."""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload

from storefront.accounts.roles import OPD_ROLES, Role
from storefront.extensions import db
from storefront.procurement.models import PurchaseRequest, RequestEvent
from storefront.procurement.workflow import WAITS_FOR, Party, RequestStatus
from storefront.sellers.models import Seller

PER_PAGE = 25
ROLE_PARTY = {Role.PEMESAN: Party.PEMESAN, Role.PPK: Party.PPK, Role.BENDAHARA: Party.BENDAHARA,
              Role.SELLER: Party.SELLER, Role.VERIFIER: Party.VERIFIER}


def scope(user) -> sa.ColumnElement[bool]:
    """The requests `user` may read (permissions.can_view, as SQL)."""
    if user.role is Role.AUDITOR:
        return sa.true()
    if user.role in OPD_ROLES:
        return PurchaseRequest.opd_id == user.opd_id
    if user.role is Role.SELLER:
        return PurchaseRequest.seller_id.in_(sa.select(Seller.id).where(Seller.owner_id == user.id))
    if user.role is Role.VERIFIER:
        return PurchaseRequest.id.in_(sa.select(RequestEvent.request_id).where(
            RequestEvent.to_status == RequestStatus.DISPUTED.value))
    return sa.false()


def waiting_for(user) -> sa.ColumnElement[bool]:
    """Requests whose next move is this user's (a PPK: only those naming them)."""
    party = ROLE_PARTY.get(user.role)
    statuses = [status for status, waiting in WAITS_FOR.items() if waiting is party]
    condition = PurchaseRequest.status.in_(statuses) if statuses else sa.false()
    if user.role is Role.PPK:
        condition = sa.and_(condition, PurchaseRequest.ppk_id == user.id)
    return condition


@dataclass
class Inbox:
    requests: list[PurchaseRequest]
    total: int
    page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PER_PAGE))


def inbox(user, *, only_waiting: bool, status: RequestStatus | None, page: int) -> Inbox:
    """One page of the user's requests, deadlines first, with their total (a window count): one
    statement (two when the page asked for is past the end)."""
    conditions = [scope(user)]
    if only_waiting:
        conditions.append(waiting_for(user))
    if status is not None:
        conditions.append(PurchaseRequest.status == status)
    rows = db.session.execute(
        sa.select(PurchaseRequest, sa.func.count().over().label("total")).where(*conditions)
        .options(joinedload(PurchaseRequest.seller), joinedload(PurchaseRequest.opd))
        .order_by(PurchaseRequest.respond_by.is_(None), PurchaseRequest.respond_by, PurchaseRequest.id.desc())
        .limit(PER_PAGE).offset((page - 1) * PER_PAGE)).all()
    if not rows and page > 1:
        return inbox(user, only_waiting=only_waiting, status=status, page=1)
    return Inbox([row[0] for row in rows], rows[0][1] if rows else 0, page)


def unpaid_by_opd(user) -> list:
    """For each OPD the user reads: requests waiting for payment and when their BASTs were
    signed (the pages count the working days since): one statement."""
    from storefront.reference.models import Opd

    return db.session.execute(
        sa.select(sa.func.coalesce(sa.func.nullif(Opd.short_name, ""), Opd.name), PurchaseRequest.bast_signed_at)
        .join(Opd, Opd.id == PurchaseRequest.opd_id)
        .where(scope(user), PurchaseRequest.status == RequestStatus.AWAITING_PAYMENT)).all()


def request_page(request_id: int) -> PurchaseRequest | None:
    """A request with its items, events (and their actors), payment, rating, OPD, seller and the
    people named on it: three statements whatever their number."""
    return db.session.scalar(
        sa.select(PurchaseRequest).where(PurchaseRequest.id == request_id)
        .options(joinedload(PurchaseRequest.seller).joinedload(Seller.owner), joinedload(PurchaseRequest.opd),
                 joinedload(PurchaseRequest.payment), joinedload(PurchaseRequest.rating),
                 joinedload(PurchaseRequest.ppk), joinedload(PurchaseRequest.submitted_by),
                 selectinload(PurchaseRequest.items),
                 selectinload(PurchaseRequest.events).joinedload(RequestEvent.actor)))


def was_disputed(request: PurchaseRequest) -> bool:
    """From the loaded events (no statement)."""
    return any(event.to_status == RequestStatus.DISPUTED.value for event in request.events)


@dataclass
class SellerRatings:
    count: int
    on_time: float
    as_described: float
    quality: float
    recent: list


def seller_ratings(seller_id: int, recent: int = 5) -> SellerRatings | None:
    """The buyers' ratings of a seller: averages over all, and the latest few with the replies.
    One statement (window aggregates beside the latest rows)."""
    from storefront.procurement.models import Rating

    rows = db.session.execute(
        sa.select(Rating, sa.func.count().over(), sa.func.avg(Rating.on_time).over(),
                  sa.func.avg(Rating.as_described).over(), sa.func.avg(Rating.quality).over())
        .where(Rating.seller_id == seller_id).order_by(Rating.id.desc()).limit(recent)).all()
    if not rows:
        return None
    _, count, on_time, as_described, quality = rows[0]
    return SellerRatings(count, float(on_time), float(as_described), float(quality), [row[0] for row in rows])
