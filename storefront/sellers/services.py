"""Seller state changes: registration, profile, documents, lifecycle decisions, permit expiry.

Services take the acting user, flush, and never commit. Every status change goes through the
transition table and leaves a SellerEvent.
"""
from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from storefront.accounts import services as accounts
from storefront.accounts.roles import Role
from storefront import once
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.sellers import identifiers, readiness
from storefront.sellers import workflow as wf
from storefront.sellers.models import Seller, SellerEvent
from storefront.sellers.workflow import Party, SellerAction, SellerStatus
from storefront.timeutil import utcnow


class SellerError(DomainError):
    """A seller action was refused; the message says what to do."""


# Legal identity and the payment account are fixed once submitted: the Dinas checked them, and a
# quietly changed bank account would send an OPD's payment elsewhere. Changes go through the Dinas.
LEGAL_FIELDS = frozenset({"business_name", "legal_name", "owner_name", "nib", "npwp", "nik", "scale",
                          "bank_name", "bank_account_number", "bank_account_holder"})
PROFILE_FIELDS = LEGAL_FIELDS | {"is_pkp", "address", "kecamatan_id", "kelurahan", "whatsapp", "description",
                                 "bank_name", "bank_account_number", "bank_account_holder"}


def normalize_code(code: str) -> str:
    return identifiers.normalise(code or "")[:20]


def find_invitation(code_or_nib: str, *, whatsapp: str = "") -> Seller | None:
    """The invited seller behind an invitation code (dashes and case ignored) or an NIB.

    An NIB is nearly public (OSS, labels), so it is enough only together with the WhatsApp
    number the Dinas has on record for that business; otherwise the answer is None, the same
    as for an unknown code, so the registry cannot be probed.
    """
    wanted = normalize_code(code_or_nib)
    if not wanted.isdigit():
        return db.session.scalar(sa.select(Seller).where(
            sa.func.replace(Seller.invitation_code, "-", "") == wanted))
    seller = db.session.scalar(sa.select(Seller).where(Seller.nib == wanted))
    try:
        phone = identifiers.validate_phone(whatsapp) if whatsapp else ""
    except identifiers.InvalidIdentifier:
        phone = ""
    if seller is None or not seller.whatsapp or phone != seller.whatsapp:
        return None
    return seller


def register(seller: Seller | None, *, email: str, name: str, password: str):
    """Create the owner's account for an invited seller and move it to `registered`.

    Raises SellerError (field `code`) for an unknown or used invitation, AccountError otherwise.
    """
    if seller is None:
        raise SellerError(_l("Kode undangan tidak ditemukan, atau NIB dan nomor WhatsApp tidak cocok dengan "
                             "daftar binaan. Periksa lagi, atau minta kode undangan ke Dinas."), field="code")
    if seller.owner_id is not None or seller.status is not SellerStatus.INVITED:
        raise SellerError(_l("Undangan ini sudah dipakai untuk mendaftar. Silakan masuk dengan akun "
                             "yang sudah dibuat."), field="code")
    user, _ = accounts.create_user(actor=None, email=email, name=name, role=Role.SELLER, opd_id=None,
                                   password=password)
    attach_owner(seller, user)
    return user


def attach_owner(seller: Seller, user) -> None:
    """Give an invited seller its owner account (a new one at registration, or an existing one)."""
    if seller.owner_id is not None or seller.status is not SellerStatus.INVITED or user.role is not Role.SELLER:
        raise SellerError(_l("Undangan ini sudah dipakai untuk mendaftar. Silakan masuk dengan akun "
                             "yang sudah dibuat."), field="code")
    seller.owner_id = user.id
    if not seller.owner_name:
        seller.owner_name = user.name
    _transition(seller, SellerAction.REGISTER, actor=user, party=Party.OWNER)


