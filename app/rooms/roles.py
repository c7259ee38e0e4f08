"""The GraphQL `RoomRole` enum, shared by rooms and what happens in them."""

from __future__ import annotations

import strawberry

from app.auth.capabilities import RoomRole as RoomRoleValue

RoomRole = strawberry.enum(
    RoomRoleValue,
    name="RoomRole",
    description="The viewer's role in a room: a member's role, or PROVIDER for the therapist.",
)
