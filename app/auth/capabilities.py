"""Who may do what in a room: the one table every check reads.

Services call `require`, GraphQL permission classes call `refusal`, and
`Room.viewerCan` calls `allows`, so the API can never disagree with itself.
`ROOM_FIELD_CAPABILITIES` and `ROOM_MUTATION_CAPABILITIES` say which capability
each `Room` field and each room mutation needs; a schema walk in the tests fails
when a field or mutation is missing from them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class RoomRole(StrEnum):
    PRIMARY = "PRIMARY"
    SECONDARY = "SECONDARY"
    PROVIDER = "PROVIDER"


class Capability(StrEnum):
    READ_ROOM = "READ_ROOM"
    SEND_MESSAGE = "SEND_MESSAGE"
    MANAGE_INVITATIONS = "MANAGE_INVITATIONS"
    SCHEDULE_LIVE_SESSION = "SCHEDULE_LIVE_SESSION"
    CHANGE_PROVIDER = "CHANGE_PROVIDER"
    VIEW_PROGRESS_TRACKER = "VIEW_PROGRESS_TRACKER"
    VIEW_ASSESSMENTS = "VIEW_ASSESSMENTS"
    SEND_ASSESSMENT = "SEND_ASSESSMENT"
    RESPOND_TO_ASSESSMENTS = "RESPOND_TO_ASSESSMENTS"
    REQUEST_SUPERBILL = "REQUEST_SUPERBILL"


@dataclass(frozen=True)
class Rule:
    roles: frozenset[RoomRole]
    refusal: str


_EVERYONE = frozenset(RoomRole)
_PRIMARY = frozenset({RoomRole.PRIMARY})

CAPABILITIES: dict[Capability, Rule] = {
    Capability.READ_ROOM: Rule(_EVERYONE, "You are not a member of this room."),
    Capability.SEND_MESSAGE: Rule(_EVERYONE, "You are not a member of this room."),
    Capability.MANAGE_INVITATIONS: Rule(
        _PRIMARY,
        "Only the primary account holder can invite a partner or manage invitations.",
    ),
    # Covers cancelling too.
    Capability.SCHEDULE_LIVE_SESSION: Rule(
        _PRIMARY,
        "Only the primary account holder can schedule live sessions. "
        "Ask your partner to schedule one.",
    ),
    Capability.CHANGE_PROVIDER: Rule(
        _PRIMARY,
        "Only the primary account holder can change the provider. Ask your partner to do it.",
    ),
    Capability.VIEW_PROGRESS_TRACKER: Rule(
        frozenset({RoomRole.PRIMARY, RoomRole.PROVIDER}),
        "Only the primary account holder and the provider can see the progress tracker.",
    ),
    Capability.VIEW_ASSESSMENTS: Rule(
        frozenset({RoomRole.PRIMARY, RoomRole.PROVIDER}),
        "Only the primary account holder and the provider can see assessments.",
    ),
    Capability.SEND_ASSESSMENT: Rule(
        frozenset({RoomRole.PROVIDER}), "Only the room's provider can send assessments."
    ),
    Capability.RESPOND_TO_ASSESSMENTS: Rule(
        _PRIMARY, "Only the primary account holder can respond to assessments."
    ),
    # Covers reading superbills too: they carry billing details for the account holder.
    Capability.REQUEST_SUPERBILL: Rule(
        _PRIMARY, "Only the primary account holder can request a superbill."
    ),
}


def allows(role: RoomRole, capability: Capability) -> bool:
    return role in CAPABILITIES[capability].roles


def refusal(capability: Capability) -> str:
    return CAPABILITIES[capability].refusal


def is_restricted(capability: Capability) -> bool:
    """True when some role of the room may not use the capability (such uses are audited)."""
    return CAPABILITIES[capability].roles != _EVERYONE


# GraphQL field on `Room` -> what the viewer needs to read it. Everything mapped to
# READ_ROOM is readable by whoever can see the room at all.
ROOM_FIELD_CAPABILITIES: dict[str, Capability] = {
    "id": Capability.READ_ROOM,
    "kind": Capability.READ_ROOM,
    "plan": Capability.READ_ROOM,
    "provider": Capability.READ_ROOM,
    "members": Capability.READ_ROOM,
    "viewerRole": Capability.READ_ROOM,
    "viewerCan": Capability.READ_ROOM,
    "showAddPartnerBanner": Capability.READ_ROOM,
    "createdAt": Capability.READ_ROOM,
    "liveSessions": Capability.READ_ROOM,
    "messages": Capability.READ_ROOM,
    "assessments": Capability.VIEW_ASSESSMENTS,
    "progressTracker": Capability.VIEW_PROGRESS_TRACKER,
    "superbills": Capability.REQUEST_SUPERBILL,
    "pendingInvitation": Capability.MANAGE_INVITATIONS,
    "invitations": Capability.MANAGE_INVITATIONS,
}

# Mutation acting on one room (by `roomId` or by the ID of something in a room) -> capability.
ROOM_MUTATION_CAPABILITIES: dict[str, Capability] = {
    "scheduleLiveSession": Capability.SCHEDULE_LIVE_SESSION,
    "cancelLiveSession": Capability.SCHEDULE_LIVE_SESSION,
    "changeProvider": Capability.CHANGE_PROVIDER,
    "sendAssessment": Capability.SEND_ASSESSMENT,
    "respondToAssessment": Capability.RESPOND_TO_ASSESSMENTS,
    "requestSuperbill": Capability.REQUEST_SUPERBILL,
    "sendMessage": Capability.SEND_MESSAGE,
    "invitePartner": Capability.MANAGE_INVITATIONS,
    "resendInvite": Capability.MANAGE_INVITATIONS,
    "revokeInvite": Capability.MANAGE_INVITATIONS,
}
