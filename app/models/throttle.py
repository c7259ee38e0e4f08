"""Attempts counted against abuse limits, shared by every process through the database."""

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.models.base import UTCDateTime, new_id, utcnow


class ThrottleEvent(SQLModel, table=True):
    __tablename__ = "throttle_events"
    __table_args__ = (sa.Index("ix_throttle_events_bucket_created_at", "bucket", "created_at"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    # `limit:sha256(key)`: the address or client IP itself is not stored.
    bucket: str = Field(max_length=96)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
