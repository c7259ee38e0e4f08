"""GraphQL types for rooms, their members and what the viewer may do there."""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Awaitable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, TypeVar

import strawberry

from app.accounts.types import User
from app.assessments.resolvers import room_assessments, room_progress_tracker
from app.assessments.types import Assessment, ProgressTracker
from app.auth.capabilities import Capability
from app.auth.capabilities import RoomRole as RoomRoleValue
from app.billing.resolvers import room_superbills
from app.billing.types import Superbill
from app.graphql.context import Info
from app.graphql.ids import to_global_id
from app.graphql.node import Node
from app.graphql.pagination import MAX_PAGE_SIZE
from app.graphql.permissions import guarded
from app.graphql.selection import selected_names
from app.live_sessions.resolvers import room_live_sessions
from app.live_sessions.types import LiveSession
from app.messaging.resolvers import room_messages
from app.messaging.types import MessageConnection
from app.models import InvitationState
from app.models import MemberRole as MemberRoleValue
from app.models import RoomKind as RoomKindValue
from app.models import RoomMember as RoomMemberRow
from app.plans.types import Plan
from app.providers.types import Provider
from app.rooms.roles import RoomRole
from app.rooms.service import RoomAccess

if TYPE_CHECKING:
    from app.invitations.types import Invitation

T = TypeVar("T")

RoomKind = strawberry.enum(
    RoomKindValue,
    name="RoomKind",
    description="COUPLES rooms take a partner (a SECONDARY member); INDIVIDUAL rooms do not.",
)
MemberRole = strawberry.enum(
    MemberRoleValue,
    name="MemberRole",
    description="PRIMARY: the account holder who enrolled (and pays). "
    "SECONDARY: the partner who joined by invitation.",
)


@strawberry.type(description="A person in a room.")
class RoomMember:
    role: MemberRole = strawberry.field(description="PRIMARY or SECONDARY.")  # type: ignore[valid-type]
    joined_at: datetime = strawberry.field(description="When they joined the room.")
    # Loaded with the membership (see Room.members): a plain attribute, no resolver to await.
    user: User = strawberry.field(
        description="The person; read `displayName` (email stays private)."
    )
    row: strawberry.Private[RoomMemberRow]


@strawberry.type(
    description="What the viewer could do in this room right now, one flag per restricted "
    "capability. Use it to show or hide buttons; the server enforces the same rules."
)
class RoomPermissions:
    invite_partner: bool = strawberry.field(
        description="Invite or re-invite a partner: primary of a couples room with no partner yet."
    )
    schedule_live_session: bool = strawberry.field(description="Schedule or cancel live sessions.")
    change_provider: bool = strawberry.field(description="Change the room's provider.")
    view_progress_tracker: bool = strawberry.field(description="Read `Room.progressTracker`.")
    view_assessments: bool = strawberry.field(description="Read `Room.assessments`.")
    send_assessment: bool = strawberry.field(description="Send assessments (the provider).")
    respond_to_assessments: bool = strawberry.field(
        description="Answer the provider's assessments."
    )
    request_superbill: bool = strawberry.field(description="Request and read superbills.")


@dataclasses.dataclass
class Prefetched:
    """What a list of rooms read for all of its rooms at once (see Room.prefetch)."""

    members: list[RoomMember] | None = None
    provider: Provider | None = None


async def _first(values: Awaitable[list[T]]) -> T:
    return (await values)[0]


async def _members_of(info: Info, room_ids: list[uuid.UUID]) -> list[list[RoomMember]]:
    """Members of each room, the primary first; one batch, users primed by it."""
    loaders = info.context.loaders
    per_room = await loaders.room_members.load_many(room_ids)
    # Primed by the room_members batch: answered from the loader's cache, no SQL.
    users = await loaders.users.load_many([row.user_id for rows in per_room for row in rows])
    by_id = {user.id: user for user in users if user is not None}
    return [
        [
            RoomMember(
                role=row.role,
                joined_at=row.joined_at,
                user=User.from_row(by_id[row.user_id]),
                row=row,
            )
            for row in sorted(rows, key=lambda row: row.role != MemberRoleValue.PRIMARY)
        ]
        for rows in per_room
    ]


async def _providers_of(info: Info, provider_ids: list[uuid.UUID]) -> list[Provider]:
    rows = await info.context.loaders.providers.load_many(provider_ids)
    found = [row for row in rows if row is not None]
    assert len(found) == len(rows)
    return await Provider.load_many(info, found)


