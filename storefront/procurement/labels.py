"""How purchase requests read on the page: status and step names in the officers' words, and the
few figures the pages compute (days waiting for payment)."""
from __future__ import annotations

from collections import defaultdict

from flask_babel import gettext as _

from storefront.procurement import clock, notify
from storefront.procurement.workflow import WAITS_FOR, Party, RequestAction as A, RequestStatus as S
from storefront.text import lazy_gettext as _l
from storefront.timeutil import local_date

STATUS = {
    S.SUBMITTED: _l("Menunggu PPK"), S.APPROVED: _l("Surat Pesanan terbit, menunggu penjual"),
    S.COUNTERED: _l("Penawaran penjual, menunggu pemesan"), S.ACCEPTED: _l("Diterima penjual"),
    S.SHIPPED: _l("Dikirim"), S.DELIVERED: _l("Diterima OPD, menunggu pemeriksaan"),
    S.NONCONFORMING: _l("Tidak sesuai"), S.DISPUTED: _l("Sengketa, dimediasi Dinas"),
    S.INSPECTED: _l("Diperiksa, menunggu BAST"), S.AWAITING_PAYMENT: _l("BAST ditandatangani, menunggu pembayaran"),
    S.PAID: _l("Dibayar, menunggu konfirmasi penjual"), S.COMPLETED: _l("Selesai"), S.REJECTED: _l("Ditolak PPK"),
    S.DECLINED: _l("Ditolak penjual"), S.CANCELLED: _l("Dibatalkan"), S.EXPIRED: _l("Kedaluwarsa"),
    S.TERMINATED: _l("Diputus"),
}
ACTION = {
    A.APPROVE: _l("Setujui dan terbitkan Surat Pesanan"), A.REJECT: _l("Tolak"), A.ACCEPT: _l("Terima pesanan"),
    A.DECLINE: _l("Tolak pesanan"), A.COUNTER: _l("Ajukan penawaran lain"),
    A.RESUBMIT: _l("Teruskan penawaran ke PPK"), A.SHIP: _l("Tandai dikirim"), A.RECEIVE: _l("Catat diterima"),
    A.INSPECT: _l("Periksa: semua sesuai"), A.REPORT_NONCONFORMING: _l("Laporkan tidak sesuai"),
    A.REPLACE: _l("Kirim pengganti"), A.ACCEPT_PARTIAL: _l("Terima sebagian"), A.DISPUTE: _l("Ajukan sengketa"),
    A.MEDIATE_REPLACE: _l("Putuskan: penjual mengganti"), A.MEDIATE_PARTIAL: _l("Putuskan: diterima sebagian"),
    A.MEDIATE_TERMINATE: _l("Putuskan: pesanan diputus"), A.SIGN_BAST: _l("Tanda tangani BAST"),
    A.RECORD_PAYMENT: _l("Catat pembayaran"), A.CONFIRM_PAYMENT: _l("Konfirmasi dana diterima"),
    A.CANCEL: _l("Batalkan"), A.TERMINATE: _l("Putus pesanan"), A.EXPIRE: _l("Kedaluwarsa"),
}
# Steps that end something or stop it get the warning colour on their button.
DANGER = frozenset({A.REJECT, A.DECLINE, A.CANCEL, A.TERMINATE, A.REPORT_NONCONFORMING, A.DISPUTE,
                    A.MEDIATE_TERMINATE})


def status_label(status) -> str:
    """A status in the officers' words; anything else (the cart's "draft") as it is."""
    known = S._value2member_map_.get(getattr(status, "value", status))
    return str(STATUS[known]) if known is not None else str(status)


def payment_method(method) -> str:
    from storefront.procurement.forms import PAYMENT_LABELS

    return str(PAYMENT_LABELS[method])


def action_label(value: str) -> str:
    """An event's step; "submit" (the cart sent) is not a step of the table."""
    action = A._value2member_map_.get(value)
    if action is not None:
        return str(ACTION[action])
    return {"submit": _("Diajukan ke PPK"), "rate": _("Penilaian"), "reply": _("Tanggapan penjual")}.get(value, value)


def done_message(action: A, request) -> str:
    return _("%(number)s: %(step)s — selesai. Status sekarang: %(status)s.", number=request.number,
             step=ACTION[action], status=STATUS[request.status])


def days_unpaid(request) -> int | None:
    """Working days since the BAST of a request still waiting for payment (None otherwise)."""
    if request.status is not S.AWAITING_PAYMENT or request.bast_signed_at is None:
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
