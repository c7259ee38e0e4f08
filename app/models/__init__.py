"""SQLModel tables, one module per aggregate. Importing this registers them all."""

from sqlmodel import SQLModel

import app.models.base  # noqa: F401 - sets the naming convention before any table
from app.models.accounts import AuthSession, User
from app.models.invitations import Invitation, InvitationLink, InvitationState
from app.models.outbox import OutboxMessage
from app.models.plans import Coverage, Plan, Subscription
from app.models.providers import Provider
from app.models.rooms import MemberRole, Room, RoomKind, RoomMember
from app.models.throttle import ThrottleEvent

__all__ = [
    "AuthSession",
    "Coverage",
    "Invitation",
    "InvitationLink",
    "InvitationState",
    "MemberRole",
    "OutboxMessage",
    "Plan",
    "Provider",
    "Room",
    "RoomKind",
    "RoomMember",
    "SQLModel",
    "Subscription",
    "ThrottleEvent",
    "User",
]