@strawberry.type(
    description="A therapy room: its members, its provider and everything shared there. "
    "Visible to its members and its current provider; anyone else gets NOT_FOUND."
)
class Room(Node):
    kind: RoomKind = strawberry.field(description="COUPLES or INDIVIDUAL.")  # type: ignore[valid-type]
    viewer_role: RoomRole = strawberry.field(description="The viewer's role here.")  # type: ignore[valid-type]
    created_at: datetime = strawberry.field(description="When the room opened.")
    access: strawberry.Private[RoomAccess]
    # Filled by `prefetch` when a list of rooms is read (see User.rooms).
    prefetched: strawberry.Private[Prefetched] = dataclasses.field(default_factory=Prefetched)

    @classmethod
    def from_access(cls, access: RoomAccess) -> Room:
        room = access.room
        return cls(
            id=strawberry.ID(to_global_id("Room", room.id)),
            kind=room.kind,
            viewer_role=access.role,
            created_at=room.created_at,
            access=access,
        )

    @strawberry.field(description="The plan that opened this room.")
    async def plan(self, info: Info) -> Plan:
        row = await info.context.loaders.plans.load(self.access.room.plan_id)
        assert row is not None
        return Plan.from_row(row)

    @classmethod
    async def prefetch(cls, info: Info, rooms: Sequence[Room]) -> None:
        """For a list of rooms, read the members and providers the query selects for all of
        them at once (the same two statements the loaders would run), so that each room
        answers them as plain values instead of through one async resolver per room."""
        wanted = selected_names(info)
        if "members" in wanted:
            members = await _members_of(info, [room.access.room.id for room in rooms])
            for room, room_members in zip(rooms, members, strict=True):
                room.prefetched.members = room_members
        if "provider" in wanted:
            providers = await _providers_of(info, [room.access.room.provider_id for room in rooms])
            for room, provider in zip(rooms, providers, strict=True):
                room.prefetched.provider = provider

    # The two fields below answer at once when prefetched; otherwise they return an
    # awaitable, which graphql-core awaits like the result of any async resolver.
    @strawberry.field(description="The therapist currently assigned to the room.")
    def provider(self, info: Info) -> Provider:
        if self.prefetched.provider is not None:
            return self.prefetched.provider
        return _first(_providers_of(info, [self.access.room.provider_id]))  # type: ignore[return-value]

    @strawberry.field(description="The primary first, then the partner once they have joined.")
    def members(self, info: Info) -> list[RoomMember]:
        if self.prefetched.members is not None:
            return self.prefetched.members
        return _first(_members_of(info, [self.access.room.id]))  # type: ignore[return-value]

    def _can_invite(self) -> bool:
        return (
            self.access.can(Capability.MANAGE_INVITATIONS)
            and self.access.room.kind == RoomKindValue.COUPLES
            and not self.access.has_partner
        )

    @strawberry.field(description="What the viewer could do here now.")
    def viewer_can(self) -> RoomPermissions:
        can = self.access.can
        return RoomPermissions(
            invite_partner=self._can_invite(),
            schedule_live_session=can(Capability.SCHEDULE_LIVE_SESSION),
            change_provider=can(Capability.CHANGE_PROVIDER),
            view_progress_tracker=can(Capability.VIEW_PROGRESS_TRACKER),
            view_assessments=can(Capability.VIEW_ASSESSMENTS),
            send_assessment=can(Capability.SEND_ASSESSMENT),
            respond_to_assessments=can(Capability.RESPOND_TO_ASSESSMENTS),
            request_superbill=can(Capability.REQUEST_SUPERBILL),
        )

    @strawberry.field(
        description='Show the "Add your partner to the room" banner: true exactly for the '
        "primary of a couples room that has no partner yet."
    )
    def show_add_partner_banner(self) -> bool:
        return self.access.role == RoomRoleValue.PRIMARY and self._can_invite()

    @strawberry.field(
        description="The invitation waiting for the partner (PENDING, or EXPIRED and "
        "resendable); null when there is none. Primary only (FORBIDDEN for others).",
        extensions=guarded(),
    )
    async def pending_invitation(
        self, info: Info
    ) -> Annotated[Invitation, strawberry.lazy("app.invitations.types")] | None:
        from app.invitations.types import Invitation

        rows = await info.context.loaders.room_invitations.load(self.access.room.id)
        open_rows = [row for row in rows if row.status == InvitationState.PENDING]
        return Invitation.from_row(open_rows[0]) if open_rows else None

    @strawberry.field(
        description="Every invitation of this room, newest first. Primary only "
        "(FORBIDDEN for others).",
        extensions=guarded(),
    )
    async def invitations(
        self, info: Info
    ) -> list[Annotated[Invitation, strawberry.lazy("app.invitations.types")]]:
        from app.invitations.types import Invitation

        rows = await info.context.loaders.room_invitations.load(self.access.room.id)
        return [Invitation.from_row(row) for row in rows]

    @strawberry.field(
        description="Live sessions of the room, earliest start first, including cancelled and "
        "completed ones.",
        extensions=guarded(),
    )
    async def live_sessions(self, info: Info) -> list[LiveSession]:
        return await room_live_sessions(info, self.access)

    @strawberry.field(
        description="Messages, newest first, as a Relay connection.", extensions=guarded()
    )
    async def messages(
        self,
        info: Info,
        first: Annotated[
            int,
            strawberry.argument(
                description=f"Page size, 1 to {MAX_PAGE_SIZE}; anything else is BAD_USER_INPUT."
            ),
        ] = 20,
        after: Annotated[
            str | None,
            strawberry.argument(
                description="`endCursor` of the previous page; omit for the newest."
            ),
        ] = None,
    ) -> MessageConnection:
        return await room_messages(info, self.access, first, after)

    @strawberry.field(
        description="Assessments sent to the room, newest first. Primary and provider only "
        "(FORBIDDEN for the partner).",
        extensions=guarded(),
    )
    async def assessments(self, info: Info) -> list[Assessment]:
        return await room_assessments(info, self.access)

    @strawberry.field(
        description="Scores of completed assessments over time, per measure. Primary and "
        "provider only (FORBIDDEN for the partner).",
        extensions=guarded(),
    )
    async def progress_tracker(self, info: Info) -> ProgressTracker:
        return await room_progress_tracker(info, self.access)

    @strawberry.field(
        description="Superbills issued for the room, newest first. Primary only (FORBIDDEN "
        "for the partner and the provider).",
        extensions=guarded(),
    )
    async def superbills(self, info: Info) -> list[Superbill]:
        return await room_superbills(info, self.access)
