"""Plan catalogue and enrolment."""

from __future__ import annotations

from app.auth.capabilities import RoomRole
from app.graphql.context import Info
from app.graphql.ids import parse_global_id
from app.graphql.payloads import attempt
from app.plans import service
from app.plans.types import EnrollInPlanInput, EnrollInPlanPayload, Plan, Subscription
from app.rooms.service import RoomAccess
from app.rooms.types import Room


async def plans(info: Info) -> list[Plan]:
    return [Plan.from_row(row) for row in await service.list_plans(info.context.db)]


async def enroll_in_plan(info: Info, input: EnrollInPlanInput) -> EnrollInPlanPayload:
    ctx = info.context
    viewer = ctx.require_viewer()
    type_name, key = parse_global_id(input.plan_id)
    result = await attempt(
        info,
        lambda: service.enroll_in_plan(
            ctx.db, viewer, plan_id=key if type_name == "Plan" else None, coverage=input.coverage
        ),
    )
    if isinstance(result, list):
        return EnrollInPlanPayload(subscription=None, room=None, user_errors=result)
    subscription, room = result
    return EnrollInPlanPayload(
        subscription=Subscription.from_row(subscription),
        room=Room.from_access(RoomAccess(room, RoomRole.PRIMARY, has_partner=False)),
        user_errors=[],
    )
