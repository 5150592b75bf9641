"""Seller state changes: registration, profile, documents, lifecycle decisions, permit expiry.

Services take the acting user, flush, and never commit. Every status change goes through the
lifecycle engine (storefront/lifecycle_engine.py): the transition table, the guard against two
steps at once, and a SellerEvent.
"""
from __future__ import annotations

import sqlalchemy as sa

from storefront import lifecycle_engine
from storefront import reviewed as reviewed_facts
from storefront.accounts import passwords
from storefront.accounts import services as accounts
from storefront.accounts.roles import Role
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.lifecycle import ReasonRequired
from storefront.sellers import readiness, review_facts
from storefront.sellers import workflow as wf
from storefront.sellers.identifiers.business import validate_nib, validate_nik, validate_npwp
from storefront.sellers.identifiers.contact import validate_phone
from storefront.sellers.identifiers.core import InvalidIdentifier, normalise
from storefront.sellers.models import Seller, SellerEvent
from storefront.sellers.workflow import Party, SellerAction, SellerStatus
from storefront.text import lazy_gettext as _l
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
    return normalise(code or "")[:20]


# The one answer to every failed claim: unknown, spent, replaced or not-yet-valid codes, and NIBs
# or phone numbers typed instead, all read the same, so the answer reveals nothing about the registry.
CLAIM_REFUSED = _l("Kode undangan ini tidak dapat dipakai untuk mendaftar. Periksa lagi kode pada surat atau "
                   "pesan WhatsApp dari Dinas. Bila usaha Anda sudah terdaftar, silakan masuk; bila kodenya "
                   "hilang, minta kode baru ke Dinas.")


def check_new_owner(*, email: str, password: str) -> None:
    """The rules an owner's new account must meet whatever the code: checked before the code is
    looked at, so their answer cannot tell a valid code from an invalid one. Raises AccountError."""
    try:
        passwords.check_strength(password, email=accounts.normalize_email(email))
    except passwords.PasswordRejected as exc:
        raise accounts.AccountError(str(exc), field="password") from exc


def claimable_invitation(code: str) -> Seller | None:
    """The invited business this code claims, or None. Only the code the Dinas gave its owner
    claims a business (dashes, spaces and case ignored): an NIB or a WhatsApp number is printed on
    the packaging and claims nothing. One query, whatever the outcome."""
    wanted = normalize_code(code)
    if not wanted:
        wanted = "-"  # matches nothing, through the same query as any other miss
    seller = db.session.scalar(sa.select(Seller).where(
        sa.func.replace(Seller.invitation_code, "-", "") == wanted))
    if seller is None or seller.owner_id is not None or seller.status is not SellerStatus.INVITED:
        return None
    return seller


def register(code: str, *, email: str, name: str, password: str):
    """Create the owner's account for the business this invitation code claims; move it to
    `registered`. Raises SellerError (CLAIM_REFUSED, field `code`) for any code that claims
    nothing, AccountError otherwise (told only to the holder of a valid code)."""
    seller = claimable_invitation(code)
    if seller is None:
        raise SellerError(CLAIM_REFUSED, field="code")
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
    for field, validate in (("nib", validate_nib), ("npwp", validate_npwp),
                            ("nik", validate_nik), ("whatsapp", validate_phone)):
        if cleaned.get(field):
            try:
                cleaned[field] = validate(cleaned[field])
            except InvalidIdentifier as error:
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
        field_reasons: dict | None = None, reviewed: dict | None = None) -> None:
    """Apply a lifecycle action (submit, approve, request revision, reject, suspend, reinstate).

    Submitting needs every required readiness item. `reviewed`: the facts the decision page
    showed (reviewed.py); a decision on a seller that changed since is refused. Raises
    SellerError, reviewed.StaleDecision or TransitionNotAllowed.
    """
    if reviewed is not None:
        reviewed_facts.check(reviewed, review_facts.seller_facts(seller))
    if action is SellerAction.SUBMIT:
        missing = readiness.missing_required(seller)
        if missing:
            raise SellerError(_l("Belum bisa diajukan. Lengkapi dulu: %(items)s.",
                                 items=", ".join(str(item.label) for item in missing)))
    if action is SellerAction.REQUEST_REVISION and field_reasons:
        reason = reason or "; ".join(f"{key}: {text}" for key, text in field_reasons.items())
    try:
        _transition(seller, action, actor=actor, party=party, reason=reason, field_reasons=field_reasons)
    except ReasonRequired as error:
        raise SellerError(_l("Tuliskan alasannya agar penjual tahu apa yang harus diperbaiki."),
                          field="reason") from error


def _transition(seller: Seller, action: SellerAction, *, actor, party: Party, reason: str = "",
                field_reasons: dict | None = None) -> None:
    before, now = seller.status, utcnow()
    after = lifecycle_engine.apply(seller, action, actor, party=party, reason=reason,
                                   field_reasons=field_reasons or {}, created_at=now)
    if action is SellerAction.SUBMIT:
        seller.submitted_at = now
    elif after is SellerStatus.VERIFIED and before is SellerStatus.SUBMITTED:
        seller.verified_at = now
    db.session.flush()


def latest_event(seller: Seller) -> SellerEvent | None:
    return db.session.scalar(sa.select(SellerEvent).where(SellerEvent.seller_id == seller.id)
                             .order_by(SellerEvent.id.desc()).limit(1))


def verification_queue():
    """Submitted sellers, oldest first: the Dinas works through them in order."""
    return sa.select(Seller).where(Seller.status == SellerStatus.SUBMITTED).order_by(Seller.submitted_at)
