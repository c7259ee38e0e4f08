"""Email waiting to be sent: written in the caller's transaction, sent after commit."""

import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.models.base import UTCDateTime, new_id, utcnow


class OutboxMessage(SQLModel, table=True):
    __tablename__ = "outbox_messages"
    __table_args__ = (
        # The worker's claim query: unsent rows that are due.
        sa.Index(
            "ix_outbox_messages_due",
            "available_at",
            sqlite_where=sa.text("sent_at IS NULL"),
            postgresql_where=sa.text("sent_at IS NULL"),
        ),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    template: str = Field(max_length=64)
    to_address: str = Field(max_length=320)
    # Non-secret values the template needs (names, dates); never clinical content.
    context: dict[str, str] = Field(default_factory=dict, sa_type=sa.JSON)
    # A link token sealed with SECRET_KEY (never the raw token); wiped once sent.
    sealed_secret: str | None = Field(default=None, max_length=512)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    available_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    attempts: int = 0
    claimed_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    claimed_by: str | None = Field(default=None, max_length=64)
    last_error: str | None = Field(default=None, max_length=200)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
