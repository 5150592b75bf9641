"""Every step of a purchase request after submission: one function, `act`, taking the step through
the lifecycle engine (storefront/lifecycle_engine.py, over the table in workflow.py) with what each
step records. Services flush; the caller commits once.

The table says whether the step is allowed for the party; the checks that need data are here:
the PPK never approves a request they submitted, a payment equals its signed BAST (settlement.py),
accepting holds the seller's stock and capacity (listings/capacity.py) or fails as a whole.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa

from storefront import lifecycle_engine
from storefront import reviewed as reviewed_facts
from storefront.extensions import db
from storefront.lifecycle import ReasonRequired
from storefront.listings import capacity
from storefront.listings.models import Product
from storefront.procurement import clock, eligibility, issuance, notify, review_facts, settlement
from storefront.procurement import workflow as wf
from storefront.procurement.errors import ProcurementError
from storefront.procurement.models import (
    MAX_QUANTITY,
    MAX_TOTAL,
    MAX_UNIT_PRICE,
    Payment,
    PaymentMethod,
    PurchaseRequest,
    RequestEvent,
    RequestItem,
)
from storefront.procurement.workflow import Party, RequestAction, RequestStatus
from storefront.text import lazy_gettext as _l
from storefront.timeutil import iso_day, utcnow

# Why a request ends badly, as the forms offer it (the free text adds detail).
CANCEL_REASONS = {
    "kebutuhan_batal": _l("Kebutuhan dibatalkan"), "anggaran": _l("Anggaran tidak tersedia"),
    "salah_pesan": _l("Salah memesan"), "penjual_tidak_sanggup": _l("Penjual tidak sanggup"),
    "keadaan_kahar": _l("Keadaan kahar (force majeure)"), "pembayaran_tidak_diproses":
        _l("Pembayaran tidak diproses sesuai Surat Pesanan"), "lainnya": _l("Lainnya"),
}
NEEDS_REASON_CODE = frozenset({RequestAction.CANCEL, RequestAction.TERMINATE, RequestAction.MEDIATE_TERMINATE})


class RequestBlocked(ProcurementError):
    """A step that commits the city, refused because the seller or a product dropped out."""

    def __init__(self, reasons: list[str]):
        super().__init__(_l("Langkah ini tidak dapat diambil: %(reasons)s Pemesan dan PPK sudah diberi tahu; "
                            "permintaan ini dapat dibatalkan atau ditolak.", reasons=" ".join(reasons)))
        self.reasons = reasons


@dataclass
class StepData:
    """What a step's form carries beyond the reason (each step reads its own part)."""

    sp_number: str = ""
    bast_number: str = ""
    note: str = ""
    photo_key: str | None = None
    checklist: dict = field(default_factory=dict)        # quantity_ok, quality_ok: True, False or None (unanswered)
    quantities: dict[int, int] = field(default_factory=dict)  # item id -> accepted (or countered) quantity
    prices: dict[int, int] = field(default_factory=dict)      # item id -> countered unit price
    needed_on: date | None = None
    method: PaymentMethod | None = None
    paid_on: date | None = None
    amount: int | None = None
    payment_reference: str = ""
    proof: tuple[str, str] | None = None  # (storage key, content type)
    party: Party | None = None  # set by act: who takes the step


