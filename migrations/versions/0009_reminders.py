"""Reminders two days before each booked date: which dates have had theirs, and who
does not want them.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 14:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('wants_reminders', sa.Boolean(), nullable=False,
                                      server_default=sa.true()))
    with op.batch_alter_table('occurrence', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reminded_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('occurrence', schema=None) as batch_op:
        batch_op.drop_column('reminded_at')
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('wants_reminders')
