"""How purchase requests read on the page: status and step names in the officers' words, and the
few figures the pages compute (days waiting for payment)."""
from __future__ import annotations

from collections import defaultdict

from flask_babel import gettext as _

from storefront.procurement import clock, notify
from storefront.procurement.models import PaymentMethod
from storefront.procurement.workflow import WAITS_FOR, Party, RequestAction, RequestStatus
from storefront.text import lazy_gettext as _l
from storefront.timeutil import local_date

REQUEST_STATUS_LABELS = {
    RequestStatus.SUBMITTED: _l("Menunggu PPK"),
    RequestStatus.APPROVED: _l("Surat Pesanan terbit, menunggu penjual"),
    RequestStatus.COUNTERED: _l("Penawaran penjual, menunggu pemesan"),
    RequestStatus.ACCEPTED: _l("Diterima penjual"),
    RequestStatus.SHIPPED: _l("Dikirim"),
    RequestStatus.DELIVERED: _l("Diterima OPD, menunggu pemeriksaan"),
    RequestStatus.NONCONFORMING: _l("Tidak sesuai"),
    RequestStatus.DISPUTED: _l("Sengketa, dimediasi Dinas"),
    RequestStatus.INSPECTED: _l("Diperiksa, menunggu BAST"),
    RequestStatus.AWAITING_PAYMENT: _l("BAST ditandatangani, menunggu pembayaran"),
    RequestStatus.PAID: _l("Dibayar, menunggu konfirmasi penjual"),
    RequestStatus.COMPLETED: _l("Selesai"),
    RequestStatus.REJECTED: _l("Ditolak PPK"),
    RequestStatus.DECLINED: _l("Ditolak penjual"),
    RequestStatus.CANCELLED: _l("Dibatalkan"),
    RequestStatus.EXPIRED: _l("Kedaluwarsa"),
    RequestStatus.TERMINATED: _l("Diputus"),
}
REQUEST_ACTION_LABELS = {
    RequestAction.APPROVE: _l("Setujui dan terbitkan Surat Pesanan"),
    RequestAction.REJECT: _l("Tolak"),
    RequestAction.ACCEPT: _l("Terima pesanan"),
    RequestAction.DECLINE: _l("Tolak pesanan"),
    RequestAction.COUNTER: _l("Ajukan penawaran lain"),
    RequestAction.RESUBMIT: _l("Teruskan penawaran ke PPK"),
    RequestAction.SHIP: _l("Tandai dikirim"),
    RequestAction.RECEIVE: _l("Catat diterima"),
    RequestAction.INSPECT: _l("Periksa: semua sesuai"),
    RequestAction.REPORT_NONCONFORMING: _l("Laporkan tidak sesuai"),
    RequestAction.REPLACE: _l("Kirim pengganti"),
    RequestAction.ACCEPT_PARTIAL: _l("Terima sebagian"),
    RequestAction.DISPUTE: _l("Ajukan sengketa"),
    RequestAction.MEDIATE_REPLACE: _l("Putuskan: penjual mengganti"),
    RequestAction.MEDIATE_PARTIAL: _l("Putuskan: diterima sebagian"),
    RequestAction.MEDIATE_TERMINATE: _l("Putuskan: pesanan diputus"),
    RequestAction.SIGN_BAST: _l("Tanda tangani BAST"),
    RequestAction.RECORD_PAYMENT: _l("Catat pembayaran"),
    RequestAction.CONFIRM_PAYMENT: _l("Konfirmasi dana diterima"),
    RequestAction.CANCEL: _l("Batalkan"),
    RequestAction.TERMINATE: _l("Putus pesanan"),
    RequestAction.EXPIRE: _l("Kedaluwarsa"),
}
PAYMENT_LABELS = {
    PaymentMethod.SP2D_LS: _l("SP2D LS (langsung ke rekening penjual)"),
    PaymentMethod.UP_GU: _l("UP/GU (uang persediaan)"),
    PaymentMethod.KKPD: _l("KKPD (Kartu Kredit Pemerintah Daerah)"),
    PaymentMethod.TRANSFER: _l("Transfer bank"),
}
# Steps that end something or stop it get the warning colour on their button.
DANGER = frozenset({RequestAction.REJECT, RequestAction.DECLINE, RequestAction.CANCEL, RequestAction.TERMINATE,
                    RequestAction.REPORT_NONCONFORMING, RequestAction.DISPUTE, RequestAction.MEDIATE_TERMINATE})


def status_label(status) -> str:
    """A status in the officers' words; anything else (the cart's "draft") as it is."""
    known = RequestStatus._value2member_map_.get(getattr(status, "value", status))
    return str(REQUEST_STATUS_LABELS[known]) if known is not None else str(status)


def payment_method(method) -> str:
    return str(PAYMENT_LABELS[method])


def action_label(value: str) -> str:
    """An event's step; "submit" (the cart sent) is not a step of the table."""
    action = RequestAction._value2member_map_.get(value)
    if action is not None:
        return str(REQUEST_ACTION_LABELS[action])
    return {"submit": _("Diajukan ke PPK"), "rate": _("Penilaian"), "reply": _("Tanggapan penjual")}.get(value, value)


def done_message(action: RequestAction, request) -> str:
    return _("%(number)s: %(step)s — selesai. Status sekarang: %(status)s.", number=request.number,
             step=REQUEST_ACTION_LABELS[action], status=REQUEST_STATUS_LABELS[request.status])


def days_unpaid(request) -> int | None:
    """Working days since the BAST of a request still waiting for payment (None otherwise)."""
    if request.status is not RequestStatus.AWAITING_PAYMENT or request.bast_signed_at is None:
        return None
    return clock.working_days_since(local_date(request.bast_signed_at))


def unpaid_summary(rows) -> list[dict]:
    """Per OPD (by name): how many requests wait for payment and their working days since BAST,
    summed, longest wait first."""
    totals = defaultdict(lambda: {"count": 0, "days": 0})
    for opd, signed_at in rows:
        totals[opd]["count"] += 1
        totals[opd]["days"] += clock.working_days_since(local_date(signed_at)) if signed_at else 0
    return sorted(({"opd": opd, **values} for opd, values in totals.items()), key=lambda row: -row["days"])


def seller_whatsapp(request, parties) -> str | None:
    """A WhatsApp link to nudge the seller, for the buyer side while the seller is expected to act."""
    if WAITS_FOR.get(request.status) is not Party.SELLER or not parties & {Party.PEMESAN, Party.PPK}:
        return None
    return notify.whatsapp_link(request.seller.whatsapp, request)
