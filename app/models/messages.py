"""Messages posted in a room by its members and its provider."""

from __future__ import annotations

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.auth.capabilities import RoomRole
from app.models.base import UTCDateTime, new_id, utcnow


class Message(SQLModel, table=True):
    __tablename__ = "messages"
    __table_args__ = (
        # Newest-first pages: ORDER BY sent_at DESC, id DESC with a keyset cursor.
        sa.Index("ix_messages_room_id_sent_at_id", "room_id", "sent_at", "id"),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    room_id: uuid.UUID = Field(foreign_key="rooms.id", ondelete="CASCADE")
    author_user_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    # The author's role in the room when they wrote it (PRIMARY, SECONDARY or PROVIDER).
    author_role: RoomRole = Field(sa_type=sa.String(16))
    body: str = Field(sa_type=sa.Text)
    sent_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
