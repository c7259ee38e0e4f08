"""Opaque global IDs: base64url of `Type:uuid`. UUID4 keys make them unguessable."""

from __future__ import annotations

import base64
import binascii
import uuid

from app.errors import BadUserInput, NotFound


def to_global_id(type_name: str, key: uuid.UUID) -> str:
    return base64.urlsafe_b64encode(f"{type_name}:{key}".encode()).decode().rstrip("=")


def parse_global_id(global_id: str) -> tuple[str, uuid.UUID]:
    """Split an ID into its type and key; BAD_USER_INPUT when it is not one of ours."""
    try:
        padded = global_id + "=" * (-len(global_id) % 4)
        type_name, _, key = base64.urlsafe_b64decode(padded.encode("ascii")).decode().partition(":")
        return type_name, uuid.UUID(key)
    except (ValueError, UnicodeError, binascii.Error):
        raise BadUserInput(f"{global_id[:64]!r} is not a valid ID.") from None


def key_of(global_id: str, type_name: str) -> uuid.UUID:
    """The key of an ID that must name a `type_name`; other types are NOT_FOUND."""
    found_type, key = parse_global_id(global_id)
    if found_type != type_name:
        raise NotFound(f"No {type_name} with this ID.")
    return key
