"""Rooms with everyone in them, and rows the API cannot make on this branch.

A partner is added as a SECONDARY row directly (invitations arrive with another branch);
live sessions in the past are inserted directly (the API refuses to schedule them).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlmodel import col

from app.auth.capabilities import RoomRole
from app.db import Database
from app.graphql.ids import key_of, to_global_id
from app.models import (
    AuditEvent,
    LiveSession,
    LiveSessionState,
    MemberRole,
    Message,
    Provider,
    Room,
    RoomMember,
    User,
)
from app.models.base import utcnow
from app.providers.service import create_provider
from tests.conftest import PROVIDER_PASSWORD
from tests.support.api import Api
from tests.support.people import Person, couples_room, log_in, new_email, sign_up


@dataclass(frozen=True)
class ProviderLogin:
    id: str
    user_key: uuid.UUID
    name: str
    email: str
    token: str


@dataclass(frozen=True)
class Cast:
    """A couples room and everyone who might ask about it."""

    room_id: str
    primary: Person
    secondary: Person
    provider: ProviderLogin
    stranger: Person

    @property
    def room_key(self) -> uuid.UUID:
        return key_of(self.room_id, "Room")


async def add_partner(api: Api, database: Database, room_id: str, name: str = "Sam") -> Person:
    partner = await sign_up(api, name=name)
    async with database.unit_of_work() as db:
        db.add(
            RoomMember(
                room_id=key_of(room_id, "Room"),
                user_id=key_of(partner.id, "User"),
                role=MemberRole.SECONDARY,
            )
        )
    return partner


async def provider_of(api: Api, database: Database, room_id: str) -> ProviderLogin:
    """Signs in as the room's current provider (test providers share PROVIDER_PASSWORD)."""
    async with database.sessions() as db:
        provider, user = (
            await db.execute(
                select(Provider, User)
                .join(User, col(User.id) == col(Provider.user_id))
                .join(Room, col(Room.provider_id) == col(Provider.id))
                .where(col(Room.id) == key_of(room_id, "Room"))
            )
        ).one()
    token = await log_in(api, user.email, PROVIDER_PASSWORD)
    return ProviderLogin(
        to_global_id("Provider", provider.id), user.id, user.display_name, user.email, token
    )


async def cast_of_couples_room(api: Api, database: Database) -> Cast:
    primary, room_id = await couples_room(api)
    secondary = await add_partner(api, database, room_id)
    provider = await provider_of(api, database, room_id)
    stranger = await sign_up(api, name="Stranger")
    return Cast(room_id, primary, secondary, provider, stranger)


async def new_provider(
    database: Database, *, name: str = "Dr. Morgan Reyes", couples: bool = True
) -> tuple[str, str]:
    """A provider account; returns its Provider ID and sign-in address."""
    email = new_email("dr")
    async with database.unit_of_work() as db:
        provider = await create_provider(
            db, email=email, password=PROVIDER_PASSWORD, name=name, accepts_couples=couples
        )
    return to_global_id("Provider", provider.id), email


async def insert_live_session(
    database: Database,
    room_id: str,
    *,
    starts_at: datetime,
    duration_minutes: int = 60,
    cancelled: bool = False,
) -> str:
    """A session at any time, past included; led by the room's current provider."""
    room_key = key_of(room_id, "Room")
    async with database.unit_of_work() as db:
        room = await db.get(Room, room_key)
        assert room is not None
        primary = await db.scalar(
            select(col(RoomMember.user_id)).where(
                col(RoomMember.room_id) == room_key, col(RoomMember.role) == MemberRole.PRIMARY
            )
        )
        session = LiveSession(
            room_id=room_key,
            provider_id=room.provider_id,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(minutes=duration_minutes),
            duration_minutes=duration_minutes,
            state=LiveSessionState.CANCELLED if cancelled else LiveSessionState.SCHEDULED,
            scheduled_by_user_id=primary,
            created_at=min(starts_at, utcnow()) - timedelta(days=1),
        )
        db.add(session)
    return to_global_id("LiveSession", session.id)


async def insert_messages(
    database: Database, room_id: str, author: Person, bodies: Sequence[str], *, sent_at: datetime
) -> None:
    """Messages all sent at the same instant: only their IDs order them."""
    async with database.unit_of_work() as db:
        db.add_all(
            Message(
                room_id=key_of(room_id, "Room"),
                author_user_id=key_of(author.id, "User"),
                author_role=RoomRole.PRIMARY,
                body=body,
                sent_at=sent_at,
            )
            for body in bodies
        )


async def audit_events(database: Database) -> list[AuditEvent]:
    async with database.sessions() as db:
        query = select(AuditEvent).order_by(col(AuditEvent.occurred_at), col(AuditEvent.id))
        return list((await db.execute(query)).scalars().all())


async def audit_events_since(database: Database, before: Sequence[AuditEvent]) -> list[AuditEvent]:
    seen = {event.id for event in before}
    return [event for event in await audit_events(database) if event.id not in seen]
