"""the keys of posted create forms, so the same form posted twice creates once

Revision ID: h10b_form_submissions
Revises: h10a_cart_add_key
Create Date: 2026-12-10 09:10:00

Issue 10, point 7: a double click on "save" made two products, two photos or two documents.
"""
import sqlalchemy as sa
from alembic import op

revision = 'h10b_form_submissions'
down_revision = 'h10a_cart_add_key'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'form_submissions',
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_form_submissions_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_form_submissions')),
    )
    with op.batch_alter_table('form_submissions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_form_submissions_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('form_submissions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_form_submissions_user_id'))
    op.drop_table('form_submissions')
