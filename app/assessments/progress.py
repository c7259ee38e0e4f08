"""The progress tracker: completed assessments' scores over time, one series per measure."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from app.assessments.templates import TEMPLATES, Measure
from app.models import Assessment, AssessmentStatus


@dataclass(frozen=True)
class Point:
    completed_at: datetime
    score: int
    assessment: Assessment


@dataclass(frozen=True)
class Series:
    measure: Measure
    max_score: int
    points: list[Point]


def progress(assessments: Sequence[Assessment]) -> list[Series]:
    """Series for the measures with at least one completed assessment, in catalogue order."""
    completed = sorted(
        (a for a in assessments if a.status == AssessmentStatus.COMPLETED),
        key=lambda a: (a.completed_at, a.id),
    )
    series = []
    for template in TEMPLATES:
        points = [
            Point(a.completed_at, a.score, a)
            for a in completed
            if a.measure_key == template.measure.key
            and a.completed_at is not None
            and a.score is not None
        ]
        if points:
            series.append(Series(template.measure, template.max_score, points))
    return series