def act(request: PurchaseRequest, action: RequestAction, *, actor, party: Party, reason: str = "",
        reason_code: str = "", data: StepData | None = None, ip: str = "", reviewed: dict | None = None) -> None:
    """Take one step. Raises TransitionNotAllowed, ProcurementError (RequestBlocked when the seller
    or a product dropped out before a step that commits the city) or reviewed.StaleDecision (the
    request is not what the step's page showed, `reviewed`); nothing changes then."""
    data = data or StepData()
    items = line_items(request)  # every step may read them
    if reviewed is not None:
        reviewed_facts.check(reviewed, review_facts.request_facts(request, items))
    if action in NEEDS_REASON_CODE and reason_code not in CANCEL_REASONS:
        raise ProcurementError(_l("Pilih alasannya."), field="reason_code")

    def check():  # once the table allowed the step
        if action is not RequestAction.EXPIRE and is_overdue(request):
            raise ProcurementError(_l("Batas waktu menjawab sudah lewat: permintaan ini kedaluwarsa."))
        if action in wf.COMMITS_CITY:
            found = eligibility.blockers(request, items)
            if found:
                raise RequestBlocked(found)

    def work():  # once the status is claimed: of two steps at once, the second never gets here
        data.party = party
        return {"details": STEPS[action](request, actor, data) if action in STEPS else {}}

    try:
        after = lifecycle_engine.apply(request, action, actor, party=party, reason=reason, check=check, work=work,
                                       reason_code=reason_code, ip_address=(ip or "")[:45])
    except ReasonRequired as error:
        raise ProcurementError(_l("Tuliskan alasannya."), field="reason") from error
    request.respond_by = clock.respond_by(utcnow()) if after in wf.WAITING_FOR_ANSWER else None
    db.session.flush()
    notify.request_waits(request, actor=actor)


def _approve(request, actor, data):
    if actor is not None and actor.id == request.submitted_by_id:
        raise ProcurementError(_l("Permintaan yang Anda ajukan sendiri tidak dapat Anda setujui."))
    if not data.sp_number.strip():
        raise ProcurementError(_l("Isi nomor Surat Pesanan."), field="sp_number")
    request.sp_number, request.sp_issued_at = data.sp_number.strip(), utcnow()
    issued = issuance.issue(request, "sp", request.sp_issued_at)
    return {"sp_number": request.sp_number, "digest": issued.digest}


def _counter(request, actor, data):
    offer = {}
    for item in request.items:
        quantity = data.quantities.get(item.id, item.quantity)
        price = data.prices.get(item.id, item.unit_price)
        if not (1 <= quantity <= MAX_QUANTITY and 1 <= price <= MAX_UNIT_PRICE):
            raise ProcurementError(_l("Jumlah dan harga tawaran harus lebih dari nol dan masuk akal."),
                                   field=f"item-{item.id}")
        offer[str(item.id)] = [quantity, price]
    if sum(quantity * price for quantity, price in offer.values()) > MAX_TOTAL:
        raise ProcurementError(_l("Nilai tawaran terlalu besar untuk satu permintaan."), field="note")
    needed_on = data.needed_on or request.needed_on
    if needed_on < clock.today_local():
        raise ProcurementError(_l("Tanggal yang ditawarkan sudah lewat."), field="needed_on")
    request.counter_offer = {"items": offer, "needed_on": iso_day(needed_on), "note": data.note.strip()}
    return request.counter_offer


def _resubmit(request, actor, data):
    offer = request.counter_offer or {}
    for item in request.items:
        item.quantity, item.unit_price = offer.get("items", {}).get(str(item.id), [item.quantity, item.unit_price])
    if offer.get("needed_on"):
        request.needed_on = date.fromisoformat(offer["needed_on"])
    request.total = sum(item.line_total for item in request.items)
    request.counter_offer = None
    request.sp_number, request.sp_issued_at = None, None  # the PPK issues a new Surat Pesanan
    return {"total": request.total, "needed_on": iso_day(request.needed_on)}


def _limits(request) -> dict[int, tuple[int | None, bool]]:
    ids = [item.product_id for item in request.items if item.product_id is not None]
    rows = db.session.execute(sa.select(Product.id, Product.capacity_per_day, Product.stock)
                              .where(Product.id.in_(ids))).all()
    return {row.id: (row.capacity_per_day, row.stock is not None) for row in rows}


