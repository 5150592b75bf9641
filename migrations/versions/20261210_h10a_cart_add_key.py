"""cart lines remember the key of the form that last added to them

Revision ID: h10a_cart_add_key
Revises: f10a_account_events
Create Date: 2026-12-10 09:00:00

The product page's add-to-cart form carries a key; the same form posted twice (a double click,
a retry) adds its quantity once (issue 10, point 7).
"""
import sqlalchemy as sa
from alembic import op

revision = 'h10a_cart_add_key'
down_revision = 'f10a_account_events'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cart_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('add_key', sa.String(length=64), nullable=True))


def downgrade():
    with op.batch_alter_table('cart_items', schema=None) as batch_op:
        batch_op.drop_column('add_key')
