"""User accounts and their sign-in sessions."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from storefront.accounts.roles import OPD_ROLES, Role
from storefront.extensions import db
from storefront.timeutil import utcnow

_opd_roles_sql = ", ".join(f"'{role.value}'" for role in sorted(OPD_ROLES))


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (
        # Procurement staff belong to exactly one OPD; other roles to none.
        sa.CheckConstraint(
            f"(role IN ({_opd_roles_sql})) = (opd_id IS NOT NULL)", name="opd_matches_role"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased by the services, so uniqueness is case-insensitive on every database.
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[Role] = mapped_column(
        sa.Enum(Role, native_enum=False, length=20, values_callable=lambda e: [r.value for r in e],
                validate_strings=True, create_constraint=True, name="role")
    )
    opd_id: Mapped[int | None] = mapped_column(sa.ForeignKey("opds.id"), index=True)
    is_active_account: Mapped[bool] = mapped_column("active", default=True)
    must_change_password: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    password_changed_at: Mapped[datetime] = mapped_column(default=utcnow)

    opd: Mapped[Opd | None] = relationship(lazy="raise")  # noqa: F821

    # The token of the sign-in session this object was loaded for (not a column).
    session_token = None

    @property
    def is_active(self) -> bool:
        return self.is_active_account

    def get_id(self) -> str | None:
        # Flask-Login keeps this in the cookie; the loader finds the session row by it.
        return self.session_token


class AuthSession(db.Model):
    """One sign-in: the cookie carries the token, the table keeps its SHA-256 only."""

    __tablename__ = "auth_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None]
    ip_address: Mapped[str] = mapped_column(sa.String(45), default="")
    user_agent: Mapped[str] = mapped_column(sa.String(255), default="")

    user: Mapped[User] = relationship(lazy="raise")


class AccountEvent(db.Model):
    """Append-only: what staff did to an account outside its own sign-ins (unlocking sign-in)."""

    __tablename__ = "account_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    actor_role: Mapped[str] = mapped_column(sa.String(20))
    action: Mapped[str] = mapped_column(sa.String(30))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id], lazy="raise")
