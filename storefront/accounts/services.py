"""Account state changes. Services take the acting user, flush, and never commit."""
from __future__ import annotations

import hashlib
import secrets

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import contains_eager
from sqlalchemy.orm.attributes import set_committed_value

from storefront import once
from storefront.accounts import passwords
from storefront.accounts.models import AccountEvent, AuthSession, User
from storefront.accounts.roles import Role
from storefront.errors import DomainError
from storefront.extensions import db
from storefront.reference.models import Opd
from storefront.text import lazy_gettext as _l
from storefront.timeutil import utcnow


class AccountError(DomainError):
    """An account change was refused; `field` names the form field the message belongs to."""


def normalize_email(email: str) -> str:
    return email.strip().lower()


def _hash_method() -> str:
    return current_app.config["PASSWORD_HASH_METHOD"]


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, else None (same cost either way)."""
    user = db.session.scalar(sa.select(User).where(User.email == normalize_email(email)))
    if user is None:
        passwords.verify_password(passwords.dummy_hash(_hash_method()), password)
        return None
    if not passwords.verify_password(user.password_hash, password) or not user.is_active:
        return None
    return user


def start_session(user: User, *, ip_address: str, user_agent: str) -> str:
    """Record a new sign-in for `user` and return its token (the only copy; we keep a hash)."""
    token = secrets.token_urlsafe(32)
    db.session.add(AuthSession(
        user_id=user.id, token_hash=_token_hash(token),
        ip_address=(ip_address or "")[:45], user_agent=(user_agent or "")[:255],
    ))
    db.session.flush()
    user.session_token = token
    return token


def user_for_session(token: str) -> User | None:
    """The user of a live session: not ended, younger than the absolute lifetime, user active.

    One statement: the session row and its user are loaded together.
    """
    if not token:
        return None
    oldest = utcnow() - current_app.config["PERMANENT_SESSION_LIFETIME"]
    auth = db.session.scalar(
        sa.select(AuthSession).join(AuthSession.user).options(contains_eager(AuthSession.user))
        .where(AuthSession.token_hash == _token_hash(token), AuthSession.ended_at.is_(None),
               AuthSession.created_at > oldest, User.is_active_account.is_(True))
    )
    if auth is None:
        return None
    auth.user.session_token = token
    return auth.user


def end_session(token: str | None) -> None:
    """End one sign-in (logout): its cookie no longer works, even if copied."""
    if token:
        db.session.execute(
            sa.update(AuthSession).where(AuthSession.token_hash == _token_hash(token),
                                         AuthSession.ended_at.is_(None))
            .values(ended_at=utcnow())
        )


def end_all_sessions(user: User, *, keep_token: str | None = None) -> None:
    """End every sign-in of `user` except `keep_token`'s (password change, disabling)."""
    query = sa.update(AuthSession).where(AuthSession.user_id == user.id, AuthSession.ended_at.is_(None))
    if keep_token:
        query = query.where(AuthSession.token_hash != _token_hash(keep_token))
    db.session.execute(query.values(ended_at=utcnow()))


def change_password(user: User, *, current: str, new: str) -> None:
    """Set a new password and end every session of the user (the caller signs them in anew).

    Raises AccountError (field `current_password` or `new_password`).
    """
    if not passwords.verify_password(user.password_hash, current):
        raise AccountError(_l("Kata sandi sekarang salah."), field="current_password")
    try:
        passwords.check_strength(new, email=user.email)
    except passwords.PasswordRejected as exc:
        raise AccountError(str(exc), field="new_password") from exc
    if passwords.verify_password(user.password_hash, new):
        raise AccountError(_l("Kata sandi baru harus berbeda dari yang sekarang."), field="new_password")
    changed = {"password_hash": passwords.hash_password(new, _hash_method()), "password_changed_at": utcnow(),
               "must_change_password": False}
    # Only from the password that was checked: of the same change posted twice at once, the
    # second is refused here (and starts no second session).
    if not once.claim(User, User.id == user.id, User.password_hash == user.password_hash, values=changed):
        raise AccountError(_l("Kata sandi baru saja diganti. Masuk dengan kata sandi yang baru."),
                           field="current_password")
    for name, value in changed.items():
        set_committed_value(user, name, value)
    end_all_sessions(user)
    db.session.flush()


