"""The audit trail of one request: collected while it resolves, written once at its end.

Entries live in memory until the endpoint writes them in the request's own transaction,
outside every mutation's savepoint, so a refused mutation (whose savepoint is rolled
back) still leaves its row.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import AuditEvent, AuditOutcome
from app.models.base import new_id, utcnow

# Executed with a list of rows: one statement, compiled once per process (a VALUES list
# built per request would be compiled afresh each time).
_INSERT_EVENTS = insert(AuditEvent)


@dataclass(frozen=True)
class AuditEntry:
    action: str
    outcome: AuditOutcome
    actor_user_id: uuid.UUID | None
    room_id: uuid.UUID | None
    code: str | None
    occurred_at: datetime = field(default_factory=utcnow)


class AuditTrail:
    def __init__(self) -> None:
        self._entries: list[AuditEntry] = []

    @property
    def entries(self) -> list[AuditEntry]:
        return list(self._entries)

    def record(
        self,
        action: str,
        outcome: AuditOutcome,
        *,
        actor_user_id: uuid.UUID | None,
        room_id: uuid.UUID | None,
        code: str | None = None,
    ) -> None:
        self._entries.append(AuditEntry(action, outcome, actor_user_id, room_id, code))

    async def write(self, db: AsyncSession) -> None:
        """One INSERT statement for the whole request, however many entries it made."""
        if not self._entries:
            return
        rows = [
            {
                "id": new_id(),
                "occurred_at": entry.occurred_at,
                "actor_user_id": entry.actor_user_id,
                "room_id": entry.room_id,
                "action": entry.action,
                "outcome": entry.outcome,
                "code": entry.code,
            }
            for entry in self._entries
        ]
        self._entries.clear()
        await db.execute(_INSERT_EVENTS, rows)


@dataclass
class RoomNote:
    room_id: uuid.UUID | None = None


# The room an audited operation turned out to concern. Services find rooms by many
# routes (a room ID, a live session ID, an assessment ID); `rooms.service.room_for`
# is where they all meet, so it notes the room here for the operation's audit entry.
_noted_room: ContextVar[RoomNote | None] = ContextVar("audited_room", default=None)


@contextmanager
def noting_room() -> Iterator[RoomNote]:
    note = RoomNote()
    token = _noted_room.set(note)
    try:
        yield note
    finally:
        _noted_room.reset(token)


def note_room(room_id: uuid.UUID) -> None:
    note = _noted_room.get()
    if note is not None and note.room_id is None:
        note.room_id = room_id
