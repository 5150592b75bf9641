"""catalog entries: the public read model, with the search index built on it

Revision ID: b3f1c9d2e7a4
Revises: 9d2e4f6a8b10
Create Date: 2026-12-07 09:00:00

`catalog_entries` holds one row per public product with what listings, search and facets read,
the stemmed search terms included; it replaces `product_search`, so only public products are
indexed. Search ranks names apart from the body:
- SQLite: an FTS5 table of the names alone beside the one of names and body, both with prefix
  indexes up to 6 letters;
- PostgreSQL: the name and the weighted document become stored generated `tsvector` columns with
  GIN indexes, so matching and ranking read a stored vector instead of running to_tsvector on
  every matching row (seconds on a common word at 100,000 products).
The statements are written out here so this step stays what it was when it ran.
"""
import sqlalchemy as sa
from alembic import op

revision = 'b3f1c9d2e7a4'
down_revision = '9d2e4f6a8b10'
branch_labels = None
depends_on = None

DOCUMENT = ("(setweight(to_tsvector('simple'::regconfig, name_terms), 'A') || "
            "setweight(to_tsvector('simple'::regconfig, body_terms), 'B'))")
OPTIONS = ("content='{table}', content_rowid='product_id', tokenize='unicode61 remove_diacritics 2', "
           "prefix='{prefix}'")


def _trigger(name, table, event, body):
    return f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN\n  " + "\n  ".join(body) + "\nEND"


def _sqlite_index(table, trigger_prefix, prefix, names):
    """The FTS5 objects over `table` (product_search before this step, catalog_entries after)."""
    options = OPTIONS.format(table=table, prefix=prefix)
    add = ["INSERT INTO product_fts(rowid, name_terms, body_terms) VALUES (new.product_id, new.name_terms, new.body_terms);"]
    remove = ["INSERT INTO product_fts(product_fts, rowid, name_terms, body_terms) "
              "VALUES ('delete', old.product_id, old.name_terms, old.body_terms);"]
    if names:
        add.append("INSERT INTO product_fts_names(rowid, name_terms) VALUES (new.product_id, new.name_terms);")
        remove.append("INSERT INTO product_fts_names(product_fts_names, rowid, name_terms) "
                      "VALUES ('delete', old.product_id, old.name_terms);")
    return [
        f"CREATE VIRTUAL TABLE product_fts USING fts5(name_terms, body_terms, {options})",
        *([f"CREATE VIRTUAL TABLE product_fts_names USING fts5(name_terms, {options})"] if names else []),
        "CREATE VIRTUAL TABLE product_fts_vocab USING fts5vocab(product_fts, 'row')",
        *(["CREATE VIRTUAL TABLE product_fts_names_vocab USING fts5vocab(product_fts_names, 'row')"] if names else []),
        _trigger(f"{trigger_prefix}_ai", table, "INSERT", add),
        _trigger(f"{trigger_prefix}_ad", table, "DELETE", remove),
        _trigger(f"{trigger_prefix}_au", table, "UPDATE", remove + add),
    ]


def _sqlite_drop(trigger_prefix):
    return [f"DROP TRIGGER IF EXISTS {trigger_prefix}_au", f"DROP TRIGGER IF EXISTS {trigger_prefix}_ad",
            f"DROP TRIGGER IF EXISTS {trigger_prefix}_ai", "DROP TABLE IF EXISTS product_fts_vocab",
            "DROP TABLE IF EXISTS product_fts_names_vocab",
            "DROP TABLE IF EXISTS product_fts_names", "DROP TABLE IF EXISTS product_fts"]


