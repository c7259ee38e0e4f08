"""Assessment queries and mutations: parse input, call the service, map the result."""

from __future__ import annotations

from app.assessments import service
from app.assessments.progress import progress
from app.assessments.templates import TEMPLATES
from app.assessments.types import (
    Assessment,
    AssessmentTemplate,
    MeasureProgress,
    ProgressTracker,
    RespondToAssessmentInput,
    RespondToAssessmentPayload,
    SendAssessmentInput,
    SendAssessmentPayload,
)
from app.graphql.context import Info
from app.graphql.ids import key_of
from app.graphql.payloads import attempt
from app.rooms.service import RoomAccess


def assessment_templates(info: Info) -> list[AssessmentTemplate]:
    info.context.require_viewer()
    return [AssessmentTemplate.from_template(template) for template in TEMPLATES]


async def room_assessments(info: Info, access: RoomAccess) -> list[Assessment]:
    rows = await info.context.loaders.assessments.load(access.room.id)
    return [Assessment.from_row(row) for row in rows]


async def room_progress_tracker(info: Info, access: RoomAccess) -> ProgressTracker:
    rows = await info.context.loaders.assessments.load(access.room.id)
    return ProgressTracker(measures=[MeasureProgress.from_series(s) for s in progress(rows)])


async def send_assessment(info: Info, input: SendAssessmentInput) -> SendAssessmentPayload:
    ctx = info.context
    viewer = ctx.require_viewer()
    room_id = key_of(input.room_id, "Room")
    result = await attempt(
        info,
        lambda: service.send_assessment(
            ctx.db, viewer, room_id=room_id, template_key=input.template_key
        ),
    )
    if isinstance(result, list):
        return SendAssessmentPayload(assessment=None, user_errors=result)
    return SendAssessmentPayload(assessment=Assessment.from_row(result), user_errors=[])


async def respond_to_assessment(
    info: Info, input: RespondToAssessmentInput
) -> RespondToAssessmentPayload:
    ctx = info.context
    viewer = ctx.require_viewer()
    assessment_id = key_of(input.assessment_id, "Assessment")
    answers = [(answer.question_id, answer.value) for answer in input.answers]
    result = await attempt(
        info,
        lambda: service.respond_to_assessment(
            ctx.db, viewer, assessment_id=assessment_id, answers=answers
        ),
    )
    if isinstance(result, list):
        return RespondToAssessmentPayload(assessment=None, user_errors=result)
    return RespondToAssessmentPayload(assessment=Assessment.from_row(result), user_errors=[])
