"""GraphQL types for people and their sign-in sessions."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from app.errors import Forbidden
from app.graphql.context import Info
from app.graphql.ids import to_global_id
from app.graphql.node import Node
from app.graphql.payloads import UserError
from app.models import User as UserRow

if TYPE_CHECKING:
    from app.plans.types import Subscription
    from app.rooms.types import Room


@strawberry.type(
    description="A person with a Tandem account. Partners and providers see each other's "
    "`displayName` only; `email`, `rooms` and `subscriptions` are for the person themself."
)
class User(Node):
    display_name: str = strawberry.field(
        description="The name shown to the other people in a room."
    )
    row: strawberry.Private[UserRow]

    @classmethod
    def from_row(cls, row: UserRow) -> User:
        return cls(
            id=strawberry.ID(to_global_id("User", row.id)), display_name=row.display_name, row=row
        )

    def _is_viewer(self, info: Info) -> bool:
        viewer = info.context.viewer
        return viewer is not None and viewer.user_id == self.row.id

    def _require_self(self, info: Info, what: str) -> None:
        if not self._is_viewer(info):
            raise Forbidden(f"Only the account holder can see their own {what}.")

    @strawberry.field(description="Sign-in address; null unless this is the signed-in viewer.")
    def email(self, info: Info) -> str | None:
        return self.row.email if self._is_viewer(info) else None

    @strawberry.field(
        description="Rooms this person can enter: as a member, or as the assigned provider. "
        "Only readable on `viewer` (FORBIDDEN on anyone else)."
    )
    async def rooms(self, info: Info) -> list[Annotated[Room, strawberry.lazy("app.rooms.types")]]:
        from app.rooms.service import rooms_for
        from app.rooms.types import Room

        self._require_self(info, "rooms")
        accesses = await rooms_for(info.context.db, info.context.require_viewer())
        rooms = [Room.from_access(access) for access in accesses]
        await Room.prefetch(info, rooms)
        return rooms

    @strawberry.field(description="Plans this person has enrolled in. Only readable on `viewer`.")
    async def subscriptions(
        self, info: Info
    ) -> list[Annotated[Subscription, strawberry.lazy("app.plans.types")]]:
        from app.plans.queries import subscriptions_of
        from app.plans.types import Subscription

        self._require_self(info, "subscriptions")
        return [
            Subscription.from_row(row)
            for row in await subscriptions_of(info.context.db, self.row.id)
        ]


@strawberry.type(
    description="A signed-in session. Send the token as `Authorization: Bearer <token>`."
)
class Session:
    token: str = strawberry.field(
        description="Secret bearer token. Browsers also receive it as an HttpOnly cookie and "
        "need not store it; mobile apps keep it in secure storage."
    )
    expires_at: datetime = strawberry.field(
        description="Latest moment the session can last; it ends sooner after a day without use."
    )


@strawberry.input(description="A new account.")
class SignUpInput:
    email: str = strawberry.field(description="Sign-in address; must be unused.")
    password: str = strawberry.field(description="At least 10 characters.")
    display_name: str = strawberry.field(description="Name shown to your partner and provider.")


@strawberry.input(description="Credentials for an existing account.")
class LogInInput:
    email: str = strawberry.field(description="Sign-in address (any letter case).")
    password: str = strawberry.field(description="The account's password.")


@strawberry.type(description="Result of signUp or logIn.")
class AuthPayload:
    session: Session | None = strawberry.field(description="The new session; null on userErrors.")
    viewer: User | None = strawberry.field(description="The signed-in person; null on userErrors.")
    user_errors: list[UserError] = strawberry.field(
        description="Why nothing happened; empty on success."
    )


@strawberry.type(description="Result of logOut.")
class LogOutPayload:
    ended: bool = strawberry.field(description="True when a session was ended.")
    user_errors: list[UserError] = strawberry.field(
        description="Always empty; present for a uniform payload shape."
    )
