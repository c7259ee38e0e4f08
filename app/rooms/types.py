"""GraphQL types for rooms, their members and what the viewer may do there."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from app.accounts.types import User
from app.auth.capabilities import Capability
from app.auth.capabilities import RoomRole as RoomRoleValue
from app.graphql.context import Info
from app.graphql.ids import to_global_id
from app.graphql.node import Node
from app.models import InvitationState
from app.models import MemberRole as MemberRoleValue
from app.models import RoomKind as RoomKindValue
from app.models import RoomMember as RoomMemberRow
from app.plans.types import Plan
from app.providers.types import Provider
from app.rooms.service import RoomAccess

if TYPE_CHECKING:
    from app.invitations.types import Invitation

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
RoomRole = strawberry.enum(
    RoomRoleValue,
    name="RoomRole",
    description="The viewer's role in a room: a member's role, or PROVIDER for the therapist.",
)


@strawberry.type(description="A person in a room.")
class RoomMember:
    role: MemberRole = strawberry.field(description="PRIMARY or SECONDARY.")  # type: ignore[valid-type]
    joined_at: datetime = strawberry.field(description="When they joined the room.")
    row: strawberry.Private[RoomMemberRow]

    @strawberry.field(description="The person; read `displayName` (email stays private).")
    async def user(self, info: Info) -> User:
        row = await info.context.loaders.users.load(self.row.user_id)
        assert row is not None
        return User.from_row(row)


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
    respond_to_assessments: bool = strawberry.field(
        description="Answer the provider's assessments."
    )
    request_superbill: bool = strawberry.field(description="Request and read superbills.")


@strawberry.type(
    description="A therapy room: its members, its provider and everything shared there. "
    "Visible to its members and its current provider; anyone else gets NOT_FOUND."
)
class Room(Node):
    kind: RoomKind = strawberry.field(description="COUPLES or INDIVIDUAL.")  # type: ignore[valid-type]
    viewer_role: RoomRole = strawberry.field(description="The viewer's role here.")  # type: ignore[valid-type]
    created_at: datetime = strawberry.field(description="When the room opened.")
    access: strawberry.Private[RoomAccess]

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

    @strawberry.field(description="The therapist currently assigned to the room.")
    async def provider(self, info: Info) -> Provider:
        row = await info.context.loaders.providers.load(self.access.room.provider_id)
        assert row is not None
        return Provider.from_row(row)

    @strawberry.field(description="The primary first, then the partner once they have joined.")
    async def members(self, info: Info) -> list[RoomMember]:
        rows = await info.context.loaders.room_members.load(self.access.room.id)
        ordered = sorted(rows, key=lambda row: row.role != MemberRoleValue.PRIMARY)
        return [RoomMember(role=row.role, joined_at=row.joined_at, row=row) for row in ordered]

    async def _has_partner(self, info: Info) -> bool:
        rows = await info.context.loaders.room_members.load(self.access.room.id)
        return any(row.role == MemberRoleValue.SECONDARY for row in rows)

    async def _can_invite(self, info: Info) -> bool:
        return (
            self.access.can(Capability.MANAGE_INVITATIONS)
            and self.access.room.kind == RoomKindValue.COUPLES
            and not await self._has_partner(info)
        )

    @strawberry.field(description="What the viewer could do here now.")
    async def viewer_can(self, info: Info) -> RoomPermissions:
        can = self.access.can
        return RoomPermissions(
            invite_partner=await self._can_invite(info),
            schedule_live_session=can(Capability.SCHEDULE_LIVE_SESSION),
            change_provider=can(Capability.CHANGE_PROVIDER),
            view_progress_tracker=can(Capability.VIEW_PROGRESS_TRACKER),
            respond_to_assessments=can(Capability.RESPOND_TO_ASSESSMENTS),
            request_superbill=can(Capability.REQUEST_SUPERBILL),
        )

    @strawberry.field(
        description='Show the "Add your partner to the room" banner: true exactly for the '
        "primary of a couples room that has no partner yet."
    )
    async def show_add_partner_banner(self, info: Info) -> bool:
        return self.access.role == RoomRoleValue.PRIMARY and await self._can_invite(info)

    @strawberry.field(
        description="The invitation waiting for the partner (PENDING, or EXPIRED and "
        "resendable); null when there is none. Primary only (FORBIDDEN for others)."
    )
    async def pending_invitation(
        self, info: Info
    ) -> Annotated[Invitation, strawberry.lazy("app.invitations.types")] | None:
        from app.invitations.types import Invitation

        self.access.require(Capability.MANAGE_INVITATIONS)
        rows = await info.context.loaders.room_invitations.load(self.access.room.id)
        open_rows = [row for row in rows if row.status == InvitationState.PENDING]
        return Invitation.from_row(open_rows[0]) if open_rows else None

    @strawberry.field(
        description="Every invitation of this room, newest first. Primary only "
        "(FORBIDDEN for others)."
    )
    async def invitations(
        self, info: Info
    ) -> list[Annotated[Invitation, strawberry.lazy("app.invitations.types")]]:
        from app.invitations.types import Invitation

        self.access.require(Capability.MANAGE_INVITATIONS)
        rows = await info.context.loaders.room_invitations.load(self.access.room.id)
        return [Invitation.from_row(row) for row in rows]