def _accept(request, actor, data):
    limits, taken = _limits(request), []
    for item in request.items:
        per_day, stock = limits.get(item.product_id, (None, False))
        if not capacity.take(item.product_id, item.quantity, day=request.needed_on, capacity_per_day=per_day,
                             stock=stock):
            for done, done_per_day, done_stock in taken:
                capacity.give_back(done.product_id, done.quantity, day=request.needed_on,
                                   capacity=done_per_day is not None, stock=done_stock)
            raise ProcurementError(_l("Stok atau kapasitas %(name)s pada tanggal itu tidak cukup lagi.",
                                      name=item.name))
        taken.append((item, per_day, stock))
    # What was held, per item: released exactly so on termination, whatever the product says then.
    return {"held": {str(item.id): {"quantity": item.quantity, "capacity": per_day is not None, "stock": stock}
                     for item, per_day, stock in taken}}


def _terminate(request, actor, data):
    """The work done is what was received and inspected, computed, never stated by anyone (an
    amount in the form is not read). Nothing is paid after a termination: a part received is
    accepted in part and paid through its BAST instead (settlement.py)."""
    if request.status is RequestStatus.ACCEPTED:  # nothing left the seller yet: the units are free again
        held = _held(request)
        for item in request.items:
            what = held.get(str(item.id))
            if what is not None:
                capacity.give_back(item.product_id, what["quantity"], day=request.needed_on,
                                   capacity=what["capacity"], stock=what["stock"])
    return {"work_done": settlement.inspected_value(request)}


def _held(request) -> dict:
    """What the (latest) acceptance held, item by item, from its event."""
    details = db.session.scalar(sa.select(RequestEvent.details).where(
        RequestEvent.request_id == request.id, RequestEvent.action == RequestAction.ACCEPT.value)
        .order_by(RequestEvent.id.desc()).limit(1))
    return (details or {}).get("held", {})


def _ship(request, actor, data):
    request.shipping_note, request.shipping_photo_key = data.note.strip(), data.photo_key
    return {"note": request.shipping_note}


def _inspect(request, actor, data):
    for item in request.items:
        item.accepted_quantity = item.quantity
    request.accepted_total = request.total
    # "All as ordered" says nothing about time: that comes from the dates, not from a box.
    request.inspection = {"quantity_ok": True, "quality_ok": True, "on_time": settlement.delivered_on_time(request),
                          "note": data.note.strip()}
    return request.inspection


def _nonconforming(request, actor, data):
    checklist = {}
    for key in ("quantity_ok", "quality_ok"):  # asked, with no default: an unanswered one is no answer
        if data.checklist.get(key) not in (True, False):
            raise ProcurementError(_l("Pilih: sesuai atau tidak sesuai."), field=key)
        checklist[key] = data.checklist[key]
    checklist["on_time"] = settlement.delivered_on_time(request)
    if all(checklist.values()):
        raise ProcurementError(_l("Tandai apa yang tidak sesuai."), field="checklist")
    request.inspection = {**checklist, "note": data.note.strip()}
    return request.inspection


def _partial(request, actor, data):
    total = 0
    for item in request.items:
        accepted = data.quantities.get(item.id)
        if accepted is None or not 0 <= accepted <= item.quantity:
            raise ProcurementError(_l("Jumlah diterima harus antara 0 dan jumlah pesanan."), field=f"item-{item.id}")
        item.accepted_quantity, total = accepted, total + accepted * item.unit_price
    if total <= 0:
        raise ProcurementError(_l("Bila tidak ada yang diterima, putuskan pesanannya."), field="quantities")
    request.accepted_total = total
    return {"accepted": {str(item.id): item.accepted_quantity for item in request.items}, "total": total}


def _replace(request, actor, data):
    request.shipping_note = data.note.strip()
    return {"note": request.shipping_note}


