"""The assessments Tandem ships: questions, answer scales and scoring rules, as data.

Templates are never removed or renumbered: stored assessments refer to them by key and
to their questions by id. A new version of a questionnaire gets a new key.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Scoring(StrEnum):
    SUM = "SUM"


@dataclass(frozen=True)
class Option:
    value: int
    label: str


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str


@dataclass(frozen=True)
class Measure:
    """What a template's score tracks over time in the progress tracker."""

    key: str
    title: str


@dataclass(frozen=True)
class Template:
    key: str
    title: str
    instructions: str
    measure: Measure
    scale: tuple[Option, ...]
    questions: tuple[Question, ...]
    scoring: Scoring = Scoring.SUM

    @property
    def values(self) -> frozenset[int]:
        return frozenset(option.value for option in self.scale)

    @property
    def max_score(self) -> int:
        return self.score({question.id: max(self.values) for question in self.questions})

    def score(self, answers: Mapping[str, int]) -> int:
        if self.scoring is Scoring.SUM:
            return sum(answers[question.id] for question in self.questions)
        raise AssertionError(self.scoring)


_AGREEMENT = (
    Option(0, "Not at all"),
    Option(1, "A little"),
    Option(2, "Somewhat"),
    Option(3, "Mostly"),
    Option(4, "Very much"),
    Option(5, "Completely"),
)

_FREQUENCY = (
    Option(0, "At no time"),
    Option(1, "Some of the time"),
    Option(2, "Less than half of the time"),
    Option(3, "More than half of the time"),
    Option(4, "Most of the time"),
    Option(5, "All of the time"),
)

RELATIONSHIP_CHECK_IN = Template(
    key="relationship-check-in",
    title="Relationship check-in",
    instructions="Thinking about your relationship over the past two weeks, "
    "how much does each statement describe it?",
    measure=Measure("relationship-satisfaction", "Relationship satisfaction"),
    scale=_AGREEMENT,
    questions=(
        Question("overall", "Overall, I am satisfied with our relationship."),
        Question("closeness", "I feel close and connected to my partner."),
        Question("listening", "My partner listens to me when I need to talk."),
        Question("conflict", "We handle disagreements in a way that feels fair."),
        Question("future", "I feel hopeful about our future together."),
    ),
)

WELLBEING_CHECK_IN = Template(
    key="wellbeing-check-in",
    title="Wellbeing check-in",
    instructions="Over the past two weeks, how often has each statement been true for you?",
    measure=Measure("wellbeing", "Wellbeing"),
    scale=_FREQUENCY,
    questions=(
        Question("cheerful", "I have felt cheerful and in good spirits."),
        Question("calm", "I have felt calm and relaxed."),
        Question("active", "I have felt active and vigorous."),
        Question("rested", "I woke up feeling fresh and rested."),
        Question("interest", "My daily life has been filled with things that interest me."),
    ),
)

TEMPLATES: tuple[Template, ...] = (RELATIONSHIP_CHECK_IN, WELLBEING_CHECK_IN)
_BY_KEY = {template.key: template for template in TEMPLATES}


def find_template(key: str) -> Template | None:
    return _BY_KEY.get(key)
