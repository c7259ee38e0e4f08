"""A live session's status and join window, derived from what is stored and the clock."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from app.models import LiveSession, LiveSessionState

# Joining opens this long before the start (time to test camera and sound) and closes at the end.
JOIN_OPENS_BEFORE = timedelta(minutes=10)


class LiveSessionStatus(StrEnum):
    SCHEDULED = "SCHEDULED"
    CANCELLED = "CANCELLED"
    COMPLETED = "COMPLETED"


def status_of(session: LiveSession, now: datetime) -> LiveSessionStatus:
    if session.state == LiveSessionState.CANCELLED:
        return LiveSessionStatus.CANCELLED
    if session.ends_at <= now:
        return LiveSessionStatus.COMPLETED
    return LiveSessionStatus.SCHEDULED


def can_join_now(session: LiveSession, now: datetime) -> bool:
    return (
        session.state == LiveSessionState.SCHEDULED
        and session.starts_at - JOIN_OPENS_BEFORE <= now < session.ends_at
    )
