"""SQLModel tables, one module per aggregate. Importing this registers them all."""

from app.models.accounts import AuthSession, User
from app.models.base import SQLModel
from app.models.plans import Coverage, Plan, Subscription
from app.models.providers import Provider
from app.models.rooms import MemberRole, Room, RoomKind, RoomMember

__all__ = [
    "AuthSession",
    "Coverage",
    "MemberRole",
    "Plan",
    "Provider",
    "Room",
    "RoomKind",
    "RoomMember",
    "SQLModel",
    "Subscription",
    "User",
]
