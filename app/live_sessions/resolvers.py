"""Live session mutations: parse input, call the service, map the result."""

from __future__ import annotations

from app.graphql.context import Info
from app.graphql.ids import key_of
from app.graphql.payloads import attempt
from app.graphql.times import with_offset
from app.live_sessions import service
from app.live_sessions.types import (
    CancelLiveSessionInput,
    CancelLiveSessionPayload,
    LiveSession,
    ScheduleLiveSessionInput,
    ScheduleLiveSessionPayload,
)
from app.rooms.service import RoomAccess


async def room_live_sessions(info: Info, access: RoomAccess) -> list[LiveSession]:
    rows = await info.context.loaders.live_sessions.load(access.room.id)
    return [LiveSession.from_row(row, info.context) for row in rows]


async def schedule_live_session(
    info: Info, input: ScheduleLiveSessionInput
) -> ScheduleLiveSessionPayload:
    ctx = info.context
    viewer = ctx.require_viewer()
    room_id = key_of(input.room_id, "Room")
    starts_at = with_offset(input.starts_at, "startsAt")
    result = await attempt(
        info,
        lambda: service.schedule_live_session(
            ctx.db,
            viewer,
            room_id=room_id,
            starts_at=starts_at,
            duration_minutes=input.duration_minutes,
        ),
    )
    if isinstance(result, list):
        return ScheduleLiveSessionPayload(live_session=None, user_errors=result)
    return ScheduleLiveSessionPayload(
        live_session=LiveSession.from_row(result, ctx), user_errors=[]
    )


async def cancel_live_session(
    info: Info, input: CancelLiveSessionInput
) -> CancelLiveSessionPayload:
    ctx = info.context
    viewer = ctx.require_viewer()
    session_id = key_of(input.live_session_id, "LiveSession")
    result = await attempt(
        info,
        lambda: service.cancel_live_session(ctx.db, viewer, live_session_id=session_id),
    )
    if isinstance(result, list):
        return CancelLiveSessionPayload(live_session=None, user_errors=result)
    return CancelLiveSessionPayload(live_session=LiveSession.from_row(result, ctx), user_errors=[])
