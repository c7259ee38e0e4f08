"""Which rooms a viewer may see, and in what role."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from sqlalchemy import BindParameter, ColumnElement, Select, and_, bindparam, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlmodel import col

from app.audit.trail import note_room
from app.auth.capabilities import Capability, RoomRole, allows, refusal
from app.auth.viewer import Viewer
from app.errors import Forbidden, NotFound
from app.models import MemberRole, Provider, Room, RoomMember


@dataclass(frozen=True)
class RoomAccess:
    """A room as one viewer sees it."""

    room: Room
    role: RoomRole
    # Read with the room (one EXISTS), so "may invite" needs no query of the members.
    has_partner: bool

    def can(self, capability: Capability) -> bool:
        return allows(self.role, capability)

    def require(self, capability: Capability) -> None:
        if not self.can(capability):
            raise Forbidden(refusal(capability))


def _visible_rooms(for_provider: bool) -> Select[Room, str, bool]:
    """Rooms the viewer (bound as `viewer`, and `provider` for a provider) may see, with
    their role there (null for the room's provider) and whether a partner has joined."""
    viewer: BindParameter[uuid.UUID] = bindparam("viewer")
    membership = and_(col(RoomMember.room_id) == col(Room.id), col(RoomMember.user_id) == viewer)
    # Both conditions on `rooms` itself, so each can walk its own index (an OR that reaches
    # into the outer-joined table would scan every room).
    seen_by: list[ColumnElement[bool]] = [
        col(Room.id).in_(select(col(RoomMember.room_id)).where(col(RoomMember.user_id) == viewer))
    ]
    if for_provider:
        seen_by.append(col(Room.provider_id) == bindparam("provider"))
    partner = aliased(RoomMember)
    has_partner = (
        select(col(partner.id))
        .where(col(partner.room_id) == col(Room.id), col(partner.role) == MemberRole.SECONDARY)
        .exists()
    )
    return (
        select(Room, col(RoomMember.role), has_partner)
        .outerjoin(RoomMember, membership)
        .where(or_(*seen_by))
    )


# Built once (keyed by "is the viewer a provider"): this runs on nearly every request.
_ONE_ROOM = {
    provider: _visible_rooms(provider).where(col(Room.id) == bindparam("room"))
    for provider in (False, True)
}
_ALL_ROOMS = {
    provider: _visible_rooms(provider).order_by(col(Room.created_at), col(Room.id))
    for provider in (False, True)
}


def _seen_by(viewer: Viewer) -> dict[str, uuid.UUID]:
    parameters = {"viewer": viewer.user_id}
    if viewer.provider_id is not None:
        parameters["provider"] = viewer.provider_id
    return parameters


def _access(room: Room, member_role: str | None, has_partner: bool) -> RoomAccess:
    role = RoomRole(member_role) if member_role else RoomRole.PROVIDER
    return RoomAccess(room, role, bool(has_partner))


async def rooms_for(db: AsyncSession, viewer: Viewer) -> Sequence[RoomAccess]:
    rows = await db.execute(_ALL_ROOMS[viewer.provider_id is not None], _seen_by(viewer))
    return [_access(room, role, has_partner) for room, role, has_partner in rows.all()]


async def room_for(db: AsyncSession, viewer: Viewer, room_id: uuid.UUID) -> RoomAccess:
    """The room if the viewer may see it; otherwise NOT_FOUND, as for a missing room."""
    note_room(room_id)
    statement = _ONE_ROOM[viewer.provider_id is not None]
    row = (await db.execute(statement, {**_seen_by(viewer), "room": room_id})).first()
    if row is None:
        raise NotFound("No room with this ID is visible to you.")
    return _access(*row)


async def require_in_room(
    db: AsyncSession, viewer: Viewer, room_id: uuid.UUID, capability: Capability
) -> RoomAccess:
    access = await room_for(db, viewer, room_id)
    access.require(capability)
    return access


async def has_secondary(db: AsyncSession, room_id: uuid.UUID) -> bool:
    found = await db.scalar(
        select(col(RoomMember.id)).where(
            col(RoomMember.room_id) == room_id,
            col(RoomMember.role) == "SECONDARY",
        )
    )
    return found is not None


async def can_see_person(db: AsyncSession, viewer: Viewer, user_id: uuid.UUID) -> bool:
    """People see themselves, the people they share a room with, and their rooms' providers."""
    if user_id == viewer.user_id:
        return True
    visible_room_ids = [access.room.id for access in await rooms_for(db, viewer)]
    if not visible_room_ids:
        return False
    member = await db.scalar(
        select(col(RoomMember.id)).where(
            col(RoomMember.room_id).in_(visible_room_ids),
            col(RoomMember.user_id) == user_id,
        )
    )
    if member is not None:
        return True
    provider_user = await db.scalar(
        select(col(Provider.id))
        .join(Room, col(Room.provider_id) == col(Provider.id))
        .where(col(Room.id).in_(visible_room_ids), col(Provider.user_id) == user_id)
    )
    return provider_user is not None


async def lock_room(db: AsyncSession, room_id: uuid.UUID) -> None:
    """Serialise changes to one room's membership and invitations (PostgreSQL row lock;
    SQLite transactions are already one at a time)."""
    if db.get_bind().dialect.name == "postgresql":
        await db.execute(select(col(Room.id)).where(col(Room.id) == room_id).with_for_update())


class _InRoom(Protocol):
    room_id: uuid.UUID


InRoom = TypeVar("InRoom", bound=_InRoom)


async def row_in_room(
    db: AsyncSession, viewer: Viewer, model: type[InRoom], key: uuid.UUID, what: str
) -> tuple[InRoom, RoomAccess]:
    """A room-scoped row and its room as the viewer sees it; NOT_FOUND alike for a missing
    row and one in a room the viewer may not see. Callers check the capability they need."""
    not_visible = NotFound(f"No {what} with this ID is visible to you.")
    row = await db.get(model, key)
    if row is None:
        raise not_visible
    try:
        return row, await room_for(db, viewer, row.room_id)
    except NotFound:
        raise not_visible from None
