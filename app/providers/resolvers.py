"""Provider directory."""

from __future__ import annotations

from typing import Annotated

import strawberry

from app.graphql.context import Info
from app.providers.service import list_providers
from app.providers.types import Provider


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
    return [Provider.from_row(row) for row in rows]
