"""The audit trail: who used which restricted part of a room, and whether it was allowed.

Append-only (database triggers refuse UPDATE and DELETE). It holds identifiers and
outcomes only: never message bodies, answers, scores, tokens or other content. No
foreign keys, so the trail outlives what it mentions.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.models.base import UTCDateTime, new_id, utcnow


class AuditOutcome(StrEnum):
    ALLOWED = "ALLOWED"
    DENIED = "DENIED"
    # Permission was not decided because the operation failed unexpectedly.
    FAILED = "FAILED"


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_events"
    __table_args__ = (
        sa.Index("ix_audit_events_room_id_occurred_at", "room_id", "occurred_at"),
        sa.Index("ix_audit_events_actor_user_id_occurred_at", "actor_user_id", "occurred_at"),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    occurred_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # Null for an anonymous caller.
    actor_user_id: uuid.UUID | None = None
    # Null when the operation never got as far as naming a room.
    room_id: uuid.UUID | None = None
    # A schema coordinate: "Room.progressTracker", "Mutation.scheduleLiveSession", ...
    action: str = Field(max_length=100)
    outcome: AuditOutcome = Field(sa_type=sa.String(16))
    # Why it did not succeed: the top-level error code, or the first userError code.
    code: str | None = Field(default=None, max_length=64)
