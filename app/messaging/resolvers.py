"""Message queries and mutations: parse input, call the service, map the result."""

from __future__ import annotations

from app.graphql.context import Info
from app.graphql.ids import key_of
from app.graphql.pagination import PageInfo, page_size
from app.graphql.payloads import attempt
from app.messaging import service
from app.messaging.cursors import Position, decode_cursor, encode_cursor
from app.messaging.queries import PageRequest
from app.messaging.types import (
    Message,
    MessageConnection,
    MessageEdge,
    SendMessageInput,
    SendMessagePayload,
)
from app.rooms.service import RoomAccess


async def room_messages(
    info: Info, access: RoomAccess, first: int, after: str | None
) -> MessageConnection:
    request = PageRequest(
        room_id=access.room.id,
        first=page_size(first),
        after=decode_cursor(after) if after is not None else None,
    )
    page = await info.context.loaders.message_pages.load(request)
    viewer = info.context.viewer
    edges = [
        MessageEdge(
            cursor=encode_cursor(Position(row.sent_at, row.id)),
            node=Message.from_row(row, page.author_names[row.author_user_id], viewer),
        )
        for row in page.messages
    ]
    return MessageConnection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=page.has_next_page,
            has_previous_page=after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
    )


async def send_message(info: Info, input: SendMessageInput) -> SendMessagePayload:
    ctx = info.context
    viewer = ctx.require_viewer()
    room_id = key_of(input.room_id, "Room")
    result = await attempt(
        info, lambda: service.send_message(ctx.db, viewer, room_id=room_id, body=input.body)
    )
    if isinstance(result, list):
        return SendMessagePayload(message=None, user_errors=result)
    return SendMessagePayload(
        message=Message.from_row(result, viewer.user.display_name, viewer), user_errors=[]
    )
