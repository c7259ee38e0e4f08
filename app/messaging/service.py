"""Posting messages in a room: members and the provider alike."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from app.auth.capabilities import Capability
from app.auth.viewer import Viewer
from app.errors import UserErrorCode, UserInputError
from app.models import Message
from app.rooms.service import RoomAccess, require_in_room, row_in_room

MAX_BODY_LENGTH = 4000


async def send_message(
    db: AsyncSession, viewer: Viewer, *, room_id: uuid.UUID, body: str
) -> Message:
    access = await require_in_room(db, viewer, room_id, Capability.SEND_MESSAGE)
    length = len(body.strip())
    if length == 0:
        raise UserInputError(
            UserErrorCode.MESSAGE_EMPTY, "Write something before sending.", ["input", "body"]
        )
    if length > MAX_BODY_LENGTH:
        raise UserInputError(
            UserErrorCode.MESSAGE_TOO_LONG,
            f"Keep messages to {MAX_BODY_LENGTH} characters; this one has {length}.",
            ["input", "body"],
        )
    # Stored exactly as written: only the length rule ignores surrounding whitespace.
    message = Message(
        room_id=room_id, author_user_id=viewer.user_id, author_role=access.role, body=body
    )
    db.add(message)
    await db.flush()
    return message


async def message_for(
    db: AsyncSession, viewer: Viewer, message_id: uuid.UUID
) -> tuple[Message, RoomAccess]:
    """The message and its room as the viewer sees it (see rooms.service.row_in_room)."""
    return await row_in_room(db, viewer, Message, message_id, "message")
