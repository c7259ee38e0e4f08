"""Per-request DataLoaders: one query per kind of object, however many are asked for."""

from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable, Coroutine, Sequence
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


K = TypeVar("K")
V = TypeVar("V")


class RequestLoader(DataLoader[K, V]):
    """Remembers every load, so the request can wait for all batches before it commits."""

    def __init__(
        self,
        load_fn: Callable[[list[K]], Awaitable[Sequence[Any]]],
        outstanding: list[Awaitable[Any]],
    ) -> None:
        super().__init__(load_fn=load_fn)
        self._outstanding = outstanding

    def load(self, key: K) -> Awaitable[V]:
        loading = super().load(key)
        self._outstanding.append(loading)
        return loading


@dataclass(frozen=True)
class Loaders:
    users: DataLoader[uuid.UUID, User | None]
    providers: DataLoader[uuid.UUID, Provider | None]
    plans: DataLoader[uuid.UUID, Plan | None]
    room_members: DataLoader[uuid.UUID, list[RoomMember]]
    room_invitations: DataLoader[uuid.UUID, list[Invitation]]

    outstanding: list[Awaitable[Any]]

    @classmethod
    def for_request(cls, db: AsyncSession) -> Loaders:
        outstanding: list[Awaitable[Any]] = []
        return cls(
            users=RequestLoader(_by_id(db, User), outstanding),
            providers=RequestLoader(_by_id(db, Provider), outstanding),
            plans=RequestLoader(_by_id(db, Plan), outstanding),
            room_members=RequestLoader(_members_by_room(db), outstanding),
            room_invitations=RequestLoader(_invitations_by_room(db), outstanding),
            outstanding=outstanding,
        )

    async def settle(self) -> None:
        """Wait for every batch asked for, including ones a failed field left behind."""
        while self.outstanding:
            waiting = list(self.outstanding)
            self.outstanding.clear()
            await asyncio.gather(*waiting, return_exceptions=True)
