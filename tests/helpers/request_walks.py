"""Walking a purchase request through its table as the parties would (tests/procurement): the
shortest path between two statuses, each step taken through the service its party uses, a step's
form filled as a person would, and what a step may change."""
from __future__ import annotations

import itertools
from collections import deque

import sqlalchemy as sa

from storefront.accounts.models import User
from storefront.extensions import db
from storefront.i18n import rupiah
from storefront.listings.models import CapacityHold
from storefront.procurement import services
from storefront.procurement.models import Notice, PurchaseRequest, RequestEvent, RequestItem
from storefront.procurement.services import StepData
from storefront.procurement.workflow import TRANSITIONS, Party, RequestAction, RequestStatus

EDGES = [(source, action, t.target, t.parties) for (source, action), t in TRANSITIONS.items()
         if action is not RequestAction.EXPIRE]
PREFERRED = [Party.PEMESAN, Party.PPK, Party.SELLER, Party.BENDAHARA, Party.VERIFIER]
_n = itertools.count(1)


def path(start: RequestStatus, goal: RequestStatus) -> list[tuple[RequestStatus, RequestAction]] | None:
    """The shortest walk of (status, action) steps from start to goal; start == goal: a cycle."""
    queue, seen = deque([(start, [])]), set()
    while queue:
        state, walk = queue.popleft()
        for source, action, target, _ in EDGES:
            if source is not state or (target, action) in seen:
                continue
            seen.add((target, action))
            if target is goal:
                return walk + [(source, action)]
            queue.append((target, walk + [(source, action)]))
    return None


def actor(shop, party, verifier):
    return {Party.PEMESAN: shop.pemesan, Party.PPK: shop.ppk, Party.SELLER: shop.seller_owner,
            Party.BENDAHARA: shop.bendahara, Party.VERIFIER: verifier}[party]


def walk(app, shop, verifier, request_id, steps, markers):
    """Take each step through the service its party uses, changing what the step may change."""
    for state, action in steps:
        parties = TRANSITIONS[(state, action)].parties
        party = sorted(parties, key=PREFERRED.index)[0]
        n = next(_n)
        with app.test_request_context():
            request = db.session.get(PurchaseRequest, request_id)
            items = db.session.scalars(sa.select(RequestItem).where(RequestItem.request_id == request_id)
                                       .order_by(RequestItem.id)).all()
            data = StepData(sp_number=f"SP/UJI/{n}", note=f"Catatan langkah {n}")
            if action is RequestAction.COUNTER:
                data.prices = {items[0].id: items[0].unit_price - 1000}
                markers.append(rupiah(request.total - 1000 * items[0].quantity))
            if action is RequestAction.REPORT_NONCONFORMING:
                data.checklist = {"quantity_ok": True, "quality_ok": False, "on_time": True}
            if action in (RequestAction.SHIP, RequestAction.REPLACE, RequestAction.REPORT_NONCONFORMING):
                markers.append(data.note)
            services.act(request, action, actor=db.session.get(User, actor(shop, party, verifier).id), party=party,
                         reason="Alasan langkah uji", reason_code="lainnya", data=data)
            db.session.commit()


def fill(fields: dict) -> dict:
    """What a person types into a step's form: a reason, a reason code, the document numbers."""
    typed = {"reason": "Alasan uji", "sp_number": "SP/UJI/AKHIR", "bast_number": "BAST/UJI/1"}
    filled = dict(fields)
    for name, value in typed.items():
        if name in fields:
            filled[name] = value
    if "reason_code" in fields:
        filled["reason_code"] = "lainnya"
    # Questions with no default answer (issue 10 point 18): the quality fails, the rest is as ordered.
    for name in ("quantity_ok", "quality_ok"):
        if name in fields:
            filled[name] = "tidak" if name == "quality_ok" else "sesuai"
    for name in fields:
        if name.startswith("accepted-"):
            filled[name] = "1"
    return filled


def snapshot(app, request_id):
    with app.app_context():
        request = db.session.get(PurchaseRequest, request_id)
        row = {column.key: getattr(request, column.key) for column in sa.inspect(PurchaseRequest).columns
               if column.key != "updated_at"}
        items = db.session.execute(sa.select(RequestItem.quantity, RequestItem.unit_price,
                                             RequestItem.accepted_quantity).where(
            RequestItem.request_id == request_id).order_by(RequestItem.id)).all()
        counts = [db.session.scalar(sa.select(sa.func.count()).select_from(model)) for model in
                  (RequestEvent, Notice, CapacityHold)]
        return row, [tuple(item) for item in items], counts
