"""DateTime inputs must carry their UTC offset (the contract); naive ones are malformed."""

from __future__ import annotations

from datetime import UTC, datetime

from app.errors import BadUserInput


def with_offset(value: datetime, name: str) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise BadUserInput(f"`{name}` needs an explicit UTC offset, e.g. 2030-01-31T18:00:00Z.")
    return value.astimezone(UTC)
