"""Therapy rooms and who is in them."""

import uuid
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, Relationship, SQLModel

from app.models.base import UTCDateTime, new_id, utcnow


class RoomKind(StrEnum):
    COUPLES = "COUPLES"
    INDIVIDUAL = "INDIVIDUAL"


class MemberRole(StrEnum):
    PRIMARY = "PRIMARY"
    SECONDARY = "SECONDARY"


class Room(SQLModel, table=True):
    __tablename__ = "rooms"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    kind: RoomKind = Field(sa_type=sa.String(16))
    plan_id: uuid.UUID = Field(foreign_key="plans.id")
    subscription_id: uuid.UUID = Field(foreign_key="subscriptions.id", unique=True)
    provider_id: uuid.UUID = Field(foreign_key="providers.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

    # Loaded explicitly (DataLoaders); a lazy load raises so an N+1 cannot slip in.
    members: list["RoomMember"] = Relationship(sa_relationship_kwargs={"lazy": "raise"})


class RoomMember(SQLModel, table=True):
    __tablename__ = "room_members"
    __table_args__ = (
        sa.UniqueConstraint("room_id", "user_id"),
        # At most one primary and one secondary per room, enforced by the database.
        sa.Index(
            "uq_room_members_room_id_secondary",
            "room_id",
            unique=True,
            sqlite_where=sa.text("role = 'SECONDARY'"),
            postgresql_where=sa.text("role = 'SECONDARY'"),
        ),
        sa.Index(
            "uq_room_members_room_id_primary",
            "room_id",
            unique=True,
            sqlite_where=sa.text("role = 'PRIMARY'"),
            postgresql_where=sa.text("role = 'PRIMARY'"),
        ),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    room_id: uuid.UUID = Field(foreign_key="rooms.id", ondelete="CASCADE")
    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    role: MemberRole = Field(sa_type=sa.String(16))
    joined_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
