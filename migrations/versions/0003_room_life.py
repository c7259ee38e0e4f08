"""room life: live sessions, provider history, assessments, superbills, messages, audit

The audit trail is append-only: triggers refuse UPDATE and DELETE on audit_events.
Every existing room gets its current provider assignment as the start of its history.

Revision ID: 0003
Revises: 0001
Create Date: 2026-12-04 20:24:19.926610
"""

from __future__ import annotations

from collections.abc import Sequence

import uuid

import sqlalchemy as sa
from alembic import op


revision: str = '0003'
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('audit_events',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_user_id', sa.Uuid(), nullable=True),
    sa.Column('room_id', sa.Uuid(), nullable=True),
    sa.Column('action', sa.String(length=100), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index('ix_audit_events_actor_user_id_occurred_at', ['actor_user_id', 'occurred_at'], unique=False)
        batch_op.create_index('ix_audit_events_room_id_occurred_at', ['room_id', 'occurred_at'], unique=False)

    op.create_table('assessments',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('room_id', sa.Uuid(), nullable=False),
    sa.Column('template_key', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('measure_key', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('sent_by_user_id', sa.Uuid(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('completed_by_user_id', sa.Uuid(), nullable=True),
    sa.Column('answers', sa.JSON(), nullable=True),
    sa.Column('score', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['completed_by_user_id'], ['users.id'], name=op.f('fk_assessments_completed_by_user_id_users')),
    sa.ForeignKeyConstraint(['room_id'], ['rooms.id'], name=op.f('fk_assessments_room_id_rooms'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['sent_by_user_id'], ['users.id'], name=op.f('fk_assessments_sent_by_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessments'))
    )
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.create_index('ix_assessments_room_id_sent_at', ['room_id', 'sent_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_assessments_sent_by_user_id'), ['sent_by_user_id'], unique=False)

    op.create_table('live_sessions',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('room_id', sa.Uuid(), nullable=False),
    sa.Column('provider_id', sa.Uuid(), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('scheduled_by_user_id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['provider_id'], ['providers.id'], name=op.f('fk_live_sessions_provider_id_providers')),
    sa.ForeignKeyConstraint(['room_id'], ['rooms.id'], name=op.f('fk_live_sessions_room_id_rooms'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['scheduled_by_user_id'], ['users.id'], name=op.f('fk_live_sessions_scheduled_by_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_live_sessions'))
    )
    with op.batch_alter_table('live_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_live_sessions_provider_id'), ['provider_id'], unique=False)
        batch_op.create_index('ix_live_sessions_room_id_starts_at', ['room_id', 'starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_live_sessions_scheduled_by_user_id'), ['scheduled_by_user_id'], unique=False)

    op.create_table('messages',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('room_id', sa.Uuid(), nullable=False),
    sa.Column('author_user_id', sa.Uuid(), nullable=False),
    sa.Column('author_role', sa.String(length=16), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_user_id'], ['users.id'], name=op.f('fk_messages_author_user_id_users')),
    sa.ForeignKeyConstraint(['room_id'], ['rooms.id'], name=op.f('fk_messages_room_id_rooms'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_messages'))
    )
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_messages_author_user_id'), ['author_user_id'], unique=False)
        batch_op.create_index('ix_messages_room_id_sent_at_id', ['room_id', 'sent_at', 'id'], unique=False)

    op.create_table('provider_assignments',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('room_id', sa.Uuid(), nullable=False),
    sa.Column('provider_id', sa.Uuid(), nullable=False),
    sa.Column('assigned_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('assigned_by_user_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['assigned_by_user_id'], ['users.id'], name=op.f('fk_provider_assignments_assigned_by_user_id_users')),
    sa.ForeignKeyConstraint(['provider_id'], ['providers.id'], name=op.f('fk_provider_assignments_provider_id_providers')),
    sa.ForeignKeyConstraint(['room_id'], ['rooms.id'], name=op.f('fk_provider_assignments_room_id_rooms'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_provider_assignments'))
    )
    with op.batch_alter_table('provider_assignments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_provider_assignments_provider_id'), ['provider_id'], unique=False)
        batch_op.create_index('ix_provider_assignments_room_id_assigned_at', ['room_id', 'assigned_at'], unique=False)
        batch_op.create_index('uq_provider_assignments_room_id_current', ['room_id'], unique=True, sqlite_where=sa.text('ended_at IS NULL'), postgresql_where=sa.text('ended_at IS NULL'))

    op.create_table('superbills',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('room_id', sa.Uuid(), nullable=False),
    sa.Column('requested_by_user_id', sa.Uuid(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('line_items', sa.JSON(), nullable=False),
    sa.Column('total_cents', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.ForeignKeyConstraint(['requested_by_user_id'], ['users.id'], name=op.f('fk_superbills_requested_by_user_id_users')),
    sa.ForeignKeyConstraint(['room_id'], ['rooms.id'], name=op.f('fk_superbills_room_id_rooms'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_superbills'))
    )
    with op.batch_alter_table('superbills', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_superbills_requested_by_user_id'), ['requested_by_user_id'], unique=False)
        batch_op.create_index('ix_superbills_room_id_requested_at', ['room_id', 'requested_at'], unique=False)

    _make_audit_append_only()
    _start_provider_history()


_APPEND_ONLY_MESSAGE = "audit_events is append-only"


def _make_audit_append_only() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{_APPEND_ONLY_MESSAGE}'; END $$"
        )
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_events_no_{verb.lower()} BEFORE {verb} ON audit_events "
                "FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()"
            )
        return
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER audit_events_no_{verb.lower()} BEFORE {verb} ON audit_events "
            f"BEGIN SELECT RAISE(ABORT, '{_APPEND_ONLY_MESSAGE}'); END"
        )


def _drop_audit_triggers() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for verb in ("update", "delete"):
        on_table = " ON audit_events" if postgres else ""
        op.execute(f"DROP TRIGGER IF EXISTS audit_events_no_{verb}{on_table}")
    if postgres:
        op.execute("DROP FUNCTION IF EXISTS audit_events_append_only()")


def _start_provider_history() -> None:
    """Each existing room's current provider, assigned when the room opened."""
    rooms = sa.table(
        "rooms",
        sa.column("id", sa.Uuid()),
        sa.column("provider_id", sa.Uuid()),
        sa.column("created_at", sa.DateTime(timezone=True)),
    )
    assignments = sa.table(
        "provider_assignments",
        sa.column("id", sa.Uuid()),
        sa.column("room_id", sa.Uuid()),
        sa.column("provider_id", sa.Uuid()),
        sa.column("assigned_at", sa.DateTime(timezone=True)),
    )
    bind = op.get_bind()
    found = bind.execute(sa.select(rooms.c.id, rooms.c.provider_id, rooms.c.created_at))
    rows = [
        {"id": uuid.uuid4(), "room_id": room_id, "provider_id": provider_id, "assigned_at": opened}
        for room_id, provider_id, opened in found
    ]
    if rows:
        bind.execute(sa.insert(assignments), rows)


def downgrade() -> None:
    _drop_audit_triggers()
    with op.batch_alter_table('superbills', schema=None) as batch_op:
        batch_op.drop_index('ix_superbills_room_id_requested_at')
        batch_op.drop_index(batch_op.f('ix_superbills_requested_by_user_id'))

    op.drop_table('superbills')
    with op.batch_alter_table('provider_assignments', schema=None) as batch_op:
        batch_op.drop_index('uq_provider_assignments_room_id_current', sqlite_where=sa.text('ended_at IS NULL'), postgresql_where=sa.text('ended_at IS NULL'))
        batch_op.drop_index('ix_provider_assignments_room_id_assigned_at')
        batch_op.drop_index(batch_op.f('ix_provider_assignments_provider_id'))

    op.drop_table('provider_assignments')
    with op.batch_alter_table('messages', schema=None) as batch_op:
        batch_op.drop_index('ix_messages_room_id_sent_at_id')
        batch_op.drop_index(batch_op.f('ix_messages_author_user_id'))

    op.drop_table('messages')
    with op.batch_alter_table('live_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_live_sessions_scheduled_by_user_id'))
        batch_op.drop_index('ix_live_sessions_room_id_starts_at')
        batch_op.drop_index(batch_op.f('ix_live_sessions_provider_id'))

    op.drop_table('live_sessions')
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessments_sent_by_user_id'))
        batch_op.drop_index('ix_assessments_room_id_sent_at')

    op.drop_table('assessments')
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_events_room_id_occurred_at')
        batch_op.drop_index('ix_audit_events_actor_user_id_occurred_at')

    op.drop_table('audit_events')
