"""Room queries."""

from __future__ import annotations

import strawberry

from app.graphql.context import Info
from app.graphql.ids import key_of
from app.rooms.service import room_for
from app.rooms.types import Room


async def room(info: Info, id: strawberry.ID) -> Room | None:
    ctx = info.context
    viewer = ctx.require_viewer()
    return Room.from_access(await room_for(ctx.db, viewer, key_of(id, "Room")))
