"""GraphQL types for therapists and changing a room's provider."""

from __future__ import annotations

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
    row: strawberry.Private[ProviderRow]

    @classmethod
    def from_row(cls, row: ProviderRow) -> Provider:
        return cls(
            id=strawberry.ID(to_global_id("Provider", row.id)),
            accepts_couples=row.accepts_couples,
            row=row,
        )

    @strawberry.field(description="The therapist's name as shown to clients.")
    async def display_name(self, info: Info) -> str:
        user = await info.context.loaders.users.load(self.row.user_id)
        assert user is not None
        return user.display_name


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
