"""product search: stemmed terms per product, with FTS5 (SQLite) or GIN + pg_trgm (PostgreSQL)

Revision ID: 7c1e0a4d2b91
Revises: 523db12472b7
Create Date: 2026-11-22 10:05:00

The index objects are written out here (not imported) so this step stays what it was when it
ran; catalog/search_index.py holds the same statements for `create_all`.
"""
import sqlalchemy as sa
from alembic import op

revision = '7c1e0a4d2b91'
down_revision = '523db12472b7'
branch_labels = None
depends_on = None

POSTGRES_DOCUMENT = ("(setweight(to_tsvector('simple'::regconfig, name_terms), 'A') || "
                     "setweight(to_tsvector('simple'::regconfig, body_terms), 'B'))")
CREATE = {
    "sqlite": [
        "CREATE VIRTUAL TABLE product_fts USING fts5(name_terms, body_terms, content='product_search', "
        "content_rowid='product_id', tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')",
        "CREATE VIRTUAL TABLE product_fts_vocab USING fts5vocab(product_fts, 'row')",
        """CREATE TRIGGER product_search_ai AFTER INSERT ON product_search BEGIN
  INSERT INTO product_fts(rowid, name_terms, body_terms) VALUES (new.product_id, new.name_terms, new.body_terms);
END""",
        """CREATE TRIGGER product_search_ad AFTER DELETE ON product_search BEGIN
  INSERT INTO product_fts(product_fts, rowid, name_terms, body_terms)
  VALUES ('delete', old.product_id, old.name_terms, old.body_terms);
END""",
        """CREATE TRIGGER product_search_au AFTER UPDATE ON product_search BEGIN
  INSERT INTO product_fts(product_fts, rowid, name_terms, body_terms)
  VALUES ('delete', old.product_id, old.name_terms, old.body_terms);
  INSERT INTO product_fts(rowid, name_terms, body_terms) VALUES (new.product_id, new.name_terms, new.body_terms);
END""",
    ],
    "postgresql": [
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        f"CREATE INDEX ix_search_document ON product_search USING gin ({POSTGRES_DOCUMENT})",
        "CREATE INDEX ix_search_name_trgm ON product_search USING gin (name_terms gin_trgm_ops)",
    ],
}
DROP = {
    "sqlite": ["DROP TRIGGER IF EXISTS product_search_au", "DROP TRIGGER IF EXISTS product_search_ad",
               "DROP TRIGGER IF EXISTS product_search_ai", "DROP TABLE IF EXISTS product_fts_vocab",
               "DROP TABLE IF EXISTS product_fts"],
    "postgresql": ["DROP INDEX IF EXISTS ix_search_name_trgm", "DROP INDEX IF EXISTS ix_search_document"],
}


def upgrade():
    op.create_table('product_search',
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('name_terms', sa.Text(), nullable=False),
    sa.Column('body_terms', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_search_product_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('product_id', name=op.f('pk_product_search'))
    )
    bind = op.get_bind()
    for statement in CREATE.get(bind.dialect.name, []):
        op.execute(statement)
    _index_existing_products(bind)


def _index_existing_products(bind):
    """Products listed before search existed get their terms (the same stemmer as the app)."""
    from storefront.catalog.stemmer import index_terms

    rows = bind.execute(sa.text(
        "SELECT p.id, p.name, p.description, c.name_id, c.name_en FROM products p "
        "LEFT JOIN categories c ON c.id = p.category_id")).all()
    if rows:
        bind.execute(sa.text("INSERT INTO product_search (product_id, name_terms, body_terms) "
                             "VALUES (:id, :name, :body)"),
                     [{"id": row.id, "name": index_terms(row.name or ""),
                       "body": index_terms(" ".join([row.description or "", row.name_id or "", row.name_en or ""]))}
                      for row in rows])


def downgrade():
    for statement in DROP.get(op.get_bind().dialect.name, []):
        op.execute(statement)
    op.drop_table('product_search')
