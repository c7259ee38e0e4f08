"""SQLModel tables, one module per aggregate. Importing this registers them all."""

from sqlmodel import SQLModel

import app.models.base  # noqa: F401 - sets the naming convention before any table
from app.models.accounts import AuthSession, User
from app.models.assessments import Assessment, AssessmentStatus
from app.models.audit import AuditEvent, AuditOutcome
from app.models.invitations import Invitation, InvitationLink, InvitationState
from app.models.live_sessions import LiveSession, LiveSessionState
from app.models.messages import Message
from app.models.outbox import OutboxMessage
from app.models.plans import Coverage, Plan, Subscription
from app.models.provider_assignments import ProviderAssignment
from app.models.providers import Provider
from app.models.rooms import MemberRole, Room, RoomKind, RoomMember
from app.models.superbills import Superbill, SuperbillStatus
from app.models.throttle import ThrottleEvent

__all__ = [
    "Assessment",
    "AssessmentStatus",
    "AuditEvent",
    "AuditOutcome",
    "AuthSession",
    "Coverage",
    "Invitation",
    "InvitationLink",
    "InvitationState",
    "LiveSession",
    "LiveSessionState",
    "MemberRole",
    "Message",
    "OutboxMessage",
    "Plan",
    "Provider",
    "ProviderAssignment",
    "Room",
    "RoomKind",
    "RoomMember",
    "SQLModel",
    "Subscription",
    "Superbill",
    "SuperbillStatus",
    "ThrottleEvent",
    "User",
]
