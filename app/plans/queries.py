"""SQL for plans and subscriptions."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.models import Subscription


async def subscriptions_of(db: AsyncSession, user_id: uuid.UUID) -> Sequence[Subscription]:
    query = (
        select(Subscription)
        .where(col(Subscription.user_id) == user_id)
        .order_by(col(Subscription.started_at))
    )
    return (await db.execute(query)).scalars().all()
