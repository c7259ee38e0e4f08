"""GraphQL types for assessment templates, assessments and the progress tracker."""

from __future__ import annotations

from datetime import datetime

import strawberry

from app.assessments import templates
from app.assessments.progress import Series
from app.assessments.templates import find_template
from app.graphql.ids import to_global_id
from app.graphql.node import Node
from app.graphql.payloads import UserError
from app.models import Assessment as AssessmentRow
from app.models import AssessmentStatus as AssessmentStatusValue

AssessmentStatus = strawberry.enum(
    AssessmentStatusValue,
    name="AssessmentStatus",
    description="SENT: waiting for the primary's answers. COMPLETED: answered and scored.",
)


@strawberry.type(description="One choice on a question's answer scale.")
class AnswerOption:
    value: int = strawberry.field(description="What to send as `AssessmentAnswerInput.value`.")
    label: str = strawberry.field(description="What to show next to it.")


@strawberry.type(description="One question of an assessment template.")
class AssessmentQuestion:
    id: str = strawberry.field(
        description="Stable key within its template; send it as `AssessmentAnswerInput.questionId`."
    )
    prompt: str = strawberry.field(description="The statement or question to show.")
    options: list[AnswerOption] = strawberry.field(
        description="The allowed answers, lowest value first."
    )


@strawberry.type(description="A questionnaire a provider can send to a room.")
class AssessmentTemplate:
    key: str = strawberry.field(description="Send it as `SendAssessmentInput.templateKey`.")
    title: str = strawberry.field(description="Display title.")
    instructions: str = strawberry.field(description="What to show above the questions.")
    measure_key: str = strawberry.field(
        description="The progress-tracker measure its score belongs to."
    )
    max_score: int = strawberry.field(description="The highest possible score (lowest is 0).")
    questions: list[AssessmentQuestion] = strawberry.field(
        description="Every question must be answered exactly once."
    )

    @classmethod
    def from_template(cls, template: templates.Template) -> AssessmentTemplate:
        options = [AnswerOption(value=o.value, label=o.label) for o in template.scale]
        return cls(
            key=template.key,
            title=template.title,
            instructions=template.instructions,
            measure_key=template.measure.key,
            max_score=template.max_score,
            questions=[
                AssessmentQuestion(id=q.id, prompt=q.prompt, options=options)
                for q in template.questions
            ],
        )


@strawberry.type(description="One answer given to an assessment.")
class AssessmentAnswer:
    question_id: str = strawberry.field(description="The question's `id`.")
    value: int = strawberry.field(description="The chosen option's `value`.")


@strawberry.type(
    description="An assessment the provider sent to the room. Readable by the primary and "
    "the provider (FORBIDDEN for the partner); only the primary answers it, once."
)
class Assessment(Node):
    template_key: str = strawberry.field(description="The template it was sent from.")
    title: str = strawberry.field(description="Display title.")
    status: AssessmentStatus = strawberry.field(description="SENT or COMPLETED.")  # type: ignore[valid-type]
    sent_at: datetime = strawberry.field(description="When the provider sent it.")
    completed_at: datetime | None = strawberry.field(
        description="When it was answered; null while SENT."
    )
    score: int | None = strawberry.field(
        description="The score (sum of the answers' values); null while SENT."
    )
    row: strawberry.Private[AssessmentRow]

    @classmethod
    def from_row(cls, row: AssessmentRow) -> Assessment:
        return cls(
            id=strawberry.ID(to_global_id("Assessment", row.id)),
            template_key=row.template_key,
            title=row.title,
            status=row.status,
            sent_at=row.sent_at,
            completed_at=row.completed_at,
            score=row.score,
            row=row,
        )

    @strawberry.field(description="The questions to answer, with their answer scales.")
    def template(self) -> AssessmentTemplate:
        template = find_template(self.row.template_key)
        assert template is not None
        return AssessmentTemplate.from_template(template)

    @strawberry.field(description="The answers, in question order; null while SENT.")
    def answers(self) -> list[AssessmentAnswer] | None:
        given = self.row.answers
        template = find_template(self.row.template_key)
        if given is None or template is None:
            return None
        return [
            AssessmentAnswer(question_id=q.id, value=given[q.id])
            for q in template.questions
            if q.id in given
        ]


@strawberry.type(description="One score on the progress tracker.")
class ProgressPoint:
    completed_at: datetime = strawberry.field(description="When the assessment was answered.")
    score: int = strawberry.field(description="Its score.")
    assessment_id: strawberry.ID = strawberry.field(description="The assessment it came from.")


@strawberry.type(description="One measure's scores over time, oldest first.")
class MeasureProgress:
    key: str = strawberry.field(description="Stable measure key, e.g. `wellbeing`.")
    title: str = strawberry.field(description="Display name of the measure.")
    max_score: int = strawberry.field(description="Top of the chart's scale (bottom is 0).")
    points: list[ProgressPoint] = strawberry.field(description="Scores, oldest first.")

    @classmethod
    def from_series(cls, series: Series) -> MeasureProgress:
        return cls(
            key=series.measure.key,
            title=series.measure.title,
            max_score=series.max_score,
            points=[
                ProgressPoint(
                    completed_at=point.completed_at,
                    score=point.score,
                    assessment_id=strawberry.ID(to_global_id("Assessment", point.assessment.id)),
                )
                for point in series.points
            ],
        )


@strawberry.type(
    description="Scores of completed assessments over time, per measure. Readable by the "
    "primary and the provider (FORBIDDEN for the partner)."
)
class ProgressTracker:
    measures: list[MeasureProgress] = strawberry.field(
        description="Measures with at least one completed assessment, in catalogue order."
    )


@strawberry.input(description="Send an assessment to a room (the room's provider only).")
class SendAssessmentInput:
    room_id: strawberry.ID = strawberry.field(description="The room.")
    template_key: str = strawberry.field(description="`key` of one of `assessmentTemplates`.")


@strawberry.input(description="One answer: a question and the chosen option's value.")
class AssessmentAnswerInput:
    question_id: str = strawberry.field(description="`AssessmentQuestion.id`.")
    value: int = strawberry.field(description="`AnswerOption.value` of the chosen option.")


@strawberry.input(description="Answer an assessment (the primary only, once).")
class RespondToAssessmentInput:
    assessment_id: strawberry.ID = strawberry.field(description="A SENT assessment.")
    answers: list[AssessmentAnswerInput] = strawberry.field(
        description="Every question of its template, each exactly once."
    )


@strawberry.type(description="Result of sendAssessment.")
class SendAssessmentPayload:
    assessment: Assessment | None = strawberry.field(
        description="The new SENT assessment; null on userErrors."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why nothing happened; empty on success."
    )


@strawberry.type(description="Result of respondToAssessment.")
class RespondToAssessmentPayload:
    assessment: Assessment | None = strawberry.field(
        description="The COMPLETED assessment with its score; null on userErrors."
    )
    user_errors: list[UserError] = strawberry.field(
        description="Why nothing was stored; empty on success."
    )
