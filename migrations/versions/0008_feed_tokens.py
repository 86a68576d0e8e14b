"""Calendar feeds: secret addresses (their SHA-256 kept) per building, room,
organisation or user, which their owner can revoke and renew.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 14:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('feed_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=20), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['owner_id'], ['user_account.id'], name=op.f('fk_feed_token_owner_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feed_token')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_feed_token_token_hash'))
    )
    with op.batch_alter_table('feed_token', schema=None) as batch_op:
        batch_op.create_index('ix_feed_token_owner', ['owner_id', 'revoked_at'], unique=False)


def downgrade():
    with op.batch_alter_table('feed_token', schema=None) as batch_op:
        batch_op.drop_index('ix_feed_token_owner')
    op.drop_table('feed_token')
