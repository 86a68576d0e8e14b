"""Status changes: who moved a booking or one of its dates from which status to which, and why.

Bookings made before this revision get one row each, from nothing to their
status at the time, dated when they were made (their earlier history was not kept).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 09:30:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('status_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('booking_id', sa.Integer(), nullable=False),
    sa.Column('occurrence_id', sa.Integer(), nullable=True),
    sa.Column('from_status', sa.String(length=20), nullable=True),
    sa.Column('to_status', sa.String(length=20), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['user_account.id'], name=op.f('fk_status_change_actor_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['booking_id'], ['booking.id'], name=op.f('fk_status_change_booking_id_booking'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['occurrence_id'], ['occurrence.id'], name=op.f('fk_status_change_occurrence_id_occurrence'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_status_change'))
    )
    with op.batch_alter_table('status_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_status_change_booking_id'), ['booking_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_status_change_occurrence_id'), ['occurrence_id'], unique=False)

    op.execute(
        "INSERT INTO status_change (booking_id, to_status, actor_id, at, reason) "
        "SELECT id, status, booker_id, created_at, '' FROM booking"
    )


def downgrade():
    with op.batch_alter_table('status_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_status_change_occurrence_id'))
        batch_op.drop_index(batch_op.f('ix_status_change_booking_id'))

    op.drop_table('status_change')