POSTGRES_ENTRIES_INDEX = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE catalog_entries ADD COLUMN fts_name tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, name_terms)) STORED",
    f"ALTER TABLE catalog_entries ADD COLUMN fts_document tsvector GENERATED ALWAYS AS {DOCUMENT} STORED",
    "CREATE INDEX ix_search_fts_name ON catalog_entries USING gin (fts_name)",
    "CREATE INDEX ix_search_fts_document ON catalog_entries USING gin (fts_document)",
    "CREATE INDEX ix_search_name_trgm ON catalog_entries USING gin (name_terms gin_trgm_ops)",
]
POSTGRES_OLD_INDEX = [
    f"CREATE INDEX ix_search_document ON product_search USING gin ({DOCUMENT})",
    "CREATE INDEX ix_search_name_trgm ON product_search USING gin (name_terms gin_trgm_ops)",
]
FILTERS = ['category_id', 'kecamatan_id', 'scale', 'halal_badge', 'price', 'lead_time_days']


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in _sqlite_drop("product_search"):
            op.execute(statement)
    op.drop_table('product_search')  # its PostgreSQL indexes go with it
    op.create_table('catalog_entries',
    sa.Column('product_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('seller_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('kecamatan_id', sa.Integer(), nullable=True),
    sa.Column('scale', sa.String(length=20), nullable=False),
    sa.Column('halal_badge', sa.Boolean(), nullable=False),
    sa.Column('price', sa.BigInteger(), nullable=False),
    sa.Column('lead_time_days', sa.Integer(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('slug', sa.String(length=60), nullable=False),
    sa.Column('seller_name', sa.String(length=120), nullable=False),
    sa.Column('unit_name_id', sa.String(length=60), nullable=False),
    sa.Column('unit_name_en', sa.String(length=60), nullable=False),
    sa.Column('claims_verified', sa.Boolean(), nullable=False),
    sa.Column('photo_alt', sa.String(length=200), nullable=False),
    sa.Column('photo', sa.JSON(), nullable=False),
    sa.Column('name_terms', sa.Text(), nullable=False),
    sa.Column('body_terms', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_catalog_entries_product_id_products'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], name=op.f('fk_catalog_entries_seller_id_sellers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('product_id', name=op.f('pk_catalog_entries'))
    )
    with op.batch_alter_table('catalog_entries', schema=None) as batch_op:
        batch_op.create_index('ix_catalog_entries_category', ['category_id', 'published_at', 'product_id', *FILTERS[1:]], unique=False)
        batch_op.create_index('ix_catalog_entries_price', ['price', 'product_id', *FILTERS[:4], 'lead_time_days'], unique=False)
        batch_op.create_index('ix_catalog_entries_published', ['published_at', 'product_id', *FILTERS], unique=False)
        batch_op.create_index('ix_catalog_entries_seller', ['seller_id', 'published_at', 'product_id', *FILTERS], unique=False)
    statements = {"sqlite": _sqlite_index("catalog_entries", "catalog_entries", "2 3 4 5 6", names=True),
                  "postgresql": POSTGRES_ENTRIES_INDEX}
    for statement in statements.get(bind.dialect.name, []):
        op.execute(statement)
    _fill_entries(bind)


def _fill_entries(bind):
    """Products that were public before this step get their entries (the triggers index them)."""
    from storefront.catalog.stemmer import index_terms
    from storefront.catalog.urls import slugify
    from storefront.sellers.halal.statuses import shows_halal_badge

    products = bind.execute(sa.text(
        "SELECT p.id, p.seller_id, p.category_id, s.kecamatan_id, s.scale, p.halal_status, "
        "p.halal_certificate_number, p.price, p.lead_time_days, coalesce(p.published_at, p.created_at) AS published_at, "
        "p.name, p.description, p.claims_verified_at, s.business_name, u.name_id, u.name_en, "
        "c.name_id AS category_id_name, c.name_en AS category_en_name "
        "FROM products p JOIN sellers s ON s.id = p.seller_id JOIN units u ON u.id = p.unit_id "
        "LEFT JOIN categories c ON c.id = p.category_id "
        "WHERE p.status = 'published' AND s.status = 'verified'")).all()
    photos = {}
    for product_id, photo_id, alt, width, key in bind.execute(sa.text(
            "SELECT pp.product_id, pp.id, pp.alt_text, d.width, d.key FROM product_photos pp "
            "JOIN media_derivatives d ON d.image_id = pp.image_id "
            "ORDER BY pp.product_id, pp.is_primary DESC, pp.position, pp.id, d.width")):
        chosen = photos.setdefault(product_id, (photo_id, alt, []))
        if chosen[0] == photo_id:
            chosen[2].append([width, key])
    entries = sa.table("catalog_entries", *[sa.column(name) for name in (
        "product_id", "seller_id", "category_id", "kecamatan_id", "scale", "halal_badge", "price",
        "lead_time_days", "published_at", "name", "slug", "seller_name", "unit_name_id", "unit_name_en",
        "claims_verified", "photo_alt", "name_terms", "body_terms")], sa.column("photo", sa.JSON()))
    rows = []
    for row in products:
        _, alt, derivatives = photos.get(row.id, (None, "", []))
        body = " ".join([row.description or "", row.category_id_name or "", row.category_en_name or ""])
        rows.append({"product_id": row.id, "seller_id": row.seller_id, "category_id": row.category_id,
                     "kecamatan_id": row.kecamatan_id, "scale": row.scale or "",
                     "halal_badge": shows_halal_badge(row.halal_status, row.halal_certificate_number),
                     "price": row.price, "lead_time_days": row.lead_time_days, "published_at": row.published_at,
                     "name": row.name, "slug": slugify(row.name), "seller_name": row.business_name,
                     "unit_name_id": row.name_id, "unit_name_en": row.name_en,
                     "claims_verified": row.claims_verified_at is not None, "photo_alt": alt, "photo": derivatives,
                     "name_terms": index_terms(row.name or ""), "body_terms": index_terms(body)})
    for start in range(0, len(rows), 2000):
        bind.execute(entries.insert(), rows[start:start + 2000])


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in _sqlite_drop("catalog_entries"):
            op.execute(statement)
    with op.batch_alter_table('catalog_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_catalog_entries_seller')
        batch_op.drop_index('ix_catalog_entries_published')
        batch_op.drop_index('ix_catalog_entries_price')
        batch_op.drop_index('ix_catalog_entries_category')
    op.drop_table('catalog_entries')  # its PostgreSQL search columns and indexes go with it
    op.create_table('product_search',
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('name_terms', sa.Text(), nullable=False),
    sa.Column('body_terms', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_search_product_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('product_id', name=op.f('pk_product_search'))
    )
    statements = {"sqlite": _sqlite_index("product_search", "product_search", "2 3 4", names=False),
                  "postgresql": POSTGRES_OLD_INDEX}
    for statement in statements.get(bind.dialect.name, []):
        op.execute(statement)
    from storefront.catalog.stemmer import index_terms

    rows = bind.execute(sa.text(
        "SELECT p.id, p.name, p.description, c.name_id, c.name_en FROM products p "
        "LEFT JOIN categories c ON c.id = p.category_id")).all()
    if rows:
        bind.execute(sa.text("INSERT INTO product_search (product_id, name_terms, body_terms) VALUES (:id, :name, :body)"),
                     [{"id": row.id, "name": index_terms(row.name or ""),
                       "body": index_terms(" ".join([row.description or "", row.name_id or "", row.name_en or ""]))}
                      for row in rows])
