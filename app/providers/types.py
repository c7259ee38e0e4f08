"""GraphQL types for therapists and changing a room's provider."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.ids import to_global_id
from app.graphql.node import Node
from app.graphql.payloads import UserError
from app.models import Provider as ProviderRow

if TYPE_CHECKING:
    from app.rooms.types import Room


@strawberry.type(description="A therapist who can be assigned to rooms.")
class Provider(Node):
    accepts_couples: bool = strawberry.field(description="True when they take couples rooms.")
    display_name: str = strawberry.field(description="The therapist's name as shown to clients.")
    row: strawberry.Private[ProviderRow]

    @classmethod
    async def load_many(cls, info: Info, rows: Sequence[ProviderRow]) -> list[Provider]:
        """With each name from their account, all in one batch of the users loader (which
        the providers loader has already primed)."""
        users = await info.context.loaders.users.load_many([row.user_id for row in rows])
        providers = []
        for row, user in zip(rows, users, strict=True):
            assert user is not None
            providers.append(
                cls(
                    id=strawberry.ID(to_global_id("Provider", row.id)),
                    accepts_couples=row.accepts_couples,
                    display_name=user.display_name,
                    row=row,
                )
            )
        return providers


@strawberry.input(description="Give the room another provider (the primary only).")
class ChangeProviderInput:
    room_id: strawberry.ID = strawberry.field(description="The room.")
    provider_id: strawberry.ID = strawberry.field(
        description="A Provider from `providers`; for a couples room, one that accepts couples."
    )


@strawberry.type(description="Result of changeProvider.")
class ChangeProviderPayload:
    room: Annotated[Room, strawberry.lazy("app.rooms.types")] | None = strawberry.field(
        description="The room with its new provider; null on userErrors."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why nothing changed; empty on success."
    )
