"""SQL for message pages: newest first, keyset-paginated, many rooms in one statement."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, and_, or_, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.messaging.cursors import Position
from app.models import Message


@dataclass(frozen=True)
class PageRequest:
    room_id: uuid.UUID
    first: int
    after: Position | None


@dataclass(frozen=True)
class MessagePage:
    messages: list[Message]
    has_next_page: bool


def _page_query(request: PageRequest) -> Select[Message]:
    query = select(Message).where(col(Message.room_id) == request.room_id)
    if request.after is not None:
        sent_at, key = request.after.sent_at, request.after.id
        query = query.where(
            or_(
                col(Message.sent_at) < sent_at,
                and_(col(Message.sent_at) == sent_at, col(Message.id) < key),
            )
        )
    # One more than asked for tells whether there is a next page.
    return query.order_by(col(Message.sent_at).desc(), col(Message.id).desc()).limit(
        request.first + 1
    )


async def message_pages(db: AsyncSession, requests: Sequence[PageRequest]) -> list[MessagePage]:
    if len(requests) == 1:
        rows: Sequence[Message] = (await db.execute(_page_query(requests[0]))).scalars().all()
    else:
        # Each branch walks the (room_id, sent_at, id) index and stops at its limit.
        branches = [_page_query(request).subquery().select() for request in requests]
        rows = (
            (await db.execute(select(Message).from_statement(union_all(*branches)))).scalars().all()
        )
    unique = list({row.id: row for row in rows}.values())
    pages = []
    for request in requests:
        chosen = _within(unique, request)
        pages.append(MessagePage(chosen[: request.first], len(chosen) > request.first))
    return pages


def _within(rows: Sequence[Message], request: PageRequest) -> list[Message]:
    """This request's rows: branches of one statement may overlap when a room is asked twice."""
    chosen = [row for row in rows if row.room_id == request.room_id]
    if request.after is not None:
        after = (request.after.sent_at, request.after.id)
        chosen = [row for row in chosen if (row.sent_at, row.id) < after]
    chosen.sort(key=lambda row: (row.sent_at, row.id), reverse=True)
    return chosen[: request.first + 1]
