"""GraphQL types for superbills."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

import strawberry

from app.graphql.ids import to_global_id
from app.graphql.node import Node
from app.graphql.payloads import UserError
from app.models import Superbill as SuperbillRow
from app.models import SuperbillStatus as SuperbillStatusValue

SuperbillStatus = strawberry.enum(
    SuperbillStatusValue,
    name="SuperbillStatus",
    description="READY: issued and complete; superbills are produced at once when requested.",
)


@strawberry.type(description="One billed service: a completed live session.")
class SuperbillLineItem:
    service_date: date = strawberry.field(description="The session's date (UTC).")
    duration_minutes: int = strawberry.field(description="Its length in minutes.")
    provider_name: str = strawberry.field(description="The therapist who led it.")
    service_code: str = strawberry.field(
        description="CPT code: 90847 for couples sessions; 90832/90834/90837 for individual "
        "sessions of 30/45/60 minutes."
    )
    service_description: str = strawberry.field(description="The code's description.")
    fee_cents: int = strawberry.field(description="The fee, in cents of `Superbill.currency`.")
    live_session_id: strawberry.ID = strawberry.field(description="The live session billed.")

    @classmethod
    def from_stored(cls, item: dict[str, Any]) -> SuperbillLineItem:
        return cls(
            service_date=date.fromisoformat(item["service_date"]),
            duration_minutes=item["duration_minutes"],
            provider_name=item["provider_name"],
            service_code=item["service_code"],
            service_description=item["service_description"],
            fee_cents=item["fee_cents"],
            live_session_id=strawberry.ID(
                to_global_id("LiveSession", uuid.UUID(item["live_session_id"]))
            ),
        )


@strawberry.type(
    description="An itemised statement of completed live sessions, for claiming "
    "out-of-network reimbursement. Frozen when issued. Only the primary sees superbills."
)
class Superbill(Node):
    period_start: date = strawberry.field(description="First day covered (UTC), included.")
    period_end: date = strawberry.field(description="Last day covered (UTC), included.")
    status: SuperbillStatus = strawberry.field(description="READY.")  # type: ignore[valid-type]
    requested_at: datetime = strawberry.field(description="When it was requested and issued.")
    line_items: list[SuperbillLineItem] = strawberry.field(
        description="Completed live sessions in the period, oldest first."
    )
    total_cents: int = strawberry.field(description="Sum of the line items' fees, in cents.")
    currency: str = strawberry.field(description="ISO 4217 currency of the amounts, e.g. USD.")

    @classmethod
    def from_row(cls, row: SuperbillRow) -> Superbill:
        return cls(
            id=strawberry.ID(to_global_id("Superbill", row.id)),
            period_start=row.period_start,
            period_end=row.period_end,
            status=row.status,
            requested_at=row.requested_at,
            line_items=[SuperbillLineItem.from_stored(item) for item in row.line_items],
            total_cents=row.total_cents,
            currency=row.currency,
        )


@strawberry.input(description="Request a superbill for a period (the primary only).")
class RequestSuperbillInput:
    room_id: strawberry.ID = strawberry.field(description="The room.")
    period_start: date = strawberry.field(description="First day (UTC), included.")
    period_end: date = strawberry.field(
        description="Last day (UTC), included: today at the latest, and less than 12 months "
        "after `periodStart`."
    )


@strawberry.type(description="Result of requestSuperbill.")
class RequestSuperbillPayload:
    superbill: Superbill | None = strawberry.field(
        description="The issued superbill; null on userErrors."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why nothing was issued; empty on success."
    )
