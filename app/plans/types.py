"""GraphQL types for the plan catalogue and enrolments."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry

from app.graphql.context import Info
from app.graphql.ids import to_global_id
from app.graphql.node import Node
from app.graphql.payloads import UserError
from app.models import Coverage as CoverageValue
from app.models import Plan as PlanRow
from app.models import Subscription as SubscriptionRow

if TYPE_CHECKING:
    from app.rooms.types import Room

Coverage = strawberry.enum(
    CoverageValue,
    name="Coverage",
    description="Who pays: the person (SELF_PAY), their insurance, or their employer's benefits.",
)


@strawberry.type(description="A plan a person can enroll in. Public: no sign-in needed.")
class Plan(Node):
    name: str = strawberry.field(description='Display name; couples plans contain "Couples".')
    is_couples: bool = strawberry.field(
        description="True when enrolling opens a COUPLES room that a partner can join."
    )
    includes: list[str] = strawberry.field(
        description="What the plan gives, one line each, in display order "
        '(answers "what is included in my plan").'
    )

    @classmethod
    def from_row(cls, row: PlanRow) -> Plan:
        return cls(
            id=strawberry.ID(to_global_id("Plan", row.id)),
            name=row.name,
            is_couples=row.is_couples,
            includes=list(row.includes),
        )


@strawberry.type(description="A person's enrolment in a plan. Visible to that person only.")
class Subscription(Node):
    coverage: Coverage = strawberry.field(description="How the plan is paid for.")  # type: ignore[valid-type]
    started_at: datetime = strawberry.field(description="When the person enrolled.")
    row: strawberry.Private[SubscriptionRow]

    @classmethod
    def from_row(cls, row: SubscriptionRow) -> Subscription:
        return cls(
            id=strawberry.ID(to_global_id("Subscription", row.id)),
            coverage=row.coverage,
            started_at=row.started_at,
            row=row,
        )

    @strawberry.field(description="The plan enrolled in.")
    async def plan(self, info: Info) -> Plan:
        row = await info.context.loaders.plans.load(self.row.plan_id)
        assert row is not None
        return Plan.from_row(row)


@strawberry.input(description="Enroll the viewer in a plan.")
class EnrollInPlanInput:
    plan_id: strawberry.ID = strawberry.field(description="ID of a Plan from `plans`.")
    coverage: Coverage = strawberry.field(description="How the plan is paid for.")  # type: ignore[valid-type]


@strawberry.type(description="Result of enrollInPlan.")
class EnrollInPlanPayload:
    subscription: Subscription | None = strawberry.field(description="The new enrolment.")
    room: Annotated[Room, strawberry.lazy("app.rooms.types")] | None = strawberry.field(
        description="The room the plan opened, with its provider; the viewer is its PRIMARY."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why nothing happened; empty on success."
    )
