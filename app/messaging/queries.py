"""SQL for message pages: newest first, keyset-paginated, many rooms in one statement."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BindParameter, Select, and_, bindparam, column, or_, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.messaging.cursors import Position
from app.models import Message, User

AUTHOR_NAME = "author_display_name"


@dataclass(frozen=True)
class PageRequest:
    room_id: uuid.UUID
    first: int
    after: Position | None


@dataclass(frozen=True)
class MessagePage:
    messages: list[Message]
    has_next_page: bool
    # Display name of each message's author, read in the same statement as the messages.
    author_names: dict[uuid.UUID, str]


def _page_statement(after: bool, prefix: str = "") -> Select[Message, str]:
    """A page of one room with bound parameters `{prefix}room`, `{prefix}limit` and, after a
    cursor, `{prefix}sent_at` and `{prefix}key` (see `_page_parameters`)."""
    query: Select[Message, str] = (
        select(Message, col(User.display_name).label(AUTHOR_NAME))
        .join(User, col(User.id) == col(Message.author_user_id))
        .where(col(Message.room_id) == bindparam(f"{prefix}room"))
    )
    if after:
        sent_at: BindParameter[Any] = bindparam(f"{prefix}sent_at")
        query = query.where(
            or_(
                col(Message.sent_at) < sent_at,
                and_(col(Message.sent_at) == sent_at, col(Message.id) < bindparam(f"{prefix}key")),
            )
        )
    return query.order_by(col(Message.sent_at).desc(), col(Message.id).desc()).limit(
        bindparam(f"{prefix}limit")
    )


def _page_parameters(request: PageRequest, prefix: str = "") -> dict[str, Any]:
    # One more than asked for tells whether there is a next page.
    parameters: dict[str, Any] = {
        f"{prefix}room": request.room_id,
        f"{prefix}limit": request.first + 1,
    }
    if request.after is not None:
        parameters[f"{prefix}sent_at"] = request.after.sent_at
        parameters[f"{prefix}key"] = request.after.id
    return parameters


# Built once: a page of one room is what a client asks for most (see scripts/bench).
_ONE_ROOM = {after: _page_statement(after) for after in (False, True)}


async def message_pages(db: AsyncSession, requests: Sequence[PageRequest]) -> list[MessagePage]:
    if len(requests) == 1:
        statement: Any = _ONE_ROOM[requests[0].after is not None]
        parameters = _page_parameters(requests[0])
    else:
        # Each branch walks the (room_id, sent_at, id) index and stops at its limit.
        branches, parameters = [], {}
        for n, request in enumerate(requests):
            prefix = f"r{n}_"
            branches.append(_page_statement(request.after is not None, prefix).subquery().select())
            parameters.update(_page_parameters(request, prefix))
        statement = select(Message, column(AUTHOR_NAME)).from_statement(union_all(*branches))
    names: dict[uuid.UUID, str] = {}
    unique: dict[uuid.UUID, Message] = {}
    for message, name in await db.execute(statement, parameters):
        unique[message.id] = message
        names[message.author_user_id] = name
    pages = []
    for request in requests:
        chosen = _within(list(unique.values()), request)
        page = chosen[: request.first]
        pages.append(
            MessagePage(
                page,
                len(chosen) > request.first,
                {row.author_user_id: names[row.author_user_id] for row in page},
            )
        )
    return pages


def _within(rows: Sequence[Message], request: PageRequest) -> list[Message]:
    """This request's rows: branches of one statement may overlap when a room is asked twice."""
    chosen = [row for row in rows if row.room_id == request.room_id]
    if request.after is not None:
        after = (request.after.sent_at, request.after.id)
        chosen = [row for row in chosen if (row.sent_at, row.id) < after]
    chosen.sort(key=lambda row: (row.sent_at, row.id), reverse=True)
    return chosen[: request.first + 1]
