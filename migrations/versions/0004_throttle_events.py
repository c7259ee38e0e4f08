"""throttle events

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-04 20:44:00.836390
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('throttle_events',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('bucket', sa.String(length=96), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_throttle_events'))
    )
    with op.batch_alter_table('throttle_events', schema=None) as batch_op:
        batch_op.create_index('ix_throttle_events_bucket_created_at', ['bucket', 'created_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('throttle_events', schema=None) as batch_op:
        batch_op.drop_index('ix_throttle_events_bucket_created_at')

    op.drop_table('throttle_events')
