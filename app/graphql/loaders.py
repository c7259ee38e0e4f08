"""Per-request DataLoaders: one query per kind of object, however many are asked for."""

from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import Select, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col
from strawberry.dataloader import DataLoader

from app.messaging.queries import MessagePage, PageRequest, message_pages
from app.models import (
    Assessment,
    Invitation,
    LiveSession,
    Plan,
    Provider,
    RoomMember,
    Superbill,
    User,
)

Row = TypeVar("Row", Plan, Provider, User)
InRoom = TypeVar("InRoom", RoomMember, LiveSession, Assessment, Superbill, Invitation)
BatchFn = Callable[[list[uuid.UUID]], Coroutine[Any, Any, Sequence[Any]]]
K = TypeVar("K")
V = TypeVar("V")


# Statements are built once per process, with bound parameters: building a statement and
# computing its cache key cost more than SQLite takes to answer it (see scripts/bench).
def _ids(column: Any) -> ColumnElement[bool]:
    return col(column).in_(bindparam("keys", expanding=True))


@cache
def _by_id_statement(model: type[Row]) -> Select[Row]:
    return select(model).where(_ids(model.id))


def _in_rooms(model: type[InRoom], *order: Any) -> Select[InRoom]:
    return select(model).where(_ids(model.room_id)).order_by(*order)


# Every row of a kind in each room, in the order the room shows them.
_ROOM_ROWS: dict[type[Any], Select[Any]] = {
    Invitation: _in_rooms(Invitation, col(Invitation.created_at).desc(), col(Invitation.id)),
    LiveSession: _in_rooms(LiveSession, col(LiveSession.starts_at), col(LiveSession.id)),
    Assessment: _in_rooms(Assessment, col(Assessment.sent_at).desc(), col(Assessment.id)),
    Superbill: _in_rooms(Superbill, col(Superbill.requested_at).desc(), col(Superbill.id)),
}


_MEMBERS_WITH_USERS = (
    select(RoomMember, User)
    .join(User, col(User.id) == col(RoomMember.user_id))
    .where(_ids(RoomMember.room_id))
    .order_by(col(RoomMember.joined_at), col(RoomMember.id))
)
_PROVIDERS_WITH_USERS = (
    select(Provider, User)
    .join(User, col(User.id) == col(Provider.user_id))
    .where(_ids(Provider.id))
)


def _by_id(db: AsyncSession, model: type[Row]) -> BatchFn:
    async def load(ids: list[uuid.UUID]) -> list[Row | None]:
        rows = (await db.execute(_by_id_statement(model), {"keys": ids})).scalars()
        found = {row.id: row for row in rows}
        return [found.get(key) for key in ids]

    return load


def _by_room(db: AsyncSession, model: type[InRoom]) -> BatchFn:
    """Every row of `model` in each room, in the room's order (`_ROOM_ROWS`)."""

    async def load(room_ids: list[uuid.UUID]) -> list[list[InRoom]]:
        rows = (await db.execute(_ROOM_ROWS[model], {"keys": room_ids})).scalars()
        grouped: dict[uuid.UUID, list[InRoom]] = defaultdict(list)
        for row in rows:
            grouped[row.room_id].append(row)
        return [grouped[room_id] for room_id in room_ids]

    return load


def _members_priming_users(db: AsyncSession, users: DataLoader[uuid.UUID, User | None]) -> BatchFn:
    """Members of each room, oldest first; their users come in the same statement and
    wait in the users loader, so `RoomMember.user` (and message authors) need no query."""

    async def load(room_ids: list[uuid.UUID]) -> list[list[RoomMember]]:
        rows = await db.execute(_MEMBERS_WITH_USERS, {"keys": room_ids})
        grouped: dict[uuid.UUID, list[RoomMember]] = defaultdict(list)
        for member, user in rows.all():
            users.prime(user.id, user)
            grouped[member.room_id].append(member)
        return [grouped[room_id] for room_id in room_ids]

    return load


def _providers_priming_users(
    db: AsyncSession, users: DataLoader[uuid.UUID, User | None]
) -> BatchFn:
    """Providers by ID, with their users (who hold the display name) primed."""

    async def load(ids: list[uuid.UUID]) -> list[Provider | None]:
        rows = await db.execute(_PROVIDERS_WITH_USERS, {"keys": ids})
        found = {}
        for provider, user in rows.all():
            users.prime(user.id, user)
            found[provider.id] = provider
        return [found.get(key) for key in ids]

    return load


def _message_pages(db: AsyncSession) -> Callable[[list[PageRequest]], Any]:
    async def load(requests: list[PageRequest]) -> list[MessagePage]:
        return await message_pages(db, requests)

    return load


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
    live_sessions: DataLoader[uuid.UUID, list[LiveSession]]
    assessments: DataLoader[uuid.UUID, list[Assessment]]
    superbills: DataLoader[uuid.UUID, list[Superbill]]
    message_pages: DataLoader[PageRequest, MessagePage]
    outstanding: list[Awaitable[Any]]

    @classmethod
    def for_request(cls, db: AsyncSession) -> Loaders:
        outstanding: list[Awaitable[Any]] = []

        def loader(load_fn: Callable[[list[Any]], Awaitable[Sequence[Any]]]) -> Any:
            return RequestLoader(load_fn, outstanding)

        users = loader(_by_id(db, User))
        return cls(
            users=users,
            providers=loader(_providers_priming_users(db, users)),
            plans=loader(_by_id(db, Plan)),
            room_members=loader(_members_priming_users(db, users)),
            room_invitations=loader(_by_room(db, Invitation)),
            live_sessions=loader(_by_room(db, LiveSession)),
            assessments=loader(_by_room(db, Assessment)),
            superbills=loader(_by_room(db, Superbill)),
            message_pages=loader(_message_pages(db)),
            outstanding=outstanding,
        )

    async def settle(self) -> None:
        """Wait for every batch asked for, including ones a failed field left behind."""
        while self.outstanding:
            waiting = list(self.outstanding)
            self.outstanding.clear()
            await asyncio.gather(*waiting, return_exceptions=True)
