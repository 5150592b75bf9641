"""Which database the suite runs on: SQLite by default, PostgreSQL with ETALASE_TEST_DB=postgresql.

On PostgreSQL a uniquely named database is created for the run and dropped after it.
"""
from __future__ import annotations

import os
import uuid

import psycopg
from psycopg import sql

PG_ADMIN_URL = os.environ.get("ETALASE_TEST_PG_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def engine_name() -> str:
    name = os.environ.get("ETALASE_TEST_DB", "sqlite")
    if name not in ("sqlite", "postgresql"):
        raise RuntimeError(f"ETALASE_TEST_DB must be sqlite or postgresql, not {name!r}")
    return name


def redis_url() -> str:
    """A Redis database of this run's own: the SQLite and PostgreSQL passes run side by side and
    both empty it (ETALASE_TEST_REDIS_URL overrides)."""
    own = {"sqlite": 15, "postgresql": 13}[engine_name()]
    return os.environ.get("ETALASE_TEST_REDIS_URL") or f"redis://127.0.0.1:6379/{own}"


def create_pg_database() -> tuple[str, str]:
    """Create a fresh database; returns (its name, its SQLAlchemy URL)."""
    name = f"etalase_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    return name, f"{base}/{name}"


def drop_pg_database(name: str) -> None:
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
