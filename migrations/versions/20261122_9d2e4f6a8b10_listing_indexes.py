"""listing indexes: products in published order and in price order, per status

Revision ID: 9d2e4f6a8b10
Revises: 7c1e0a4d2b91
Create Date: 2026-11-22 11:30:00

"""
from alembic import op

revision = '9d2e4f6a8b10'
down_revision = '7c1e0a4d2b91'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.create_index('ix_products_status_published_at', ['status', 'published_at', 'id'], unique=False)
        batch_op.create_index('ix_products_status_price', ['status', 'price', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_index('ix_products_status_price')
        batch_op.drop_index('ix_products_status_published_at')