def update_profile(seller: Seller, *, actor, values: dict) -> None:
    """Validate and store profile fields. After verification the legal identity is locked.

    Raises SellerError with the field that is wrong.
    """
    cleaned = {key: value for key, value in values.items() if key in PROFILE_FIELDS}
    for field, validate in (("nib", identifiers.validate_nib), ("npwp", identifiers.validate_npwp),
                            ("nik", identifiers.validate_nik), ("whatsapp", identifiers.validate_phone)):
        if cleaned.get(field):
            try:
                cleaned[field] = validate(cleaned[field])
            except identifiers.InvalidIdentifier as error:
                raise SellerError(str(error), field=field) from error
        elif field in cleaned:
            cleaned[field] = None if field in ("nib", "npwp", "nik") else ""
    if seller.status not in wf.SELLER_EDITABLE:
        changed = sorted(key for key in cleaned.keys() & LEGAL_FIELDS
                         if (cleaned[key] or None) != (getattr(seller, key) or None))
        if changed:
            raise SellerError(_l("Data legal usaha dan rekening tidak dapat diubah setelah diajukan atau "
                                 "diverifikasi. Hubungi Dinas bila ada perubahan."), field=changed[0])
    if cleaned.get("nib") and db.session.scalar(
            sa.select(Seller.id).where(Seller.nib == cleaned["nib"], Seller.id != seller.id)) is not None:
        raise SellerError(_l("NIB ini sudah terdaftar untuk usaha lain. Hubungi Dinas bila ini usaha Anda."),
                          field="nib")
    for key, value in cleaned.items():
        setattr(seller, key, value)
    db.session.flush()


def act(seller: Seller, action: SellerAction, *, actor, party: Party, reason: str = "",
        field_reasons: dict | None = None) -> None:
    """Apply a lifecycle action (submit, approve, request revision, reject, suspend, reinstate).

    Submitting needs every required readiness item. Raises SellerError or TransitionNotAllowed.
    """
    if action is SellerAction.SUBMIT:
        missing = readiness.missing_required(seller)
        if missing:
            raise SellerError(_l("Belum bisa diajukan. Lengkapi dulu: %(items)s.",
                                 items=", ".join(str(item.label) for item in missing)))
    if action is SellerAction.REQUEST_REVISION and field_reasons:
        reason = reason or "; ".join(f"{key}: {text}" for key, text in field_reasons.items())
    try:
        _transition(seller, action, actor=actor, party=party, reason=reason, field_reasons=field_reasons)
    except wf.ReasonRequired as error:
        raise SellerError(_l("Tuliskan alasannya agar penjual tahu apa yang harus diperbaiki."),
                          field="reason") from error


def _transition(seller: Seller, action: SellerAction, *, actor, party: Party, reason: str = "",
                field_reasons: dict | None = None) -> None:
    before = seller.status
    after = wf.next_state(wf.SELLER_TRANSITIONS, before, action, party, reason=reason)
    once.claim_status(seller, before, after)  # of two posts at once, the second is refused here
    seller.status = after
    now = utcnow()
    if action is SellerAction.SUBMIT:
        seller.submitted_at = now
    elif seller.status is SellerStatus.VERIFIED and before is SellerStatus.SUBMITTED:
        seller.verified_at = now
    db.session.add(SellerEvent(
        seller_id=seller.id, actor_id=getattr(actor, "id", None),
        actor_role=actor.role.value if actor is not None else Party.SYSTEM.value,
        action=action.value, from_status=before.value, to_status=seller.status.value,
        reason=reason.strip(), field_reasons=field_reasons or {}, created_at=now))
    db.session.flush()


def latest_event(seller: Seller) -> SellerEvent | None:
    return db.session.scalar(sa.select(SellerEvent).where(SellerEvent.seller_id == seller.id)
                             .order_by(SellerEvent.id.desc()).limit(1))


def verification_queue():
    """Submitted sellers, oldest first: the Dinas works through them in order."""
    return sa.select(Seller).where(Seller.status == SellerStatus.SUBMITTED).order_by(Seller.submitted_at)


def today_local() -> date:
    return utcnow().date()
