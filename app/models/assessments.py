"""Assessments a provider sends to a room, and the primary's answers."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.models.base import UTCDateTime, new_id, utcnow


class AssessmentStatus(StrEnum):
    SENT = "SENT"
    COMPLETED = "COMPLETED"


class Assessment(SQLModel, table=True):
    __tablename__ = "assessments"
    __table_args__ = (sa.Index("ix_assessments_room_id_sent_at", "room_id", "sent_at"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    room_id: uuid.UUID = Field(foreign_key="rooms.id", ondelete="CASCADE")
    template_key: str = Field(max_length=64)
    # Copied from the template when sent, so renaming a template does not rewrite history.
    title: str = Field(max_length=120)
    measure_key: str = Field(max_length=64)
    status: AssessmentStatus = Field(default=AssessmentStatus.SENT, sa_type=sa.String(16))
    sent_by_user_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    sent_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    completed_by_user_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    # {question id: value}; null until answered.
    answers: dict[str, int] | None = Field(default=None, sa_type=sa.JSON)
    score: int | None = None
