"""The plan catalogue and people's enrolments in it."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from app.models.base import UTCDateTime, new_id, utcnow


class Coverage(StrEnum):
    SELF_PAY = "SELF_PAY"
    INSURANCE = "INSURANCE"
    EMPLOYER_BENEFITS = "EMPLOYER_BENEFITS"


class Plan(SQLModel, table=True):
    __tablename__ = "plans"

    id: uuid.UUID = Field(primary_key=True)
    key: str = Field(max_length=64, unique=True)
    name: str = Field(max_length=120)
    includes: list[str] = Field(sa_type=sa.JSON)
    position: int = 0

    @property
    def is_couples(self) -> bool:
        return "Couples" in self.name


class Subscription(SQLModel, table=True):
    __tablename__ = "subscriptions"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE", index=True)
    plan_id: uuid.UUID = Field(foreign_key="plans.id")
    coverage: Coverage = Field(sa_type=sa.String(32))
    started_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
