"""The contact person and phone for the day of a booking (the caretaker's day sheet shows them).

Existing bookings get empty values: the booker's own name and phone stand in for them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 15:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN on both backends (no table rebuild on SQLite): the booking table
    # is referenced by occurrences and occupancies under the overlap guard.
    op.add_column('booking', sa.Column('contact_name', sa.String(length=200), nullable=False,
                                       server_default=''))
    op.add_column('booking', sa.Column('contact_phone', sa.String(length=40), nullable=False,
                                       server_default=''))


def downgrade():
    with op.batch_alter_table('booking', schema=None) as batch_op:
        batch_op.drop_column('contact_phone')
        batch_op.drop_column('contact_name')
