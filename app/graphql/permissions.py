"""Room capabilities in the GraphQL layer: guarded `Room` fields and audited room mutations.

Both read `app.auth.capabilities`, the one table of who may do what; both write the
request's audit trail.
"""

from __future__ import annotations

import uuid
from typing import Any

import strawberry
from strawberry.extensions import FieldExtension
from strawberry.extensions.field_extension import AsyncExtensionResolver
from strawberry.permission import BasePermission, PermissionExtension

from app.audit.trail import noting_room
from app.auth.capabilities import ROOM_FIELD_CAPABILITIES, Capability, is_restricted
from app.errors import ErrorCode, TopLevelError
from app.graphql.context import Info
from app.models import AuditOutcome
from app.rooms.service import RoomAccess


def _actor(info: Info) -> uuid.UUID | None:
    viewer = info.context.viewer
    return viewer.user_id if viewer else None


def require_room_capability(
    info: Info, access: RoomAccess, capability: Capability, action: str
) -> None:
    """FORBIDDEN (with the table's refusal) unless the viewer's role has the capability.

    Uses of restricted capabilities are audited, allowed or not.
    """
    allowed = access.can(capability)
    if is_restricted(capability):
        info.context.audit.record(
            action,
            AuditOutcome.ALLOWED if allowed else AuditOutcome.DENIED,
            actor_user_id=_actor(info),
            room_id=access.room.id,
            code=None if allowed else ErrorCode.FORBIDDEN.value,
        )
    access.require(capability)


class RoomCapability(BasePermission):
    """Guards a `Room` field with the capability ROOM_FIELD_CAPABILITIES names for it."""

    async def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        capability = ROOM_FIELD_CAPABILITIES[info.field_name]
        require_room_capability(info, source.access, capability, f"Room.{info.field_name}")
        return True


def guarded() -> list[FieldExtension]:
    """Extensions for a `Room` field that not every role may read."""
    return [PermissionExtension([RoomCapability()], use_directives=False)]


class AuditedRoomMutation(FieldExtension):
    """Writes one audit entry per room mutation: who, which room, allowed or denied, why not."""

    async def resolve_async(
        self, next_: AsyncExtensionResolver, source: Any, info: Info, **kwargs: Any
    ) -> Any:
        action = f"Mutation.{info.field_name}"
        outcome = AuditOutcome.FAILED
        code: str | None = ErrorCode.INTERNAL_SERVER_ERROR.value
        with noting_room() as note:
            try:
                result = await next_(source, info, **kwargs)
                user_errors = getattr(result, "user_errors", None) or []
                outcome = AuditOutcome.ALLOWED
                code = str(user_errors[0].code) if user_errors else None
                return result
            except TopLevelError as error:
                outcome, code = AuditOutcome.DENIED, error.code.value
                raise
            finally:
                info.context.audit.record(
                    action, outcome, actor_user_id=_actor(info), room_id=note.room_id, code=code
                )


def room_mutation(resolver: Any, description: str) -> Any:
    """A mutation acting on one room: audited, and listed in ROOM_MUTATION_CAPABILITIES."""
    return strawberry.mutation(
        resolver=resolver, description=description, extensions=[AuditedRoomMutation()]
    )
