"""What each step asks on the page, and reading it from the posted form into services.StepData.

Files (a payment proof, a delivery photo) go to the private document storage, never to the public
media: only the parties of the request and the auditor see them.
"""
from __future__ import annotations

import re

import sqlalchemy as sa
from flask import request as http_request
from flask_babel import gettext as _

from storefront.extensions import db
from storefront.procurement import clock, settlement
from storefront.procurement.errors import ProcurementError
from storefront.procurement.models import Payment, PaymentMethod, PurchaseRequest
from storefront.procurement.services import StepData
from storefront.procurement.workflow import TRANSITIONS, RequestAction
from storefront.sellers import documents
from storefront.text import lazy_gettext as _l
from storefront.web.fields import MoneyError, parse_rupiah

# The form fields each step shows (the reason, when the table asks for one, comes on top).
# "timeliness" and "work_done" are facts shown, not asked: whether the delivery came by the day it
# was needed (from the dates), and the value inspected so far (what a termination leaves payable).
FIELDS = {
    RequestAction.APPROVE: ("sp_number",), RequestAction.COUNTER: ("items_counter", "needed_on", "note"),
    RequestAction.SHIP: ("note", "photo"),
    RequestAction.INSPECT: ("timeliness", "note"),
    RequestAction.REPORT_NONCONFORMING: ("timeliness", "quantity_ok", "quality_ok", "note"),
    RequestAction.REPLACE: ("note",), RequestAction.ACCEPT_PARTIAL: ("items_accepted",),
    RequestAction.MEDIATE_PARTIAL: ("items_accepted",),
    RequestAction.SIGN_BAST: ("bast_number",), RequestAction.CANCEL: ("reason_code",),
    RequestAction.TERMINATE: ("reason_code", "work_done"),
    RequestAction.MEDIATE_TERMINATE: ("reason_code", "work_done"),
    RequestAction.RECORD_PAYMENT: ("method", "paid_on", "amount", "payment_reference", "proof"),
}
ANSWERS = {"sesuai": True, "tidak": False}  # a conformity question's choices; "" is unanswered


def fields(action: RequestAction) -> tuple[str, ...]:
    return FIELDS.get(action, ())


def work_done(request) -> int:
    """What was received and inspected so far: all a termination leaves, and it pays nothing."""
    return settlement.inspected_value(request)


def timeliness(request) -> str:
    """The delivery's dates as the inspection will record them."""
    received = settlement.received_on(request)
    when = {"needed": clock.long_date_text(request.needed_on),
            "received": clock.long_date_text(received) if received else "—"}
    if settlement.delivered_on_time(request):
        return _("Diterima %(received)s, dibutuhkan %(needed)s: tepat waktu.", **when)
    return _("Diterima %(received)s, dibutuhkan %(needed)s: terlambat.", **when)


def needs_reason(status, action: RequestAction) -> bool:
    transition = TRANSITIONS.get((status, action))
    return bool(transition and transition.needs_reason)


def _numbers(prefix: str, request) -> dict[int, int]:
    """Per-item numbers posted as `<prefix>-<item id>`; only this request's items, only digits."""
    wanted = {item.id for item in request.items}
    found = {}
    for item_id in wanted:
        raw = (http_request.form.get(f"{prefix}-{item_id}") or "").strip().replace(".", "")
        if raw:
            if not re.fullmatch(r"[0-9]{1,13}", raw):
                raise ProcurementError(_l("Isi dengan angka bulat, tanpa titik atau koma."), field=f"item-{item_id}")
            found[item_id] = int(raw)
    return found


def posted_prices(request) -> dict[int, int]:
    """Per-item unit prices posted as `price-<item id>`, read like every money field (parse_rupiah)."""
    found = {}
    for item in request.items:
        try:
            amount = parse_rupiah(http_request.form.get(f"price-{item.id}") or "")
        except MoneyError as error:
            raise ProcurementError(error.args[0], field=f"item-{item.id}") from None
        if amount is not None:
            found[item.id] = amount
    return found


def _store(upload, *, field: str, photo_only: bool = False) -> tuple[str, str] | None:
    """A posted photo (re-encoded) or PDF (made inert), checked, then kept privately: (key, content type)."""
    if upload is None or not getattr(upload, "filename", ""):
        return None
    data, content_type = documents.file_content(upload, field=field)
    if photo_only and content_type != "image/webp":
        raise ProcurementError(_l("Foto pengiriman berupa foto (JPEG, PNG, WebP atau HEIC)."), field="photo")
    key = documents.content_key_for(data, content_type)
    documents.document_storage().save(key, data, content_type)
    return key, content_type


def discard(data: StepData | None) -> None:
    """After a refused step: remove the files it stored, unless a row refers to them."""
    if data is None:
        return
    keys = [key for key in (data.photo_key, data.proof[0] if data.proof else None) if key]
    for key in keys:
        used = db.session.scalar(sa.select(sa.func.count()).select_from(Payment).where(Payment.proof_key == key)) \
            or db.session.scalar(sa.select(sa.func.count()).select_from(PurchaseRequest)
                                 .where(PurchaseRequest.shipping_photo_key == key))
        if not used:
            documents.delete_file_if_unused(key)


def data_from(form, action: RequestAction, request, *, actor) -> StepData:
    """The step's part of the form, typed; raises ProcurementError on a bad number or file."""
    data = StepData(sp_number=form.sp_number.data or "", bast_number=form.bast_number.data or "",
                    note=form.note.data or "", needed_on=form.needed_on.data, amount=form.amount.data,
                    paid_on=form.paid_on.data, payment_reference=form.payment_reference.data or "",
                    checklist={"quantity_ok": ANSWERS.get(form.quantity_ok.data or ""),
                               "quality_ok": ANSWERS.get(form.quality_ok.data or "")})
    if action is RequestAction.COUNTER:
        data.quantities, data.prices = _numbers("qty", request), posted_prices(request)
    elif action in (RequestAction.ACCEPT_PARTIAL, RequestAction.MEDIATE_PARTIAL):
        data.quantities = _numbers("accepted", request)
    elif action is RequestAction.RECORD_PAYMENT:
        data.method = PaymentMethod._value2member_map_.get(form.method.data or "")
        data.proof = _store(form.proof.data, field="proof")
    elif action is RequestAction.SHIP:
        stored = _store(form.photo.data, field="photo", photo_only=True)
        data.photo_key = stored[0] if stored else None
    if action is not RequestAction.RECORD_PAYMENT:  # only a payment states an amount (a termination computes its own)
        data.amount = None
    return data
