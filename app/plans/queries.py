"""SQL for plans and subscriptions."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import Subscription


async def subscriptions_of(db: AsyncSession, user_id: uuid.UUID) -> Sequence[Subscription]:
    query = (
        select(Subscription)
        .where(Subscription.user_id == user_id)  # type: ignore[arg-type]
        .order_by(Subscription.started_at)  # type: ignore[arg-type]
    )
    return (await db.execute(query)).scalars().all()
