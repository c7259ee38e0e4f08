"""Superbill queries and mutations: parse input, call the service, map the result."""

from __future__ import annotations

from app.billing import service
from app.billing.types import RequestSuperbillInput, RequestSuperbillPayload, Superbill
from app.graphql.context import Info
from app.graphql.ids import key_of
from app.graphql.payloads import attempt
from app.rooms.service import RoomAccess


async def room_superbills(info: Info, access: RoomAccess) -> list[Superbill]:
    rows = await info.context.loaders.superbills.load(access.room.id)
    return [Superbill.from_row(row) for row in rows]


async def request_superbill(info: Info, input: RequestSuperbillInput) -> RequestSuperbillPayload:
    ctx = info.context
    viewer = ctx.require_viewer()
    room_id = key_of(input.room_id, "Room")
    result = await attempt(
        info,
        lambda: service.request_superbill(
            ctx.db,
            viewer,
            room_id=room_id,
            period_start=input.period_start,
            period_end=input.period_end,
        ),
    )
    if isinstance(result, list):
        return RequestSuperbillPayload(superbill=None, user_errors=result)
    return RequestSuperbillPayload(superbill=Superbill.from_row(result), user_errors=[])
