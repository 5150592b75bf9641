"""seller documents record their stored size: the per-seller storage quota adds them up

Rows stored before this keep NULL; the quota reads their size from storage once asked.

Revision ID: e10a7f3c5d21
Revises: c10_frozen_documents
Create Date: 2026-12-10 09:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'e10a7f3c5d21'
down_revision = 'c10_frozen_documents'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('seller_documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('file_size', sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table('seller_documents', schema=None) as batch_op:
        batch_op.drop_column('file_size')
