"""GraphQL types for live sessions."""

from __future__ import annotations

from datetime import datetime

import strawberry

from app.graphql.context import Context
from app.graphql.ids import to_global_id
from app.graphql.node import Node
from app.graphql.payloads import UserError
from app.live_sessions.join_links import join_url
from app.live_sessions.status import LiveSessionStatus as LiveSessionStatusValue
from app.live_sessions.status import can_join_now, status_of
from app.models import LiveSession as LiveSessionRow
from app.models.base import utcnow

LiveSessionStatus = strawberry.enum(
    LiveSessionStatusValue,
    name="LiveSessionStatus",
    description="SCHEDULED: still to come, or under way. CANCELLED: called off by the primary. "
    "COMPLETED: its end has passed without it being cancelled.",
)


@strawberry.type(
    description="A live video session in a room. Both partners and the provider attend, "
    "each from their own device with their own `joinUrl`."
)
class LiveSession(Node):
    starts_at: datetime = strawberry.field(description="When it starts.")
    ends_at: datetime = strawberry.field(description="When it ends: start plus duration.")
    duration_minutes: int = strawberry.field(description="Length in minutes: 30, 45 or 60.")
    status: LiveSessionStatus = strawberry.field(  # type: ignore[valid-type]
        description="SCHEDULED, CANCELLED or COMPLETED, as of this request."
    )
    # Computed when the row is read, for the viewer of this request: plain attributes, so
    # a room with many sessions costs no resolver call per field (see scripts/bench).
    join_url: str | None = strawberry.field(
        description="The viewer's own link into the video call: every participant gets a "
        "different one, so do not share it. Null once the session is cancelled or completed."
    )
    can_join_now: bool = strawberry.field(
        description="True from 10 minutes before the start until the end, unless cancelled: "
        "show the Join button then."
    )
    row: strawberry.Private[LiveSessionRow]

    @classmethod
    def from_row(cls, row: LiveSessionRow, context: Context) -> LiveSession:
        now = utcnow()
        status = status_of(row, now)
        viewer = context.require_viewer()
        return cls(
            id=strawberry.ID(to_global_id("LiveSession", row.id)),
            starts_at=row.starts_at,
            ends_at=row.ends_at,
            duration_minutes=row.duration_minutes,
            status=status,
            join_url=join_url(context.settings, row.id, viewer.user_id)
            if status == LiveSessionStatusValue.SCHEDULED
            else None,
            can_join_now=can_join_now(row, now),
            row=row,
        )


@strawberry.input(description="Schedule a live session in a room (primary only).")
class ScheduleLiveSessionInput:
    room_id: strawberry.ID = strawberry.field(description="The room.")
    starts_at: datetime = strawberry.field(
        description="Start, in the future, with an explicit UTC offset."
    )
    duration_minutes: int = strawberry.field(description="30, 45 or 60.")


@strawberry.input(description="Cancel a scheduled live session (primary only).")
class CancelLiveSessionInput:
    live_session_id: strawberry.ID = strawberry.field(
        description="A session that has not started yet."
    )


@strawberry.type(description="Result of scheduleLiveSession.")
class ScheduleLiveSessionPayload:
    live_session: LiveSession | None = strawberry.field(
        description="The new session; null on userErrors."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why nothing happened; empty on success."
    )


@strawberry.type(description="Result of cancelLiveSession.")
class CancelLiveSessionPayload:
    live_session: LiveSession | None = strawberry.field(
        description="The session, now CANCELLED; null on userErrors."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why nothing happened; empty on success."
    )
