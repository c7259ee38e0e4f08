"""Abuse limits counted per operation (so aliases count too), stored in the database."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.config import Settings
from app.errors import RateLimited
from app.models import ThrottleEvent
from app.models.base import new_id, utcnow

WINDOW = timedelta(minutes=15)


@dataclass(frozen=True)
class Limit:
    name: str
    max_events: int
    message: str
    window: timedelta = WINDOW

    def bucket(self, key: str) -> str:
        return f"{self.name}:{hashlib.sha256(key.strip().lower().encode()).hexdigest()[:64]}"


def login_by_address(settings: Settings) -> Limit:
    return Limit(
        "login-address",
        settings.login_failures_per_15_min,
        "Too many failed sign-ins for this address. Wait a few minutes, or reset your password.",
    )


def login_by_client(settings: Settings) -> Limit:
    return Limit(
        "login-client",
        settings.login_failures_per_15_min,
        "Too many failed sign-ins from this device. Wait a few minutes and try again.",
    )


def token_guesses(settings: Settings) -> Limit:
    return Limit(
        "invite-token",
        settings.token_guesses_per_15_min,
        "Too many invalid invitation links from this device. Wait a few minutes.",
    )


async def ensure_allowed(db: AsyncSession, limit: Limit, key: str) -> None:
    now = utcnow()
    count, oldest = (
        await db.execute(
            select(func.count(), func.min(col(ThrottleEvent.created_at))).where(
                col(ThrottleEvent.bucket) == limit.bucket(key),
                col(ThrottleEvent.created_at) > now - limit.window,
            )
        )
    ).one()
    if count >= limit.max_events:
        raise RateLimited(int((oldest + limit.window - now).total_seconds()) + 1, limit.message)


async def note(db: AsyncSession, limit: Limit, key: str) -> None:
    """Count one attempt; forget this bucket's attempts that left the window."""
    now = utcnow()
    bucket = limit.bucket(key)
    await db.execute(
        delete(ThrottleEvent).where(
            col(ThrottleEvent.bucket) == bucket,
            col(ThrottleEvent.created_at) <= now - limit.window,
        )
    )
    # A statement, not session.add(): aliased queries note attempts concurrently.
    await db.execute(insert(ThrottleEvent).values(id=new_id(), bucket=bucket, created_at=now))


async def forget(db: AsyncSession, limit: Limit, key: str) -> None:
    await db.execute(delete(ThrottleEvent).where(col(ThrottleEvent.bucket) == limit.bucket(key)))
