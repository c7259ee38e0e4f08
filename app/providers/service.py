"""Therapists: creating them (CLI) and listing them."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.accounts.emails import normalize_email
from app.accounts.service import create_account
from app.models import Provider, User


async def create_provider(
    db: AsyncSession, *, email: str, password: str, name: str, accepts_couples: bool
) -> Provider:
    user = await create_account(
        db,
        email=normalize_email(email, ["email"]),
        password=password,
        display_name=name,
        email_verified=True,
    )
    provider = Provider(user_id=user.id, accepts_couples=accepts_couples)
    db.add(provider)
    await db.flush()
    return provider


async def list_providers(db: AsyncSession, *, couples_only: bool) -> Sequence[Provider]:
    query = (
        select(Provider)
        .join(User, col(User.id) == col(Provider.user_id))
        .order_by(col(User.display_name))
    )
    if couples_only:
        query = query.where(col(Provider.accepts_couples).is_(True))
    return (await db.execute(query)).scalars().all()
