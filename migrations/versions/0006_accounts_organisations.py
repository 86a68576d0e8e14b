"""Accounts and organisations on the site: confirmed e-mail, server-side login sessions,
OpenID Connect identities, deleted accounts kept as empty rows, invitations, claimed
price categories that a case officer verifies, and which chat conversations are whose.

Organisations registered before claims were checked keep the price they had: their
claim is marked verified (by nobody, with a note saying so), so no club's price
changes overnight; a case officer can look at them again.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 19:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

GRANDFATHERED = "Registrert før kategorier ble kontrollert."


def upgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.alter_column('email', existing_type=sa.String(length=200), nullable=True)
        batch_op.alter_column('password_hash', existing_type=sa.String(length=300), nullable=True)
        batch_op.add_column(sa.Column('email_confirmed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True))
    # Accounts made before confirmation existed were made by the municipality or the demo.
    op.execute("UPDATE user_account SET email_confirmed_at = created_at")

    op.create_table('login_session',
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_agent', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_login_session_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('key_hash', name=op.f('pk_login_session'))
    )
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_session_user_id'), ['user_id'], unique=False)

    op.create_table('external_identity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('provider', sa.String(length=40), nullable=False),
    sa.Column('subject', sa.String(length=255), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_external_identity_user_id_user_account'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_external_identity')),
    sa.UniqueConstraint('provider', 'subject', name=op.f('uq_external_identity_provider_subject'))
    )
    with op.batch_alter_table('external_identity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_external_identity_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claim_status', sa.String(length=10), nullable=False, server_default='none'))
        batch_op.add_column(sa.Column('claim_note', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('claim_decided_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('claim_decided_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('claim_reason', sa.Text(), nullable=False, server_default=''))
        batch_op.create_foreign_key(batch_op.f('fk_organisation_claim_decided_by_id_user_account'),
                                    'user_account', ['claim_decided_by_id'], ['id'], ondelete='SET NULL')
    organisation = sa.table('organisation', sa.column('category', sa.String),
                            sa.column('claim_status', sa.String), sa.column('claim_reason', sa.Text))
    op.execute(organisation.update()
               .where(organisation.c.category.in_(['children_youth_nonprofit', 'other_nonprofit']))
               .values(claim_status='verified', claim_reason=GRANDFATHERED))

    op.create_table('invitation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('invited_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('accepted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['invited_by_id'], ['user_account.id'], name=op.f('fk_invitation_invited_by_id_user_account'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_invitation_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitation')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_invitation_token_hash'))
    )
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invitation_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('chat_conversation',
    sa.Column('sender_id', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('forget', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_chat_conversation_user_id_user_account'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('sender_id', name=op.f('pk_chat_conversation'))
    )
    with op.batch_alter_table('chat_conversation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chat_conversation_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('chat_conversation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chat_conversation_user_id'))
    op.drop_table('chat_conversation')
    with op.batch_alter_table('invitation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invitation_organisation_id'))
    op.drop_table('invitation')
    # Viewers could book before there were viewers.
    op.execute("UPDATE membership SET role = 'member' WHERE role = 'viewer'")
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_organisation_claim_decided_by_id_user_account'), type_='foreignkey')
        batch_op.drop_column('claim_reason')
        batch_op.drop_column('claim_decided_at')
        batch_op.drop_column('claim_decided_by_id')
        batch_op.drop_column('claim_note')
        batch_op.drop_column('claim_status')
    with op.batch_alter_table('external_identity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_external_identity_user_id'))
    op.drop_table('external_identity')
    with op.batch_alter_table('login_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_session_user_id'))
    op.drop_table('login_session')
    # The older schema needs an e-mail and a password hash: placeholders that no one can
    # log in with, so that the bookings pointing at these accounts are kept.
    op.execute("UPDATE user_account SET email = 'account-' || id || '@invalid' WHERE email IS NULL")
    op.execute("UPDATE user_account SET password_hash = '!' WHERE password_hash IS NULL")
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('deleted_at')
        batch_op.drop_column('email_confirmed_at')
        batch_op.alter_column('password_hash', existing_type=sa.String(length=300), nullable=False)
        batch_op.alter_column('email', existing_type=sa.String(length=200), nullable=False)
