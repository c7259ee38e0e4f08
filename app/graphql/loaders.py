"""Per-request DataLoaders: one query per kind of object, however many are asked for."""

from __future__ import annotations

import asyncio
import uuid
from collections import defaultdict
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import Result, Select, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession
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
AnySelect = Select[*tuple[Any, ...]]
AnyResult = Result[*tuple[Any, ...]]


@dataclass(frozen=True)
class ByKeys:
    """One statement, built once per process, in two forms: for one key (`= :key`) and for
    several (`IN (...)`). Building a statement costs more than SQLite takes to answer it,
    and an expanding IN is rendered afresh on every execution, while most batches of a
    request hold a single key (see scripts/bench)."""

    one: AnySelect
    many: AnySelect

    @classmethod
    def where(cls, statement: AnySelect, column: Any) -> ByKeys:
        return cls(
            one=statement.where(col(column) == bindparam("key")),
            many=statement.where(col(column).in_(bindparam("keys", expanding=True))),
        )

    async def execute(self, db: AsyncSession, keys: Sequence[uuid.UUID]) -> AnyResult:
        if len(keys) == 1:
            return await db.execute(self.one, {"key": keys[0]})
        return await db.execute(self.many, {"keys": list(keys)})


@cache
def _by_id_statement(model: type[Row]) -> ByKeys:
    return ByKeys.where(select(model), model.id)


def _in_rooms(model: type[InRoom], *order: Any) -> ByKeys:
    return ByKeys.where(select(model).order_by(*order), model.room_id)


# Every row of a kind in each room, in the order the room shows them.
_ROOM_ROWS: dict[type[Any], ByKeys] = {
    Invitation: _in_rooms(Invitation, col(Invitation.created_at).desc(), col(Invitation.id)),
    LiveSession: _in_rooms(LiveSession, col(LiveSession.starts_at), col(LiveSession.id)),
    Assessment: _in_rooms(Assessment, col(Assessment.sent_at).desc(), col(Assessment.id)),
    Superbill: _in_rooms(Superbill, col(Superbill.requested_at).desc(), col(Superbill.id)),
}
_MEMBERS_WITH_USERS = ByKeys.where(
    select(RoomMember, User)
    .join(User, col(User.id) == col(RoomMember.user_id))
    .order_by(col(RoomMember.joined_at), col(RoomMember.id)),
    RoomMember.room_id,
)
_PROVIDERS_WITH_USERS = ByKeys.where(
    select(Provider, User).join(User, col(User.id) == col(Provider.user_id)), Provider.id
)


def _by_id(db: AsyncSession, model: type[Row]) -> BatchFn:
    async def load(ids: list[uuid.UUID]) -> list[Row | None]:
        rows = (await _by_id_statement(model).execute(db, ids)).scalars()
        found = {row.id: row for row in rows}
        return [found.get(key) for key in ids]

    return load


def _by_room(db: AsyncSession, model: type[InRoom]) -> BatchFn:
    """Every row of `model` in each room, in the room's order (`_ROOM_ROWS`)."""

    async def load(room_ids: list[uuid.UUID]) -> list[list[InRoom]]:
        rows = (await _ROOM_ROWS[model].execute(db, room_ids)).scalars()
        grouped: dict[uuid.UUID, list[InRoom]] = defaultdict(list)
        for row in rows:
            grouped[row.room_id].append(row)
        return [grouped[room_id] for room_id in room_ids]

    return load


def _members_priming_users(db: AsyncSession, users: DataLoader[uuid.UUID, User | None]) -> BatchFn:
    """Members of each room, oldest first; their users come in the same statement and
    wait in the users loader, so `RoomMember.user` (and message authors) need no query."""

    async def load(room_ids: list[uuid.UUID]) -> list[list[RoomMember]]:
        rows = await _MEMBERS_WITH_USERS.execute(db, room_ids)
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
        rows = await _PROVIDERS_WITH_USERS.execute(db, ids)
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
