"""The full-text index of the public catalog, per database, built on `catalog_entries`.

The terms are stemmed in Python (catalog/stemmer.py, `document_for`) when an entry is built, so
SQLite and PostgreSQL index the same words, and only public products are ever indexed; each
database then indexes them its own way:
- SQLite: two FTS5 tables over `catalog_entries` (external content: the names, and names with
  the body), kept in step by triggers, with prefix indexes so search-as-you-type stays cheap.
- PostgreSQL: stored `simple` tsvector columns (the name; the weighted name and body) with GIN
  indexes, and a trigram index on the names for the typo fallback (pg_trgm). Stored, so matching
  and ranking read a vector instead of running to_tsvector on every matching row.
These objects live outside the ORM metadata: `create_all` adds them through the table's DDL
events, the migration adds the same statements, and autogenerate is told to look past them.
"""
from __future__ import annotations

import sqlalchemy as sa

from storefront.catalog.models import CatalogEntry
from storefront.catalog.stemmer import index_terms
from storefront.extensions import look_past_in_migrations

FTS_TABLE = "product_fts"
# SQLite's index of the names alone (matched and ranked first). Prefix indexes up to 6 letters let
# a word being typed read one list in id order instead of merging the lists of every word it starts.
NAMES_TABLE = f"{FTS_TABLE}_names"
_FTS_OPTIONS = "content='catalog_entries', content_rowid='product_id', " \
    "tokenize='unicode61 remove_diacritics 2', prefix='2 3 4 5 6'"


def _sqlite_trigger(name: str, event: str, body: list[str]) -> str:
    return f"CREATE TRIGGER {name} AFTER {event} ON catalog_entries BEGIN\n  " + "\n  ".join(body) + "\nEND"


_ADD = [f"INSERT INTO {FTS_TABLE}(rowid, name_terms, body_terms) VALUES (new.product_id, new.name_terms, new.body_terms);",
        f"INSERT INTO {NAMES_TABLE}(rowid, name_terms) VALUES (new.product_id, new.name_terms);"]
_REMOVE = [f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, name_terms, body_terms) "
           "VALUES ('delete', old.product_id, old.name_terms, old.body_terms);",
           f"INSERT INTO {NAMES_TABLE}({NAMES_TABLE}, rowid, name_terms) VALUES ('delete', old.product_id, old.name_terms);"]
SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(name_terms, body_terms, {_FTS_OPTIONS})",
    f"CREATE VIRTUAL TABLE {NAMES_TABLE} USING fts5(name_terms, {_FTS_OPTIONS})",
    f"CREATE VIRTUAL TABLE {FTS_TABLE}_vocab USING fts5vocab({FTS_TABLE}, 'row')",
    f"CREATE VIRTUAL TABLE {NAMES_TABLE}_vocab USING fts5vocab({NAMES_TABLE}, 'row')",
    _sqlite_trigger("catalog_entries_ai", "INSERT", _ADD),
    _sqlite_trigger("catalog_entries_ad", "DELETE", _REMOVE),
    _sqlite_trigger("catalog_entries_au", "UPDATE", _REMOVE + _ADD),
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS catalog_entries_au", "DROP TRIGGER IF EXISTS catalog_entries_ad",
    "DROP TRIGGER IF EXISTS catalog_entries_ai", f"DROP TABLE IF EXISTS {FTS_TABLE}_vocab",
    f"DROP TABLE IF EXISTS {NAMES_TABLE}_vocab",
    f"DROP TABLE IF EXISTS {NAMES_TABLE}", f"DROP TABLE IF EXISTS {FTS_TABLE}",
]

# The weighted document: name A, body B.
POSTGRES_DOCUMENT = ("(setweight(to_tsvector('simple'::regconfig, name_terms), 'A') || "
                     "setweight(to_tsvector('simple'::regconfig, body_terms), 'B'))")
POSTGRES_COLUMNS = ("fts_name", "fts_document")
POSTGRES_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE catalog_entries ADD COLUMN fts_name tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, name_terms)) STORED",
    f"ALTER TABLE catalog_entries ADD COLUMN fts_document tsvector GENERATED ALWAYS AS {POSTGRES_DOCUMENT} STORED",
    "CREATE INDEX ix_search_fts_name ON catalog_entries USING gin (fts_name)",
    "CREATE INDEX ix_search_fts_document ON catalog_entries USING gin (fts_document)",
    "CREATE INDEX ix_search_name_trgm ON catalog_entries USING gin (name_terms gin_trgm_ops)",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS ix_search_name_trgm", "DROP INDEX IF EXISTS ix_search_fts_document",
                 "DROP INDEX IF EXISTS ix_search_fts_name"]

CREATE = {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}
DROP = {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}


def is_search_index_object(name: str | None) -> bool:
    """Objects this module manages by hand; schema comparison (Alembic) must look past them."""
    return bool(name) and (name.startswith(FTS_TABLE) or name.startswith("ix_search_")
                           or name in POSTGRES_COLUMNS)


def _run(statements_by_dialect):
    def listener(target, connection, **_):
        for statement in statements_by_dialect.get(connection.dialect.name, []):
            connection.exec_driver_sql(statement)
    return listener


sa.event.listen(CatalogEntry.__table__, "after_create", _run(CREATE))
sa.event.listen(CatalogEntry.__table__, "before_drop", _run(DROP))
look_past_in_migrations(is_search_index_object)


def document_for(product, category) -> tuple[str, str]:
    """(name terms, body terms): the name weighs most; the body adds description and category."""
    body = " ".join([product.description or "", category.name_id if category else "",
                     category.name_en if category else ""])
    return index_terms(product.name or ""), index_terms(body)
