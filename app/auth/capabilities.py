"""Who may do what in a room: the one table every check reads.

Services call `require`, GraphQL permission classes call `refusal`, and
`Room.viewerCan` calls `allows`, so the API can never disagree with itself.
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
    Capability.REQUEST_SUPERBILL: Rule(
        _PRIMARY, "Only the primary account holder can request a superbill."
    ),
}


def allows(role: RoomRole, capability: Capability) -> bool:
    return role in CAPABILITIES[capability].roles


def refusal(capability: Capability) -> str:
    return CAPABILITIES[capability].refusal
