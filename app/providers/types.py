"""GraphQL type for therapists."""

from __future__ import annotations

import strawberry

from app.graphql.context import Info
from app.graphql.ids import to_global_id
from app.graphql.node import Node
from app.models import Provider as ProviderRow


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
