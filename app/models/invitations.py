"""Partner invitations and the links emailed for them."""

import uuid
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.models.base import UTCDateTime, new_id, utcnow


class InvitationState(StrEnum):
    """What is stored. EXPIRED is also derived: a PENDING invitation whose link has lapsed."""

    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"
    REVOKED = "REVOKED"
    EXPIRED = "EXPIRED"


class Invitation(SQLModel, table=True):
    __tablename__ = "invitations"
    __table_args__ = (
        # One open invitation per room, whatever the code does.
        sa.Index(
            "uq_invitations_room_id_pending",
            "room_id",
            unique=True,
            sqlite_where=sa.text("status = 'PENDING'"),
            postgresql_where=sa.text("status = 'PENDING'"),
        ),
        sa.Index("ix_invitations_room_id_created_at", "room_id", "created_at"),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    room_id: uuid.UUID = Field(foreign_key="rooms.id", ondelete="CASCADE")
    inviter_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE")
    email: str = Field(max_length=320)
    status: InvitationState = Field(default=InvitationState.PENDING, sa_type=sa.String(16))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    sent_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    send_count: int = 1
    accepted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    accepted_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    declined_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)

    def shown_status(self, now: datetime) -> InvitationState:
        if self.status == InvitationState.PENDING and now >= self.expires_at:
            return InvitationState.EXPIRED
        return InvitationState(self.status)


class InvitationLink(SQLModel, table=True):
    """One emailed link. Only the SHA-256 of its token is kept."""

    __tablename__ = "invitation_links"
    __table_args__ = (sa.Index("ix_invitation_links_room_id_created_at", "room_id", "created_at"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    invitation_id: uuid.UUID = Field(foreign_key="invitations.id", ondelete="CASCADE", index=True)
    # Denormalised so the per-room hourly send limit is one indexed count.
    room_id: uuid.UUID = Field(foreign_key="rooms.id", ondelete="CASCADE")
    token_hash: str = Field(max_length=64, unique=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    replaced_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
