"""Superbills: itemised statements of completed sessions for insurance reimbursement."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.models.base import UTCDateTime, new_id, utcnow


class SuperbillStatus(StrEnum):
    READY = "READY"


class Superbill(SQLModel, table=True):
    __tablename__ = "superbills"
    __table_args__ = (sa.Index("ix_superbills_room_id_requested_at", "room_id", "requested_at"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    room_id: uuid.UUID = Field(foreign_key="rooms.id", ondelete="CASCADE")
    requested_by_user_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    period_start: date
    period_end: date
    status: SuperbillStatus = Field(default=SuperbillStatus.READY, sa_type=sa.String(16))
    requested_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # A document: the line items are frozen when it is issued (see billing.service).
    line_items: list[dict[str, Any]] = Field(sa_type=sa.JSON)
    total_cents: int
    currency: str = Field(default="USD", max_length=3)
