"""Scheduling and cancelling live sessions (the primary only)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.auth.capabilities import Capability
from app.auth.viewer import Viewer
from app.errors import UserErrorCode, UserInputError
from app.live_sessions.status import LiveSessionStatus, status_of
from app.models import LiveSession, LiveSessionState, Room
from app.models.base import utcnow
from app.rooms.service import RoomAccess, require_in_room, row_in_room

DURATIONS_MINUTES = (30, 45, 60)


async def live_session_for(
    db: AsyncSession, viewer: Viewer, live_session_id: uuid.UUID
) -> tuple[LiveSession, RoomAccess]:
    """The live session and its room as the viewer sees it (see rooms.service.row_in_room)."""
    return await row_in_room(db, viewer, LiveSession, live_session_id, "live session")


async def schedule_live_session(
    db: AsyncSession,
    viewer: Viewer,
    *,
    room_id: uuid.UUID,
    starts_at: datetime,
    duration_minutes: int,
) -> LiveSession:
    access = await require_in_room(db, viewer, room_id, Capability.SCHEDULE_LIVE_SESSION)
    if duration_minutes not in DURATIONS_MINUTES:
        raise UserInputError(
            UserErrorCode.INVALID_DURATION,
            "Choose a length of 30, 45 or 60 minutes.",
            ["input", "durationMinutes"],
        )
    starts_at = starts_at.astimezone(UTC)
    if starts_at <= utcnow():
        raise UserInputError(
            UserErrorCode.START_NOT_IN_FUTURE,
            "Choose a start time in the future.",
            ["input", "startsAt"],
        )
    ends_at = starts_at + timedelta(minutes=duration_minutes)
    await _lock_schedule(db, room_id)
    if await _overlapping(db, room_id, starts_at, ends_at):
        raise UserInputError(
            UserErrorCode.LIVE_SESSION_OVERLAP,
            "Another live session in this room overlaps that time. Choose another time.",
            ["input", "startsAt"],
        )
    session = LiveSession(
        room_id=room_id,
        provider_id=access.room.provider_id,
        starts_at=starts_at,
        ends_at=ends_at,
        duration_minutes=duration_minutes,
        scheduled_by_user_id=viewer.user_id,
    )
    db.add(session)
    await db.flush()
    return session


async def cancel_live_session(
    db: AsyncSession, viewer: Viewer, *, live_session_id: uuid.UUID
) -> LiveSession:
    session, access = await live_session_for(db, viewer, live_session_id)
    access.require(Capability.SCHEDULE_LIVE_SESSION)
    now = utcnow()
    status = status_of(session, now)
    if status is LiveSessionStatus.CANCELLED:
        raise UserInputError(
            UserErrorCode.LIVE_SESSION_ALREADY_CANCELLED,
            "This live session is already cancelled.",
            ["input", "liveSessionId"],
        )
    if session.starts_at <= now:
        over = status is LiveSessionStatus.COMPLETED
        raise UserInputError(
            UserErrorCode.LIVE_SESSION_ALREADY_STARTED,
            "This live session is over and can no longer be cancelled."
            if over
            else "This live session has started and can no longer be cancelled.",
            ["input", "liveSessionId"],
        )
    session.state = LiveSessionState.CANCELLED
    session.cancelled_at = now
    db.add(session)
    await db.flush()
    return session


async def _lock_schedule(db: AsyncSession, room_id: uuid.UUID) -> None:
    """Serialise scheduling per room, so two overlapping requests cannot both pass the check.

    PostgreSQL locks the room row until the request commits. SQLite ignores FOR UPDATE; its
    single writer makes the later of two racing transactions fail instead of double-booking.
    """
    await db.execute(select(col(Room.id)).where(col(Room.id) == room_id).with_for_update())


async def _overlapping(
    db: AsyncSession, room_id: uuid.UUID, starts_at: datetime, ends_at: datetime
) -> bool:
    clash = await db.scalar(
        select(col(LiveSession.id))
        .where(
            col(LiveSession.room_id) == room_id,
            col(LiveSession.state) == LiveSessionState.SCHEDULED,
            col(LiveSession.starts_at) < ends_at,
            col(LiveSession.ends_at) > starts_at,
        )
        .limit(1)
    )
    return clash is not None