def create_user(*, actor: User | None, email: str, name: str, role: Role, opd_id: int | None,
                password: str | None = None) -> tuple[User, str]:
    """Create an account; returns the user and its first password (generated when not given).

    A generated password must be changed at first sign-in. Raises AccountError.
    """
    email = normalize_email(email)
    if db.session.scalar(sa.select(User.id).where(User.email == email)) is not None:
        raise AccountError(_l("Email ini sudah dipakai akun lain."), field="email")
    opd_id = _check_opd(role, opd_id)
    generated = password is None
    if generated:
        password = _readable_password()
    else:
        try:
            passwords.check_strength(password, email=email)
        except passwords.PasswordRejected as exc:
            raise AccountError(str(exc), field="password") from exc
    user = User(email=email, name=name.strip(), role=role, opd_id=opd_id,
                password_hash=passwords.hash_password(password, _hash_method()),
                must_change_password=generated)
    db.session.add(user)
    db.session.flush()
    return user, password


def update_user(user: User, *, actor: User, name: str, role: Role, opd_id: int | None) -> None:
    """Change name, role and OPD. An admin cannot take away their own admin role."""
    if user.id == actor.id and role is not Role.ADMIN:
        raise AccountError(_l("Anda tidak dapat mengubah peran akun Anda sendiri."), field="role")
    user.opd_id = _check_opd(role, opd_id)
    user.role = role
    user.name = name.strip()
    db.session.flush()


def set_active(user: User, *, actor: User, active: bool) -> None:
    """Enable or disable an account; disabling ends all its sessions at once."""
    if user.id == actor.id and not active:
        raise AccountError(_l("Anda tidak dapat menonaktifkan akun Anda sendiri."))
    user.is_active_account = active
    if not active:
        end_all_sessions(user)
    db.session.flush()


def reset_password(user: User, *, actor: User) -> str:
    """Give the user a new generated password (to change at next sign-in); end their sessions."""
    password = _readable_password()
    user.password_hash = passwords.hash_password(password, _hash_method())
    user.must_change_password = True
    user.password_changed_at = utcnow()
    end_all_sessions(user)
    db.session.flush()
    return password


UNLOCK = "unlock_sign_in"


def latest_unlock_id(email: str) -> int:
    """The id of the latest unlock of the account with this email (0: never, or no such account).
    The sign-in counters carry it, so an unlock starts them afresh."""
    return db.session.scalar(
        sa.select(sa.func.max(AccountEvent.id)).join(User, AccountEvent.user_id == User.id)
        .where(User.email == normalize_email(email), AccountEvent.action == UNLOCK)) or 0


def unlock_sign_in(user: User, *, actor: User) -> AccountEvent:
    """Clear the failed sign-in counts of `user` (every address), recorded with who did it."""
    event = AccountEvent(user_id=user.id, actor_id=actor.id, actor_role=actor.role.value, action=UNLOCK)
    db.session.add(event)
    db.session.flush()
    return event


def _check_opd(role: Role, opd_id: int | None) -> int | None:
    if not role.needs_opd:
        return None
    if opd_id is None:
        raise AccountError(_l("Pilih OPD untuk peran ini."), field="opd_id")
    if db.session.scalar(sa.select(Opd.id).where(Opd.id == opd_id, Opd.active.is_(True))) is None:
        raise AccountError(_l("OPD tidak ditemukan atau tidak aktif."), field="opd_id")
    return opd_id


def _readable_password() -> str:
    """Four groups of lowercase letters and digits: easy to read out over the phone."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(4))
