"""The catalogue, and enrolling in a plan (which opens the room)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.auth.viewer import Viewer
from app.errors import UserErrorCode, UserInputError
from app.models import (
    Coverage,
    MemberRole,
    Plan,
    Provider,
    ProviderAssignment,
    Room,
    RoomKind,
    RoomMember,
    Subscription,
)
from app.plans.catalogue import CATALOGUE


async def list_plans(db: AsyncSession) -> Sequence[Plan]:
    return (await db.execute(select(Plan).order_by(col(Plan.position)))).scalars().all()


async def sync_catalogue(db: AsyncSession) -> None:
    """Insert or update every catalogue entry (run by `migrate`)."""
    existing = {plan.id: plan for plan in await list_plans(db)}
    for position, entry in enumerate(CATALOGUE):
        plan = existing.get(entry.id) or Plan(
            id=entry.id, key=entry.key, name=entry.name, includes=list(entry.includes)
        )
        plan.name = entry.name
        plan.includes = list(entry.includes)
        plan.position = position
        db.add(plan)
    await db.flush()


async def enroll_in_plan(
    db: AsyncSession, viewer: Viewer, *, plan_id: uuid.UUID | None, coverage: Coverage
) -> tuple[Subscription, Room]:
    plan = await db.get(Plan, plan_id) if plan_id else None
    if plan is None:
        raise UserInputError(
            UserErrorCode.UNKNOWN_PLAN, "Choose one of the plans on offer.", ["input", "planId"]
        )
    already = await db.scalar(
        select(col(Subscription.id)).where(
            col(Subscription.user_id) == viewer.user_id,
            col(Subscription.plan_id) == plan.id,
        )
    )
    if already is not None:
        raise UserInputError(
            UserErrorCode.ALREADY_ENROLLED,
            f"You are already enrolled in {plan.name}.",
            ["input", "planId"],
        )
    provider = await _least_busy_provider(db, couples=plan.is_couples, viewer=viewer)
    if provider is None:
        raise UserInputError(
            UserErrorCode.NO_PROVIDER_AVAILABLE,
            "No therapist can take a new room right now. Please try again later.",
            ["input", "planId"],
        )
    subscription = Subscription(user_id=viewer.user_id, plan_id=plan.id, coverage=coverage)
    room = Room(
        kind=RoomKind.COUPLES if plan.is_couples else RoomKind.INDIVIDUAL,
        plan_id=plan.id,
        subscription_id=subscription.id,
        provider_id=provider.id,
    )
    db.add_all([subscription, room])
    await db.flush()
    db.add(RoomMember(room_id=room.id, user_id=viewer.user_id, role=MemberRole.PRIMARY))
    db.add(
        ProviderAssignment(room_id=room.id, provider_id=provider.id, assigned_at=room.created_at)
    )
    await db.flush()
    return subscription, room


async def _least_busy_provider(
    db: AsyncSession, *, couples: bool, viewer: Viewer
) -> Provider | None:
    load = (
        select(col(Room.provider_id), func.count().label("rooms"))
        .group_by(col(Room.provider_id))
        .subquery()
    )
    query = (
        select(Provider)
        .outerjoin(load, load.c.provider_id == col(Provider.id))
        .where(col(Provider.user_id) != viewer.user_id)
        .order_by(func.coalesce(load.c.rooms, 0), col(Provider.created_at), col(Provider.id))
        .limit(1)
    )
    if couples:
        query = query.where(col(Provider.accepts_couples).is_(True))
    return (await db.execute(query)).scalar_one_or_none()
