"""The full-text index beside `product_search`, per database, and keeping its rows current.

The terms are stemmed in Python (catalog/stemmer.py) so that SQLite and PostgreSQL index the
same words; each database then indexes them its own way:
- SQLite: two FTS5 tables over `product_search` (external content: names, and names with the
  body), kept in step by triggers, with prefix indexes so search-as-you-type stays cheap.
- PostgreSQL: stored `simple` tsvector columns (the name; the weighted name and body) with GIN
  indexes, and a trigram index on the names for the typo fallback (pg_trgm).
These objects live outside the ORM metadata: `create_all` adds them through the table's DDL
events, the migration adds the same statements, and autogenerate is told to look past them.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session

from storefront.catalog.models import Product, ProductSearch
from storefront.catalog.stemmer import index_terms
from storefront.reference.models import Category

FTS_TABLE = "product_fts"

# PostgreSQL keeps two stored tsvector columns beside the terms: the name alone (matched and ranked
# first) and the weighted document (name A, body B). Stored, so matching and ranking read a
# vector instead of running to_tsvector on every matching row.
POSTGRES_DOCUMENT = ("(setweight(to_tsvector('simple'::regconfig, name_terms), 'A') || "
                     "setweight(to_tsvector('simple'::regconfig, body_terms), 'B'))")
POSTGRES_COLUMNS = ("fts_name", "fts_document")

# SQLite keeps two FTS5 indexes over the terms: names alone (NAMES_TABLE, matched and ranked
# first) and names with the body (FTS_TABLE). Prefix indexes up to 6 letters let a word being
# typed read one list in id order instead of merging the lists of every word it starts.
NAMES_TABLE = f"{FTS_TABLE}_names"
_FTS_OPTIONS = "content='product_search', content_rowid='product_id', " \
    "tokenize='unicode61 remove_diacritics 2', prefix='2 3 4 5 6'"
SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(name_terms, body_terms, {_FTS_OPTIONS})",
    f"CREATE VIRTUAL TABLE {NAMES_TABLE} USING fts5(name_terms, {_FTS_OPTIONS})",
    f"CREATE VIRTUAL TABLE {FTS_TABLE}_vocab USING fts5vocab({FTS_TABLE}, 'row')",
    f"""CREATE TRIGGER product_search_ai AFTER INSERT ON product_search BEGIN
  INSERT INTO {FTS_TABLE}(rowid, name_terms, body_terms) VALUES (new.product_id, new.name_terms, new.body_terms);
  INSERT INTO {NAMES_TABLE}(rowid, name_terms) VALUES (new.product_id, new.name_terms);
END""",
    f"""CREATE TRIGGER product_search_ad AFTER DELETE ON product_search BEGIN
  INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, name_terms, body_terms)
  VALUES ('delete', old.product_id, old.name_terms, old.body_terms);
  INSERT INTO {NAMES_TABLE}({NAMES_TABLE}, rowid, name_terms) VALUES ('delete', old.product_id, old.name_terms);
END""",
    f"""CREATE TRIGGER product_search_au AFTER UPDATE ON product_search BEGIN
  INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, name_terms, body_terms)
  VALUES ('delete', old.product_id, old.name_terms, old.body_terms);
  INSERT INTO {FTS_TABLE}(rowid, name_terms, body_terms) VALUES (new.product_id, new.name_terms, new.body_terms);
  INSERT INTO {NAMES_TABLE}({NAMES_TABLE}, rowid, name_terms) VALUES ('delete', old.product_id, old.name_terms);
  INSERT INTO {NAMES_TABLE}(rowid, name_terms) VALUES (new.product_id, new.name_terms);
END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS product_search_au", "DROP TRIGGER IF EXISTS product_search_ad",
    "DROP TRIGGER IF EXISTS product_search_ai", f"DROP TABLE IF EXISTS {FTS_TABLE}_vocab",
    f"DROP TABLE IF EXISTS {NAMES_TABLE}", f"DROP TABLE IF EXISTS {FTS_TABLE}",
]
POSTGRES_CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE product_search ADD COLUMN fts_name tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, name_terms)) STORED",
    f"ALTER TABLE product_search ADD COLUMN fts_document tsvector GENERATED ALWAYS AS {POSTGRES_DOCUMENT} STORED",
    "CREATE INDEX ix_search_fts_name ON product_search USING gin (fts_name)",
    "CREATE INDEX ix_search_fts_document ON product_search USING gin (fts_document)",
    "CREATE INDEX ix_search_name_trgm ON product_search USING gin (name_terms gin_trgm_ops)",
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


sa.event.listen(ProductSearch.__table__, "after_create", _run(CREATE))
sa.event.listen(ProductSearch.__table__, "before_drop", _run(DROP))


# --- keeping the terms current -------------------------------------------------------------------

INDEXED_FIELDS = ("name", "description", "category_id")


def document_for(product: Product, category: Category | None) -> tuple[str, str]:
    """(name terms, body terms): the name weighs most; the body adds description and category."""
    body = " ".join([product.description or "", category.name_id if category else "",
                     category.name_en if category else ""])
    return index_terms(product.name or ""), index_terms(body)


def _needs_document(session: Session, product: Product) -> bool:
    if product in session.new:
        return True
    state = sa.inspect(product)
    return any(state.attrs[field].history.has_changes() for field in INDEXED_FIELDS)


@sa.event.listens_for(Session, "before_flush")
def refresh_search_documents(session: Session, flush_context, instances) -> None:
    """Every product added, renamed, redescribed or recategorised gets its terms rebuilt here,
    whichever service changed it: one place, so search can never miss an edit."""
    products = [obj for obj in list(session.new) + list(session.dirty)
                if isinstance(obj, Product) and _needs_document(session, obj)]
    if not products:
        return
    with session.no_autoflush:
        for product in products:
            category = session.get(Category, product.category_id) if product.category_id else None
            name_terms, body_terms = document_for(product, category)
            document = session.get(ProductSearch, product.id) if product.id else None
            if document is None:
                product.search_document = ProductSearch(name_terms=name_terms, body_terms=body_terms)
            else:
                document.name_terms, document.body_terms = name_terms, body_terms
