"""Superbills: an itemised statement of a period's completed live sessions (the primary only)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.auth.capabilities import Capability
from app.auth.viewer import Viewer
from app.billing.fees import CURRENCY, fee_cents, service_code
from app.errors import UserErrorCode, UserInputError
from app.models import LiveSession, LiveSessionState, Provider, RoomKind, Superbill, User
from app.models.base import utcnow
from app.rooms.service import require_in_room


async def request_superbill(
    db: AsyncSession,
    viewer: Viewer,
    *,
    room_id: uuid.UUID,
    period_start: date,
    period_end: date,
) -> Superbill:
    access = await require_in_room(db, viewer, room_id, Capability.REQUEST_SUPERBILL)
    now = utcnow()
    check_period(period_start, period_end, today=now.date())
    sessions = await _completed_sessions(db, room_id, period_start, period_end, now)
    if not sessions:
        raise UserInputError(
            UserErrorCode.NO_COMPLETED_SESSIONS,
            f"No live session was completed between {period_start} and {period_end}.",
        )
    names = await _provider_names(db, {session.provider_id for session in sessions})
    items = [
        _line_item(session, access.room.kind, names[session.provider_id]) for session in sessions
    ]
    superbill = Superbill(
        room_id=room_id,
        requested_by_user_id=viewer.user_id,
        period_start=period_start,
        period_end=period_end,
        requested_at=now,
        line_items=items,
        total_cents=sum(item["fee_cents"] for item in items),
        currency=CURRENCY,
    )
    db.add(superbill)
    await db.flush()
    return superbill


def check_period(start: date, end: date, *, today: date) -> None:
    """Days are UTC calendar days; both ends are included; at most 12 months."""
    if start > end:
        raise UserInputError(
            UserErrorCode.PERIOD_START_AFTER_END,
            "The period must start on or before its last day.",
            ["input", "periodStart"],
        )
    if end > today:
        raise UserInputError(
            UserErrorCode.PERIOD_ENDS_IN_FUTURE,
            "The period cannot end after today.",
            ["input", "periodEnd"],
        )
    if end >= _one_year_after(start):
        raise UserInputError(
            UserErrorCode.PERIOD_TOO_LONG,
            "A superbill covers at most 12 months. Request one per year.",
            ["input", "periodEnd"],
        )


def _one_year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return date(day.year + 1, 3, 1)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


async def _completed_sessions(
    db: AsyncSession, room_id: uuid.UUID, start: date, end: date, now: datetime
) -> Sequence[LiveSession]:
    query = (
        select(LiveSession)
        .where(
            col(LiveSession.room_id) == room_id,
            col(LiveSession.state) == LiveSessionState.SCHEDULED,
            col(LiveSession.ends_at) <= now,
            col(LiveSession.starts_at) >= _day_start(start),
            col(LiveSession.starts_at) < _day_start(end + timedelta(days=1)),
        )
        .order_by(col(LiveSession.starts_at), col(LiveSession.id))
    )
    return (await db.execute(query)).scalars().all()


async def _provider_names(db: AsyncSession, provider_ids: set[uuid.UUID]) -> dict[uuid.UUID, str]:
    rows = await db.execute(
        select(col(Provider.id), col(User.display_name))
        .join(User, col(User.id) == col(Provider.user_id))
        .where(col(Provider.id).in_(provider_ids))
    )
    return {provider_id: name for provider_id, name in rows.all()}


def _line_item(session: LiveSession, kind: RoomKind, provider_name: str) -> dict[str, Any]:
    code = service_code(kind, session.duration_minutes)
    return {
        "live_session_id": str(session.id),
        "service_date": session.starts_at.date().isoformat(),
        "duration_minutes": session.duration_minutes,
        "provider_name": provider_name,
        "service_code": code.code,
        "service_description": code.description,
        "fee_cents": fee_cents(session.duration_minutes),
    }
