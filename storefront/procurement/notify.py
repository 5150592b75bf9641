"""Telling people that a request waits for them: an in-app notice and an email for each step that
asks someone to act, and a WhatsApp link to reach the seller (UMKM answer WhatsApp first).

Notices and emails are written in Indonesian, the city's language, whatever the language of the
person who acted; emails leave after the commit (storefront/mail.py).
"""
from __future__ import annotations

from urllib.parse import quote

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _

from storefront import mail
from storefront.accounts.models import User
from storefront.accounts.roles import Role
from storefront.extensions import db
from storefront.i18n import long_date
from storefront.procurement import clock, eligibility
from storefront.procurement.models import Notice, PurchaseRequest
from storefront.procurement.workflow import WAITS_FOR, Party, RequestStatus
from storefront.sellers.models import Seller
from storefront.timeutil import utcnow
from storefront.web.external import external_url

# Who must hear how a request ended (the open statuses go to workflow.WAITS_FOR's party).
ENDED_FOR = {RequestStatus.REJECTED: "submitter", RequestStatus.DECLINED: "submitter",
             RequestStatus.CANCELLED: "seller", RequestStatus.EXPIRED: "both",
             RequestStatus.COMPLETED: "submitter", RequestStatus.TERMINATED: "both"}
PARTY_RECIPIENTS = {Party.PPK: "ppk", Party.SELLER: "seller", Party.PEMESAN: "submitter",
                    Party.BENDAHARA: "bendahara", Party.VERIFIER: "verifiers"}


def _what(status: RequestStatus) -> str:
    return {
        RequestStatus.SUBMITTED: _("menunggu persetujuan Anda sebagai PPK"),
        RequestStatus.APPROVED: _("Surat Pesanan terbit: terima, tolak, atau ajukan penawaran lain"),
        RequestStatus.COUNTERED: _("penjual mengajukan penawaran lain: teruskan ke PPK atau batalkan"),
        RequestStatus.ACCEPTED: _("siapkan dan kirim pesanan"),
        RequestStatus.SHIPPED: _("barang dikirim: catat penerimaannya"),
        RequestStatus.DELIVERED: _("barang diterima: periksa dan catat hasilnya"),
        RequestStatus.NONCONFORMING: _("barang tidak sesuai: kirim pengganti atau ajukan sengketa"),
        RequestStatus.DISPUTED: _("sengketa menunggu mediasi Dinas"),
        RequestStatus.INSPECTED: _("pemeriksaan selesai: tanda tangani BAST"),
        RequestStatus.AWAITING_PAYMENT: _("BAST ditandatangani: catat pembayarannya"),
        RequestStatus.PAID: _("pembayaran dicatat: konfirmasi dana sudah diterima"),
        RequestStatus.COMPLETED: _("selesai: beri penilaian untuk penjual"),
        RequestStatus.REJECTED: _("ditolak PPK"), RequestStatus.DECLINED: _("ditolak penjual"),
        RequestStatus.CANCELLED: _("dibatalkan"),
        RequestStatus.EXPIRED: _("kedaluwarsa karena tidak dijawab dalam 3 hari kerja"),
        RequestStatus.TERMINATED: _("diputus; tanpa BAST tidak ada pembayaran"),
    }[status]


def recipients(request: PurchaseRequest) -> list[User]:
    """The active users the request now waits for: one statement."""
    party = WAITS_FOR.get(request.status)
    who = PARTY_RECIPIENTS[party] if party is not None else ENDED_FOR[request.status]
    owner = sa.select(Seller.owner_id).where(Seller.id == request.seller_id).scalar_subquery()
    conditions = {
        "ppk": [User.id == request.ppk_id],
        "seller": [User.id == owner],
        "submitter": [User.id == request.submitted_by_id],
        "both": [User.id == owner, User.id == request.submitted_by_id],
        "bendahara": [sa.and_(User.role == Role.BENDAHARA, User.opd_id == request.opd_id)],
        "verifiers": [User.role == Role.VERIFIER],
    }[who]
    return list(db.session.scalars(sa.select(User).where(sa.or_(*conditions), User.is_active_account.is_(True))))


def request_waits(request: PurchaseRequest, *, actor=None) -> None:
    """A notice and an email to everyone the request now waits for (not to who just acted)."""
    with force_locale("id"):
        text = f"{request.number}: {_what(request.status)}." + _document_issued(request)
        if request.respond_by is not None:
            text += " " + _("Batas waktu: %(when)s.", when=clock.local_text(request.respond_by))
        link = external_url("procurement.detail", request_id=request.id)  # ETALASE_BASE_URL, never the Host
        for user in recipients(request):
            if actor is not None and user.id == actor.id:
                continue
            db.session.add(Notice(user_id=user.id, request_id=request.id, message=text))
            mail.queue(db.session, mail.Message(user.email, f"[Etalase] {text}", f"{text}\n\n{link}\n"))


def _document_issued(request: PurchaseRequest) -> str:
    """The document the step just issued, by number and the city's date (as printed on it)."""
    if request.status is RequestStatus.APPROVED and request.sp_number and request.sp_issued_at:
        return " " + _("Surat Pesanan %(number)s tanggal %(date)s.", number=request.sp_number,
                       date=long_date(request.sp_issued_at, locale="id"))
    if request.status is RequestStatus.AWAITING_PAYMENT and request.bast_number and request.bast_signed_at:
        return " " + _("BAST %(number)s tanggal %(date)s.", number=request.bast_number,
                       date=long_date(request.bast_signed_at, locale="id"))
    return ""


def whatsapp_link(phone: str, request: PurchaseRequest) -> str | None:
    """wa.me link with the request named, for the buyer to nudge the seller (628… numbers only)."""
    if not phone or not phone.isdigit():
        return None
    with force_locale("id"):
        text = _("Halo, ada permintaan pembelian %(number)s di Etalase yang menunggu Anda: %(what)s.",
                 number=request.number, what=_what(request.status))
    return f"https://wa.me/{phone}?text={quote(text)}"


def mark_read(user: User, *, up_to: int) -> None:
    """The user has read their notices up to `up_to` (the newest their page showed)."""
    db.session.execute(sa.update(Notice).where(Notice.user_id == user.id, Notice.id <= up_to,
                                               Notice.read_at.is_(None)).values(read_at=utcnow()))


def request_blocked(request: PurchaseRequest) -> None:
    """Tell the pemesan and the PPK (a notice and an email) that the request cannot go on, and why.

    Written after a step was refused for it (the refused step itself changed nothing); the same
    news is not repeated to someone who already has it. `request.items` must be loaded."""
    with force_locale("id"):
        reasons = eligibility.blockers(request, request.items)
        if not reasons:
            return
        text = f"{request.number}: " + _("terhambat. %(reasons)s Batalkan atau tolak permintaan ini bila tidak "
                                         "dapat dilanjutkan.", reasons=" ".join(reasons))
        subject = f"[Etalase] {request.number}: " + _("permintaan terhambat")
        link = external_url("procurement.detail", request_id=request.id)
    officers = db.session.scalars(sa.select(User).where(
        User.id.in_([request.submitted_by_id, request.ppk_id]), User.is_active_account.is_(True))).all()
    for user in officers:
        told = db.session.scalar(sa.select(Notice.id).where(
            Notice.user_id == user.id, Notice.request_id == request.id, Notice.message == text).limit(1))
        if told is None:
            db.session.add(Notice(user_id=user.id, request_id=request.id, message=text))
            mail.queue(db.session, mail.Message(user.email, subject, f"{text}\n\n{link}\n"))
