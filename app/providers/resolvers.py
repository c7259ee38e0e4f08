"""Provider directory, and changing a room's provider."""

from __future__ import annotations

from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.ids import key_of, parse_global_id
from app.graphql.payloads import attempt
from app.providers import service
from app.providers.service import list_providers
from app.providers.types import ChangeProviderInput, ChangeProviderPayload, Provider


async def providers(
    info: Info,
    accepts_couples: Annotated[
        bool,
        strawberry.argument(
            description="True (the default): only providers who take couples rooms. "
            "False: every provider."
        ),
    ] = True,
) -> list[Provider]:
    ctx = info.context
    ctx.require_viewer()
    rows = await list_providers(ctx.db, couples_only=accepts_couples)
    return await Provider.load_many(info, rows)


async def change_provider(info: Info, input: ChangeProviderInput) -> ChangeProviderPayload:
    from app.rooms.types import Room

    ctx = info.context
    viewer = ctx.require_viewer()
    room_id = key_of(input.room_id, "Room")
    type_name, key = parse_global_id(input.provider_id)
    result = await attempt(
        info,
        lambda: service.change_provider(
            ctx.db, viewer, room_id=room_id, provider_id=key if type_name == "Provider" else None
        ),
    )
    if isinstance(result, list):
        return ChangeProviderPayload(room=None, user_errors=result)
    return ChangeProviderPayload(room=Room.from_access(result), user_errors=[])
