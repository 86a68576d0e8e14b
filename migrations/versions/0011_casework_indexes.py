"""Indexes for the case officers' pages: on an occurrence's booking and status (the
approval queue counts each requester's dates marked came / did not come from the index
alone, also for a club with thousands of dates), and on when a booking's status changed
(the audit log reads the newest first, to any depth, without sorting the table).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 02:30:00

"""
from alembic import op


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_occurrence_booking_status', 'occurrence', ['booking_id', 'status'])
    op.create_index('ix_status_change_at', 'status_change', ['at'])


def downgrade():
    op.drop_index('ix_status_change_at', table_name='status_change')
    op.drop_index('ix_occurrence_booking_status', table_name='occurrence')
