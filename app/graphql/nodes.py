"""`node(id:)`: refetch any object, under the same visibility rules as its typed field."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

import strawberry

from app.accounts.types import User
from app.assessments.service import assessment_for
from app.assessments.types import Assessment
from app.auth.capabilities import Capability
from app.billing.types import Superbill
from app.errors import NotFound
from app.graphql.context import Info
from app.graphql.ids import parse_global_id
from app.graphql.node import Node
from app.graphql.permissions import require_room_capability
from app.live_sessions.service import live_session_for
from app.live_sessions.types import LiveSession
from app.messaging.service import message_for
from app.messaging.types import Message
from app.models import Invitation as InvitationRow
from app.models import Plan as PlanRow
from app.models import Provider as ProviderRow
from app.models import Subscription as SubscriptionRow
from app.models import Superbill as SuperbillRow
from app.models import User as UserRow
from app.plans.types import Plan, Subscription
from app.providers.types import Provider
from app.rooms.service import RoomAccess, can_see_person, room_for
from app.rooms.types import Room


async def _plan(info: Info, key: uuid.UUID) -> Node | None:
    row = await info.context.db.get(PlanRow, key)
    return Plan.from_row(row) if row else None


async def _room(info: Info, key: uuid.UUID) -> Node | None:
    viewer = info.context.require_viewer()
    return Room.from_access(await room_for(info.context.db, viewer, key))


async def _user(info: Info, key: uuid.UUID) -> Node | None:
    viewer = info.context.require_viewer()
    if not await can_see_person(info.context.db, viewer, key):
        return None
    row = await info.context.db.get(UserRow, key)
    return User.from_row(row) if row else None


async def _subscription(info: Info, key: uuid.UUID) -> Node | None:
    viewer = info.context.require_viewer()
    row = await info.context.db.get(SubscriptionRow, key)
    return Subscription.from_row(row) if row and row.user_id == viewer.user_id else None


async def _provider(info: Info, key: uuid.UUID) -> Node | None:
    info.context.require_viewer()
    row = await info.context.db.get(ProviderRow, key)
    return (await Provider.load_many(info, [row]))[0] if row else None


async def _live_session(info: Info, key: uuid.UUID) -> Node | None:
    try:
        row, _ = await live_session_for(info.context.db, info.context.require_viewer(), key)
    except NotFound:
        return None
    return LiveSession.from_row(row, info.context)


async def _message(info: Info, key: uuid.UUID) -> Node | None:
    try:
        row, _ = await message_for(info.context.db, info.context.require_viewer(), key)
    except NotFound:
        return None
    author = await info.context.loaders.users.load(row.author_user_id)
    assert author is not None
    return Message.from_row(row, author.display_name, info.context.viewer)


async def _assessment(info: Info, key: uuid.UUID) -> Node | None:
    try:
        row, access = await assessment_for(info.context.db, info.context.require_viewer(), key)
    except NotFound:
        return None
    require_room_capability(info, access, Capability.VIEW_ASSESSMENTS, "Query.node:Assessment")
    return Assessment.from_row(row)


async def _in_room(
    info: Info, row: InvitationRow | SuperbillRow | None, capability: Capability, action: str
) -> RoomAccess | None:
    """The room of a room-scoped row, if the viewer may see it; FORBIDDEN by the table."""
    if row is None:
        return None
    try:
        access = await room_for(info.context.db, info.context.require_viewer(), row.room_id)
    except NotFound:
        return None
    require_room_capability(info, access, capability, action)
    return access


async def _invitation(info: Info, key: uuid.UUID) -> Node | None:
    from app.invitations.types import Invitation

    row = await info.context.db.get(InvitationRow, key)
    access = await _in_room(info, row, Capability.MANAGE_INVITATIONS, "Query.node:Invitation")
    return Invitation.from_row(row) if access and row else None


async def _superbill(info: Info, key: uuid.UUID) -> Node | None:
    row = await info.context.db.get(SuperbillRow, key)
    access = await _in_room(info, row, Capability.REQUEST_SUPERBILL, "Query.node:Superbill")
    return Superbill.from_row(row) if access and row else None


FETCHERS: dict[str, Callable[[Info, uuid.UUID], Awaitable[Node | None]]] = {
    "Plan": _plan,
    "Room": _room,
    "User": _user,
    "Subscription": _subscription,
    "Provider": _provider,
    "Invitation": _invitation,
    "LiveSession": _live_session,
    "Message": _message,
    "Assessment": _assessment,
    "Superbill": _superbill,
}


async def node(info: Info, id: strawberry.ID) -> Node | None:
    type_name, key = parse_global_id(id)
    fetch = FETCHERS.get(type_name)
    found = await fetch(info, key) if fetch else None
    if found is None:
        raise NotFound("No object with this ID is visible to you.")
    return found
