"""Sending assessments (the provider), answering them (the primary), and scoring."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.assessments.templates import Template, find_template
from app.auth.capabilities import Capability
from app.auth.viewer import Viewer
from app.errors import UserErrorCode, UserInputError
from app.models import Assessment, AssessmentStatus
from app.models.base import utcnow
from app.rooms.service import RoomAccess, require_in_room, row_in_room


async def assessment_for(
    db: AsyncSession, viewer: Viewer, assessment_id: uuid.UUID
) -> tuple[Assessment, RoomAccess]:
    """The assessment and its room as the viewer sees it (see rooms.service.row_in_room)."""
    return await row_in_room(db, viewer, Assessment, assessment_id, "assessment")


async def send_assessment(
    db: AsyncSession, viewer: Viewer, *, room_id: uuid.UUID, template_key: str
) -> Assessment:
    await require_in_room(db, viewer, room_id, Capability.SEND_ASSESSMENT)
    template = find_template(template_key)
    if template is None:
        raise UserInputError(
            UserErrorCode.UNKNOWN_ASSESSMENT_TEMPLATE,
            "Choose one of the templates from `assessmentTemplates`.",
            ["input", "templateKey"],
        )
    assessment = Assessment(
        room_id=room_id,
        template_key=template.key,
        title=template.title,
        measure_key=template.measure.key,
        sent_by_user_id=viewer.user_id,
    )
    db.add(assessment)
    await db.flush()
    return assessment


async def respond_to_assessment(
    db: AsyncSession,
    viewer: Viewer,
    *,
    assessment_id: uuid.UUID,
    answers: Sequence[tuple[str, int]],
) -> Assessment:
    assessment, access = await assessment_for(db, viewer, assessment_id)
    access.require(Capability.RESPOND_TO_ASSESSMENTS)
    if assessment.status == AssessmentStatus.COMPLETED:
        raise _already_answered()
    template = find_template(assessment.template_key)
    assert template is not None, assessment.template_key  # templates are never removed
    values = checked_answers(template, answers)
    now = utcnow()
    # Conditional, so that of two racing responses exactly one is stored.
    stored = await db.scalar(
        update(Assessment)
        .where(
            col(Assessment.id) == assessment.id,
            col(Assessment.status) == AssessmentStatus.SENT,
        )
        .values(
            status=AssessmentStatus.COMPLETED,
            answers=values,
            score=template.score(values),
            completed_at=now,
            completed_by_user_id=viewer.user_id,
        )
        .returning(col(Assessment.id))
    )
    if stored is None:
        raise _already_answered()
    return assessment


def _already_answered() -> UserInputError:
    return UserInputError(
        UserErrorCode.ASSESSMENT_ALREADY_COMPLETED,
        "This assessment has already been answered.",
        ["input", "assessmentId"],
    )


def checked_answers(template: Template, answers: Sequence[tuple[str, int]]) -> dict[str, int]:
    """{question id: value} when every question is answered exactly once, within the scale."""
    questions = {question.id for question in template.questions}
    values: dict[str, int] = {}
    for index, (question_id, value) in enumerate(answers):
        at = ["input", "answers", str(index)]
        if question_id not in questions:
            raise UserInputError(
                UserErrorCode.UNKNOWN_QUESTION,
                f"This assessment has no question {question_id[:64]!r}.",
                [*at, "questionId"],
            )
        if question_id in values:
            raise UserInputError(
                UserErrorCode.DUPLICATE_ANSWER,
                "Answer each question once.",
                [*at, "questionId"],
            )
        if value not in template.values:
            low, high = min(template.values), max(template.values)
            raise UserInputError(
                UserErrorCode.ANSWER_OUT_OF_RANGE,
                f"Choose an answer from {low} to {high}.",
                [*at, "value"],
            )
        values[question_id] = value
    missing = len(questions) - len(values)
    if missing:
        raise UserInputError(
            UserErrorCode.MISSING_ANSWERS,
            f"Answer every question: {missing} of {len(questions)} "
            f"{'is' if missing == 1 else 'are'} unanswered.",
            ["input", "answers"],
        )
    return values
