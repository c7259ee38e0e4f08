"""GraphQL types for messages and their connection."""

from __future__ import annotations

from datetime import datetime

import strawberry

from app.auth.viewer import Viewer
from app.graphql.ids import to_global_id
from app.graphql.node import Node
from app.graphql.pagination import PageInfo
from app.graphql.payloads import UserError
from app.models import Message as MessageRow
from app.rooms.roles import RoomRole


@strawberry.type(description="Who wrote a message, as the room sees them.")
class MessageAuthor:
    role: RoomRole = strawberry.field(  # type: ignore[valid-type]
        description="Their role in the room when they wrote it: PRIMARY, SECONDARY or PROVIDER."
    )
    is_viewer: bool = strawberry.field(description="True when the viewer wrote it.")
    display_name: str = strawberry.field(description="Their name as shown in the room.")


@strawberry.type(description="A message in a room, readable by its members and its provider.")
class Message(Node):
    body: str = strawberry.field(description="The text exactly as sent (plain text, not HTML).")
    sent_at: datetime = strawberry.field(description="When it was sent.")
    # Built with the message (its author's name comes in the same statement): plain
    # attributes, so a page of messages costs no resolver call per field.
    author: MessageAuthor = strawberry.field(description="Who wrote it.")
    row: strawberry.Private[MessageRow]

    @classmethod
    def from_row(cls, row: MessageRow, author_name: str, viewer: Viewer | None) -> Message:
        return cls(
            id=strawberry.ID(to_global_id("Message", row.id)),
            body=row.body,
            sent_at=row.sent_at,
            author=MessageAuthor(
                display_name=author_name,
                role=row.author_role,
                is_viewer=viewer is not None and viewer.user_id == row.author_user_id,
            ),
            row=row,
        )


@strawberry.type(description="A message and its position in the list.")
class MessageEdge:
    cursor: str = strawberry.field(description="Pass as `after` to continue after this message.")
    node: Message = strawberry.field(description="The message.")


@strawberry.type(description="A page of a room's messages, newest first.")
class MessageConnection:
    edges: list[MessageEdge] = strawberry.field(description="The messages, newest first.")
    page_info: PageInfo = strawberry.field(description="How to fetch the next page.")


@strawberry.input(description="Post a message in a room.")
class SendMessageInput:
    room_id: strawberry.ID = strawberry.field(description="The room.")
    body: str = strawberry.field(
        description="Plain text, 1 to 4000 characters not counting surrounding whitespace; "
        "stored exactly as sent."
    )


@strawberry.type(description="Result of sendMessage.")
class SendMessagePayload:
    message: Message | None = strawberry.field(description="The new message; null on userErrors.")
    user_errors: list[UserError] = strawberry.field(
        description="Why nothing was sent; empty on success."
    )
