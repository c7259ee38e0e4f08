"""Per-request DataLoaders: one query per kind of object, however many are asked for."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col
from strawberry.dataloader import DataLoader

from app.invitations.service import invitations_by_room
from app.models import Invitation, Plan, Provider, RoomMember, User

Row = TypeVar("Row", Plan, Provider, User)
BatchFn = Callable[[list[uuid.UUID]], Coroutine[Any, Any, Sequence[Any]]]


def _by_id(db: AsyncSession, model: type[Row]) -> BatchFn:
    async def load(ids: list[uuid.UUID]) -> list[Row | None]:
        rows = (await db.execute(select(model).where(col(model.id).in_(ids)))).scalars()
        found = {row.id: row for row in rows}
        return [found.get(key) for key in ids]

    return load


def _members_by_room(db: AsyncSession) -> BatchFn:
    async def load(room_ids: list[uuid.UUID]) -> list[list[RoomMember]]:
        rows = (
            await db.execute(
                select(RoomMember)
                .where(col(RoomMember.room_id).in_(room_ids))
                .order_by(col(RoomMember.joined_at), col(RoomMember.id))
            )
        ).scalars()
        grouped: dict[uuid.UUID, list[RoomMember]] = defaultdict(list)
        for member in rows:
            grouped[member.room_id].append(member)
        return [grouped[room_id] for room_id in room_ids]

    return load


def _invitations_by_room(db: AsyncSession) -> BatchFn:
    async def load(room_ids: list[uuid.UUID]) -> list[list[Invitation]]:
        grouped = await invitations_by_room(db, room_ids)
        return [grouped[room_id] for room_id in room_ids]

    return load


@dataclass(frozen=True)
class Loaders:
    users: DataLoader[uuid.UUID, User | None]
    providers: DataLoader[uuid.UUID, Provider | None]
    plans: DataLoader[uuid.UUID, Plan | None]
    room_members: DataLoader[uuid.UUID, list[RoomMember]]
    room_invitations: DataLoader[uuid.UUID, list[Invitation]]

    @classmethod
    def for_request(cls, db: AsyncSession) -> Loaders:
        return cls(
            users=DataLoader(_by_id(db, User)),
            providers=DataLoader(_by_id(db, Provider)),
            plans=DataLoader(_by_id(db, Plan)),
            room_members=DataLoader(_members_by_room(db)),
            room_invitations=DataLoader(_invitations_by_room(db)),
        )
