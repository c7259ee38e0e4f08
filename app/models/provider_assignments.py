"""Which provider served a room, and when: one row per assignment, the open one current."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.models.base import UTCDateTime, new_id, utcnow


class ProviderAssignment(SQLModel, table=True):
    __tablename__ = "provider_assignments"
    __table_args__ = (
        sa.Index("ix_provider_assignments_room_id_assigned_at", "room_id", "assigned_at"),
        # One current assignment per room (the one that has not ended).
        sa.Index(
            "uq_provider_assignments_room_id_current",
            "room_id",
            unique=True,
            sqlite_where=sa.text("ended_at IS NULL"),
            postgresql_where=sa.text("ended_at IS NULL"),
        ),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    room_id: uuid.UUID = Field(foreign_key="rooms.id", ondelete="CASCADE")
    provider_id: uuid.UUID = Field(foreign_key="providers.id", index=True)
    assigned_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Null for the assignment made when the room opened.
    assigned_by_user_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