def _sign_bast(request, actor, data):
    if not data.bast_number.strip():
        raise ProcurementError(_l("Isi nomor BAST."), field="bast_number")
    # The BAST is worth what was received and inspected, recomputed here: the amount to be paid.
    request.accepted_total = settlement.inspected_value(request)
    if request.accepted_total <= 0:
        raise ProcurementError(_l("Belum ada barang yang diperiksa dan diterima."), field="bast_number")
    request.bast_number, request.bast_signed_at = data.bast_number.strip(), utcnow()
    issued = issuance.issue(request, "bast", request.bast_signed_at)
    return {"bast_number": request.bast_number, "amount": request.accepted_total, "digest": issued.digest}


def _record_payment(request, actor, data):
    if not settlement.has_signed_bast(request):
        raise ProcurementError(_l("Belum ada BAST yang ditandatangani: tidak ada yang dapat dibayar."))
    due = settlement.payable(request)
    if data.method is None or data.paid_on is None or data.proof is None:
        raise ProcurementError(_l("Lengkapi cara, tanggal dan bukti pembayaran."), field="method")
    if data.paid_on > clock.today_local():
        raise ProcurementError(_l("Tanggal bayar tidak boleh di masa depan."), field="paid_on")
    if data.amount != due:
        raise ProcurementError(_l("Jumlah harus sama dengan nilai BAST: %(due)s.", due=_rupiah(due)), field="amount")
    db.session.add(Payment(request_id=request.id, method=data.method, paid_on=data.paid_on, amount=data.amount,
                           reference=data.payment_reference.strip(), proof_key=data.proof[0],
                           proof_content_type=data.proof[1], recorded_by_id=actor.id))
    return {"amount": data.amount, "method": data.method.value, "paid_on": iso_day(data.paid_on)}


def _confirm_payment(request, actor, data):
    payment = db.session.scalar(sa.select(Payment).where(Payment.request_id == request.id))
    payment.confirmed_at = utcnow()
    return {}


payable = settlement.payable  # what the OPD owes: the value of its signed BAST


def _rupiah(amount: int) -> str:
    from storefront.i18n import rupiah
    return rupiah(amount)


STEPS = {
    RequestAction.APPROVE: _approve, RequestAction.COUNTER: _counter, RequestAction.RESUBMIT: _resubmit,
    RequestAction.ACCEPT: _accept, RequestAction.SHIP: _ship,
    RequestAction.INSPECT: _inspect, RequestAction.REPORT_NONCONFORMING: _nonconforming,
    RequestAction.ACCEPT_PARTIAL: _partial,
    RequestAction.MEDIATE_PARTIAL: _partial, RequestAction.REPLACE: _replace, RequestAction.SIGN_BAST: _sign_bast,
    RequestAction.RECORD_PAYMENT: _record_payment, RequestAction.CONFIRM_PAYMENT: _confirm_payment,
    RequestAction.TERMINATE: _terminate, RequestAction.MEDIATE_TERMINATE: _terminate,
}


def is_overdue(request: PurchaseRequest, now=None) -> bool:
    return (request.status in wf.WAITING_FOR_ANSWER and request.respond_by is not None
            and request.respond_by < (now or utcnow()))


def expire_overdue(now=None, scope=sa.true()) -> list[PurchaseRequest]:
    """Requests (within `scope`) whose party did not answer in time expire, the LKPP rule; run by
    `flask procurement expire` (never by a page view: a GET changes nothing)."""
    now = now or utcnow()
    overdue = list(db.session.scalars(sa.select(PurchaseRequest).where(
        scope, PurchaseRequest.respond_by < now, PurchaseRequest.status.in_(list(wf.WAITING_FOR_ANSWER)))))
    for request in overdue:
        act(request, RequestAction.EXPIRE, actor=None, party=Party.SYSTEM)
    return overdue


def line_items(request: PurchaseRequest) -> list[RequestItem]:
    """The request's items: as loaded with it (a page), else loaded now (a service call)."""
    if "items" in sa.inspect(request).unloaded:
        sa.orm.attributes.set_committed_value(request, "items", list(db.session.scalars(
            sa.select(RequestItem).where(RequestItem.request_id == request.id).order_by(RequestItem.id))))
    return request.items

