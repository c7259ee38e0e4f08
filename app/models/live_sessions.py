"""Live video sessions scheduled in a room."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.models.base import UTCDateTime, new_id, utcnow


class LiveSessionState(StrEnum):
    """What is stored. COMPLETED is not stored: a scheduled session whose end has passed is."""

    SCHEDULED = "SCHEDULED"
    CANCELLED = "CANCELLED"


class LiveSession(SQLModel, table=True):
    __tablename__ = "live_sessions"
    __table_args__ = (
        # The room's schedule, and the overlap check, read sessions by start.
        sa.Index("ix_live_sessions_room_id_starts_at", "room_id", "starts_at"),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    room_id: uuid.UUID = Field(foreign_key="rooms.id", ondelete="CASCADE")
    # Who leads it: the room's provider when it was scheduled, moved to the new provider when
    # the provider changes before it starts. Superbills name this provider.
    provider_id: uuid.UUID = Field(foreign_key="providers.id", index=True)
    starts_at: datetime = Field(sa_type=UTCDateTime)
    ends_at: datetime = Field(sa_type=UTCDateTime)
    duration_minutes: int
    state: LiveSessionState = Field(default=LiveSessionState.SCHEDULED, sa_type=sa.String(16))
    scheduled_by_user_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    cancelled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
