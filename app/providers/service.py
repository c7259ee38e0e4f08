"""Therapists: creating them (CLI), listing them, and changing a room's provider."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.accounts.emails import normalize_email
from app.accounts.service import create_account
from app.auth.capabilities import Capability
from app.auth.viewer import Viewer
from app.errors import UserErrorCode, UserInputError
from app.models import (
    LiveSession,
    LiveSessionState,
    Provider,
    ProviderAssignment,
    Room,
    RoomKind,
    RoomMember,
    User,
)
from app.models.base import utcnow
from app.rooms.service import RoomAccess, require_in_room


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


async def change_provider(
    db: AsyncSession, viewer: Viewer, *, room_id: uuid.UUID, provider_id: uuid.UUID | None
) -> RoomAccess:
    """Reassign the room. The previous provider loses it at once; the history is kept."""
    access = await require_in_room(db, viewer, room_id, Capability.CHANGE_PROVIDER)
    room = await _locked(db, room_id)
    provider = await db.get(Provider, provider_id) if provider_id else None
    field = ["input", "providerId"]
    if provider is None:
        raise UserInputError(
            UserErrorCode.UNKNOWN_PROVIDER, "Choose one of the providers from `providers`.", field
        )
    if provider.id == room.provider_id:
        raise UserInputError(
            UserErrorCode.SAME_PROVIDER, "This provider already serves the room.", field
        )
    if room.kind == RoomKind.COUPLES and not provider.accepts_couples:
        raise UserInputError(
            UserErrorCode.PROVIDER_NOT_FOR_COUPLES,
            "This provider does not take couples. Choose one from `providers`.",
            field,
        )
    if await _is_member(db, room.id, provider.user_id):
        raise UserInputError(
            UserErrorCode.PROVIDER_IS_ROOM_MEMBER,
            "A member of the room cannot also be its provider.",
            field,
        )
    now = utcnow()
    await _end_current_assignment(db, room, now)
    db.add(
        ProviderAssignment(
            room_id=room.id,
            provider_id=provider.id,
            assigned_at=now,
            assigned_by_user_id=viewer.user_id,
        )
    )
    # Sessions still to come are led by the new provider; past ones keep who led them.
    await db.execute(
        update(LiveSession)
        .where(
            col(LiveSession.room_id) == room.id,
            col(LiveSession.state) == LiveSessionState.SCHEDULED,
            col(LiveSession.starts_at) > now,
        )
        .values(provider_id=provider.id)
    )
    room.provider_id = provider.id
    db.add(room)
    await db.flush()
    return access


async def _locked(db: AsyncSession, room_id: uuid.UUID) -> Room:
    """The room, re-read under a row lock so concurrent changes of one room run one at a time.

    (PostgreSQL; SQLite ignores FOR UPDATE, and its single writer fails the later one.)
    """
    query = (
        select(Room)
        .where(col(Room.id) == room_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return (await db.execute(query)).scalar_one()


async def _is_member(db: AsyncSession, room_id: uuid.UUID, user_id: uuid.UUID) -> bool:
    found = await db.scalar(
        select(col(RoomMember.id)).where(
            col(RoomMember.room_id) == room_id, col(RoomMember.user_id) == user_id
        )
    )
    return found is not None


async def _end_current_assignment(db: AsyncSession, room: Room, now: datetime) -> None:
    ended = await db.scalar(
        update(ProviderAssignment)
        .where(
            col(ProviderAssignment.room_id) == room.id,
            col(ProviderAssignment.ended_at).is_(None),
        )
        .values(ended_at=now)
        .returning(col(ProviderAssignment.id))
    )
    if ended is None:
        # A room without history (it predates it): record its first provider from its opening.
        db.add(
            ProviderAssignment(
                room_id=room.id,
                provider_id=room.provider_id,
                assigned_at=room.created_at,
                ended_at=now,
            )
        )
