"""issued documents: each Surat Pesanan and BAST frozen as issued (its facts and their fingerprint)

Documents issued before this revision are frozen as the earlier code fingerprinted them (today's
names, the day of the stored UTC moment), so a QR code printed since the last rename keeps
verifying and its PDF keeps saying what it said.

Revision ID: c10_frozen_documents
Revises: d3d3733fd1af
Create Date: 2026-12-08 01:00:00

"""
import hashlib
import json

import sqlalchemy as sa
from alembic import op

revision = 'c10_frozen_documents'
down_revision = 'd3d3733fd1af'
branch_labels = None
depends_on = None

issued_documents = sa.table(
    'issued_documents', sa.column('request_id', sa.Integer), sa.column('kind', sa.String),
    sa.column('number', sa.String), sa.column('facts', sa.JSON), sa.column('digest', sa.String),
    sa.column('issued_at', sa.DateTime))
requests = sa.table(
    'purchase_requests', *(sa.column(name, sa.Integer) for name in ('id', 'opd_id', 'ppk_id', 'seller_id',
                                                                   'fiscal_year')),
    *(sa.column(name, sa.String) for name in ('number', 'sp_number', 'bast_number', 'rup_code', 'kode_rekening',
                                              'delivery_address')),
    sa.column('sp_issued_at', sa.DateTime), sa.column('bast_signed_at', sa.DateTime),
    sa.column('needed_on', sa.Date), sa.column('window_start', sa.Time), sa.column('window_end', sa.Time))
items = sa.table(
    'request_items', sa.column('id', sa.Integer), sa.column('request_id', sa.Integer), sa.column('name', sa.String),
    sa.column('unit_name', sa.String), sa.column('unit_price', sa.BigInteger), sa.column('quantity', sa.Integer),
    sa.column('accepted_quantity', sa.Integer), sa.column('price_includes_ppn', sa.Boolean))
opds = sa.table('opds', sa.column('id', sa.Integer), sa.column('name', sa.String))
users = sa.table('users', sa.column('id', sa.Integer), sa.column('name', sa.String))
sellers = sa.table('sellers', sa.column('id', sa.Integer), sa.column('business_name', sa.String),
                   sa.column('owner_name', sa.String), sa.column('nib', sa.String))


def upgrade():
    op.create_table('issued_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('request_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('number', sa.String(length=60), nullable=False),
    sa.Column('facts', sa.JSON(), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('issued_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['purchase_requests.id'], name=op.f('fk_issued_documents_request_id_purchase_requests'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_issued_documents'))
    )
    with op.batch_alter_table('issued_documents', schema=None) as batch_op:
        batch_op.create_index('ix_issued_documents_request_kind', ['request_id', 'kind'], unique=False)
    rows = _legacy_documents(op.get_bind())
    if rows:
        op.bulk_insert(issued_documents, rows)


def downgrade():
    with op.batch_alter_table('issued_documents', schema=None) as batch_op:
        batch_op.drop_index('ix_issued_documents_request_kind')
    op.drop_table('issued_documents')


def _legacy_documents(bind) -> list[dict]:
    """The documents already issued, with the facts the earlier code printed and fingerprinted."""
    rows = []
    for request in bind.execute(sa.select(requests).where(
            sa.or_(requests.c.sp_number.is_not(None), requests.c.bast_number.is_not(None)))).mappings():
        lines = bind.execute(sa.select(items).where(items.c.request_id == request['id'])
                             .order_by(items.c.id)).mappings().all()
        opd = bind.execute(sa.select(opds.c.name).where(opds.c.id == request['opd_id'])).scalar()
        ppk = bind.execute(sa.select(users.c.name).where(users.c.id == request['ppk_id'])).scalar()
        seller = bind.execute(sa.select(sellers).where(sellers.c.id == request['seller_id'])).mappings().one()
        for kind, number, moment in (('sp', request['sp_number'], request['sp_issued_at']),
                                     ('bast', request['bast_number'], request['bast_signed_at'])):
            if not number or moment is None:
                continue
            bast = kind == 'bast'
            stated = [{'name': line['name'], 'unit': line['unit_name'], 'price': line['unit_price'],
                       'quantity': line['accepted_quantity'] if bast and line['accepted_quantity'] is not None
                       else line['quantity'], 'ppn_included': bool(line['price_includes_ppn'])} for line in lines]
            facts = {
                'kind': kind, 'number': number, 'request': request['number'], 'date': moment.date().isoformat(),
                'opd': opd, 'ppk': ppk, 'seller': seller['business_name'], 'seller_owner': seller['owner_name'],
                'nib': seller['nib'] or '', 'rup': request['rup_code'], 'kode_rekening': request['kode_rekening'],
                'fiscal_year': request['fiscal_year'], 'items': stated,
                'total': sum(item['price'] * item['quantity'] for item in stated),
                'delivery': {'address': request['delivery_address'], 'date': request['needed_on'].isoformat(),
                             'window': f"{request['window_start']:%H.%M}-{request['window_end']:%H.%M}"},
            }
            digest = hashlib.sha256(json.dumps(facts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
            rows.append({'request_id': request['id'], 'kind': kind, 'number': number, 'facts': facts,
                         'digest': digest, 'issued_at': moment})
    return rows
