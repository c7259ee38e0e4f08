"""Opaque cursors for message pages: a position (sent_at, id) in newest-first order."""

from __future__ import annotations

import base64
import binascii
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from app.errors import BadUserInput

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_VERSION = "m1"


@dataclass(frozen=True)
class Position:
    sent_at: datetime
    id: uuid.UUID


def encode_cursor(position: Position) -> str:
    micros = (position.sent_at - _EPOCH) // timedelta(microseconds=1)
    raw = f"{_VERSION}:{micros}:{position.id.hex}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> Position:
    """The position a cursor names; BAD_USER_INPUT when it is not one we handed out."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        version, micros, key = base64.urlsafe_b64decode(padded.encode("ascii")).decode().split(":")
        if version != _VERSION:
            raise ValueError(version)
        return Position(_EPOCH + timedelta(microseconds=int(micros)), uuid.UUID(hex=key))
    except (ValueError, UnicodeError, binascii.Error, OverflowError):
        raise BadUserInput("`after` is not a cursor from this connection.") from None
