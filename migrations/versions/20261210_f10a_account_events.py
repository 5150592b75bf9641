"""account events: staff actions on an account outside its own sign-ins (unlocking sign-in)

Revision ID: f10a_account_events
Revises: e10a7f3c5d21
Create Date: 2026-12-10 10:00:00

An admin or verifier can unlock an account whose sign-in is limited after failed attempts; each
unlock is recorded here, and the sign-in counters carry the id of the latest one, so an unlock
moves the account to fresh counters on every limiter storage.
"""
import sqlalchemy as sa
from alembic import op

revision = 'f10a_account_events'
down_revision = 'e10a7f3c5d21'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('account_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_role', sa.String(length=20), nullable=False),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_account_events_actor_id_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_account_events_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_account_events'))
    )
    with op.batch_alter_table('account_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_account_events_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('account_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_account_events_user_id'))
    op.drop_table('account_events')
