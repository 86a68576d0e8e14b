"""A booking made by moving another one points at it: the old slot is kept until the new
booking is confirmed (at once, or when a case officer approves it).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 15:45:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('booking', schema=None) as batch_op:
        batch_op.add_column(sa.Column('replaces_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_booking_replaces_id_booking'), 'booking',
                                    ['replaces_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('booking', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_booking_replaces_id_booking'), type_='foreignkey')
        batch_op.drop_column('replaces_id')
