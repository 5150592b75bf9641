"""procurement: the cart, purchase requests with frozen items and their events, payments, ratings,
capacity held per product and day, notices, and the holidays that do not count as working days

Revision ID: d3d3733fd1af
Revises: b3f1c9d2e7a4
Create Date: 2026-12-07 05:40:22.498660

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = 'd3d3733fd1af'
down_revision = 'b3f1c9d2e7a4'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('holidays',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.PrimaryKeyConstraint('day', name=op.f('pk_holidays'))
    )
    op.create_table('purchase_requests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=30), nullable=False),
    sa.Column('status', sa.Enum('submitted', 'approved', 'countered', 'accepted', 'shipped', 'delivered', 'nonconforming', 'disputed', 'inspected', 'awaiting_payment', 'paid', 'completed', 'rejected', 'declined', 'cancelled', 'expired', 'terminated', name='request_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('opd_id', sa.Integer(), nullable=False),
    sa.Column('seller_id', sa.Integer(), nullable=False),
    sa.Column('submitted_by_id', sa.Integer(), nullable=False),
    sa.Column('ppk_id', sa.Integer(), nullable=False),
    sa.Column('idempotency_key', sa.String(length=64), nullable=False),
    sa.Column('kode_rekening', sa.String(length=60), nullable=False),
    sa.Column('rup_code', sa.String(length=30), nullable=False),
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('delivery_address', sa.Text(), nullable=False),
    sa.Column('delivery_kecamatan_id', sa.Integer(), nullable=False),
    sa.Column('recipient_name', sa.String(length=120), nullable=False),
    sa.Column('recipient_phone', sa.String(length=20), nullable=False),
    sa.Column('needed_on', sa.Date(), nullable=False),
    sa.Column('window_start', sa.Time(), nullable=False),
    sa.Column('window_end', sa.Time(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.Column('accepted_total', sa.BigInteger(), nullable=True),
    sa.Column('counter_offer', sa.JSON(), nullable=True),
    sa.Column('sp_number', sa.String(length=60), nullable=True),
    sa.Column('sp_issued_at', sa.DateTime(), nullable=True),
    sa.Column('shipping_note', sa.Text(), nullable=False),
    sa.Column('shipping_photo_key', sa.String(length=120), nullable=True),
    sa.Column('inspection', sa.JSON(), nullable=True),
    sa.Column('bast_number', sa.String(length=60), nullable=True),
    sa.Column('bast_signed_at', sa.DateTime(), nullable=True),
    sa.Column('respond_by', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('total > 0', name=op.f('ck_purchase_requests_total_positive')),
    sa.ForeignKeyConstraint(['delivery_kecamatan_id'], ['kecamatan.id'], name=op.f('fk_purchase_requests_delivery_kecamatan_id_kecamatan')),
    sa.ForeignKeyConstraint(['opd_id'], ['opds.id'], name=op.f('fk_purchase_requests_opd_id_opds')),
    sa.ForeignKeyConstraint(['ppk_id'], ['users.id'], name=op.f('fk_purchase_requests_ppk_id_users')),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], name=op.f('fk_purchase_requests_seller_id_sellers')),
    sa.ForeignKeyConstraint(['submitted_by_id'], ['users.id'], name=op.f('fk_purchase_requests_submitted_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_purchase_requests')),
    sa.UniqueConstraint('idempotency_key', 'seller_id', name='uq_purchase_requests_idempotency_seller'),
    sa.UniqueConstraint('number', name=op.f('uq_purchase_requests_number'))
    )
    with op.batch_alter_table('purchase_requests', schema=None) as batch_op:
        batch_op.create_index('ix_purchase_requests_opd_status', ['opd_id', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_purchase_requests_ppk_id'), ['ppk_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_purchase_requests_respond_by'), ['respond_by'], unique=False)
        batch_op.create_index('ix_purchase_requests_seller_status', ['seller_id', 'status'], unique=False)

    op.create_table('capacity_holds',
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('reserved', sa.Integer(), nullable=False),
    sa.CheckConstraint('reserved >= 0', name=op.f('ck_capacity_holds_reserved_not_negative')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_capacity_holds_product_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('product_id', 'day', name=op.f('pk_capacity_holds'))
    )
    op.create_table('cart_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_cart_items_quantity_positive')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_cart_items_product_id_products'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_cart_items_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cart_items')),
    sa.UniqueConstraint('user_id', 'product_id', name='uq_cart_items_user_product')
    )
    with op.batch_alter_table('cart_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cart_items_user_id'), ['user_id'], unique=False)

    op.create_table('notices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=True),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('read_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['request_id'], ['purchase_requests.id'], name=op.f('fk_notices_request_id_purchase_requests'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notices_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notices'))
    )
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notices_user_id'), ['user_id'], unique=False)

    op.create_table('payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('method', sa.Enum('sp2d_ls', 'up_gu', 'kkpd', 'transfer', name='payment_method', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('reference', sa.String(length=60), nullable=False),
    sa.Column('proof_key', sa.String(length=120), nullable=False),
    sa.Column('proof_content_type', sa.String(length=40), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('confirmed_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('amount > 0', name=op.f('ck_payments_amount_positive')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_payments_recorded_by_id_users')),
    sa.ForeignKeyConstraint(['request_id'], ['purchase_requests.id'], name=op.f('fk_payments_request_id_purchase_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payments')),
    sa.UniqueConstraint('request_id', name=op.f('uq_payments_request_id'))
    )
    op.create_table('ratings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('seller_id', sa.Integer(), nullable=False),
    sa.Column('on_time', sa.Integer(), nullable=False),
    sa.Column('as_described', sa.Integer(), nullable=False),
    sa.Column('quality', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('rated_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('reply', sa.Text(), nullable=False),
    sa.Column('replied_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('as_described BETWEEN 1 AND 5', name=op.f('ck_ratings_as_described_range')),
    sa.CheckConstraint('on_time BETWEEN 1 AND 5', name=op.f('ck_ratings_on_time_range')),
    sa.CheckConstraint('quality BETWEEN 1 AND 5', name=op.f('ck_ratings_quality_range')),
    sa.ForeignKeyConstraint(['rated_by_id'], ['users.id'], name=op.f('fk_ratings_rated_by_id_users')),
    sa.ForeignKeyConstraint(['request_id'], ['purchase_requests.id'], name=op.f('fk_ratings_request_id_purchase_requests'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], name=op.f('fk_ratings_seller_id_sellers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ratings')),
    sa.UniqueConstraint('request_id', name=op.f('uq_ratings_request_id'))
    )
    with op.batch_alter_table('ratings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ratings_seller_id'), ['seller_id'], unique=False)

    op.create_table('request_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_role', sa.String(length=20), nullable=False),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('from_status', sa.String(length=20), nullable=False),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('reason_code', sa.String(length=30), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('ip_address', sa.String(length=45), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_request_events_actor_id_users')),
    sa.ForeignKeyConstraint(['request_id'], ['purchase_requests.id'], name=op.f('fk_request_events_request_id_purchase_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_request_events'))
    )
    with op.batch_alter_table('request_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_request_events_request_id'), ['request_id'], unique=False)

    op.create_table('request_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=True),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('accepted_quantity', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('unit_name', sa.String(length=60), nullable=False),
    sa.Column('unit_price', sa.BigInteger(), nullable=False),
    sa.Column('price_includes_ppn', sa.Boolean(), nullable=False),
    sa.Column('seller_is_pkp', sa.Boolean(), nullable=False),
    sa.Column('halal_status', sa.String(length=30), nullable=False),
    sa.Column('halal_certificate_number', sa.String(length=24), nullable=False),
    sa.Column('photo_key', sa.String(length=200), nullable=False),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_request_items_quantity_positive')),
    sa.CheckConstraint('unit_price > 0', name=op.f('ck_request_items_unit_price_positive')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_request_items_product_id_products'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['request_id'], ['purchase_requests.id'], name=op.f('fk_request_items_request_id_purchase_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_request_items'))
    )
    with op.batch_alter_table('request_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_request_items_request_id'), ['request_id'], unique=False)



def downgrade():
    with op.batch_alter_table('request_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_request_items_request_id'))

    op.drop_table('request_items')
    with op.batch_alter_table('request_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_request_events_request_id'))

    op.drop_table('request_events')
    with op.batch_alter_table('ratings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ratings_seller_id'))

    op.drop_table('ratings')
    op.drop_table('payments')
    with op.batch_alter_table('notices', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notices_user_id'))

    op.drop_table('notices')
    with op.batch_alter_table('cart_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cart_items_user_id'))

    op.drop_table('cart_items')
    op.drop_table('capacity_holds')
    with op.batch_alter_table('purchase_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_purchase_requests_seller_status')
        batch_op.drop_index(batch_op.f('ix_purchase_requests_respond_by'))
        batch_op.drop_index(batch_op.f('ix_purchase_requests_ppk_id'))
        batch_op.drop_index('ix_purchase_requests_opd_status')

    op.drop_table('purchase_requests')
    op.drop_table('holidays')
