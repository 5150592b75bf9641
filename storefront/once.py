"""Doing a thing once when the same post arrives twice at the same moment (a double click, a
retry, two tabs). Services flush and never commit; these helpers make the database itself decide
which of two concurrent transactions did the thing, on SQLite and PostgreSQL alike:

- `insert_once`: INSERT ... ON CONFLICT DO NOTHING on a unique key. The second transaction waits
  for the first (PostgreSQL: on the key; SQLite: on the single write lock) and then inserts nothing.
- `claim`: a conditional UPDATE ("... SET status = 'x' WHERE id = 1 AND status = 'y'", "... SET
  reply = ... WHERE reply_at IS NULL"). The database re-checks the condition after the other
  transaction commits, so of two only one changes the row; the caller learns which from the count.
  Every status change claims its row this way, in storefront/lifecycle_engine.py.
- `is_duplicate`: the error a unique constraint raised, so the last safety net (web/edge.py) can
  answer "already done" instead of a server error.

A read-then-write check in Python ("is it still pending?") cannot do this: both requests read
before either writes.
"""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from storefront.errors import DomainError
from storefront.extensions import db
from storefront.text import lazy_gettext as _l
from storefront.timeutil import utcnow

CHANGED_MEANWHILE = _l("Ini baru saja diubah (mungkin terkirim dua kali). Muat ulang halamannya untuk melihat "
                       "keadaannya sekarang.")


class ChangedMeanwhile(DomainError):
    """Another request changed the row first: the step was already taken, or no longer applies."""

    def __init__(self, message=CHANGED_MEANWHILE, *, field: str | None = None):
        super().__init__(message, field=field)


def _insert(table):
    return (pg_insert if db.session.get_bind().dialect.name == "postgresql" else sqlite_insert)(table)


def insert_once(model, values: dict, *, key: list[str]) -> bool:
    """Insert a row unless one with the same `key` columns exists; True when this call inserted it."""
    # RETURNING, not rowcount: psycopg reports -1 for an INSERT the dialect returns keys from.
    done = db.session.execute(_insert(model).values(**values).on_conflict_do_nothing(index_elements=key)
                              .returning(*model.__table__.primary_key.columns))
    return done.first() is not None


def upsert(model, values: dict, *, key: list[str], update: dict) -> None:
    """Insert the row, or when its `key` exists, apply `update` to it (one atomic statement).
    `update` may use `excluded(column)` for the value this statement tried to insert."""
    statement = _insert(model).values(**values)
    db.session.execute(statement.on_conflict_do_update(
        index_elements=key, set_={name: value(statement.excluded) if callable(value) else value
                                  for name, value in update.items()}))


def claim(model, *conditions, values: dict) -> bool:
    """UPDATE model SET values WHERE conditions; True when exactly one row changed."""
    done = db.session.execute(sa.update(model).where(*conditions).values(**values)
                              .execution_options(synchronize_session=False))
    return done.rowcount == 1


def lock(row, *attributes: str) -> None:
    """Wait for, then hold, the write on `row` until this transaction ends (a no-op UPDATE: a row
    lock on PostgreSQL, the write lock on SQLite, where FOR UPDATE does nothing), and reload it (or
    the named `attributes`): a change computed from it now starts from what a concurrent twin committed."""
    model = type(row)
    db.session.execute(sa.update(model).where(model.id == row.id).values(id=model.id)
                       .execution_options(synchronize_session=False))
    db.session.refresh(row, list(attributes) or None)


class FormSubmission(db.Model):
    """The key of a rendered create form that was posted (render_form gives each form one)."""

    __tablename__ = "form_submissions"

    key: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


def first_post(key: str | None, user_id: int) -> bool:
    """False when the same rendered form was already posted (its twin created what it asks for);
    True otherwise, and then the key is taken in this transaction (a refused post releases it by
    rolling back). A post without a key (not from our page) is always first."""
    if not key or len(key) > 64:
        return True
    return insert_once(FormSubmission, {"key": key, "user_id": user_id, "created_at": utcnow()}, key=["key"])


_UNIQUE_PGCODE = "23505"


def is_duplicate(error: IntegrityError) -> bool:
    """A unique constraint refused the row (not a NOT NULL, foreign key or CHECK constraint)."""
    if getattr(error.orig, "sqlstate", None) == _UNIQUE_PGCODE or getattr(error.orig, "pgcode", None) == _UNIQUE_PGCODE:
        return True
    return "UNIQUE constraint failed" in str(error.orig)
