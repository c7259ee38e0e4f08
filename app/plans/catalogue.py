"""The plans Tandem offers. `migrate` writes them to the `plans` table."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

_NAMESPACE = uuid.UUID("6f6c1c52-4c1e-4f7e-9c55-2b1d3f7a0c11")


@dataclass(frozen=True)
class PlanEntry:
    key: str
    name: str
    includes: tuple[str, ...]

    @property
    def id(self) -> uuid.UUID:
        return uuid.uuid5(_NAMESPACE, self.key)


CATALOGUE: tuple[PlanEntry, ...] = (
    PlanEntry(
        "individual",
        "Individual Therapy",
        (
            "Unlimited messaging with your therapist",
            "Weekly live video sessions",
            "Assessments and a progress tracker",
            "Superbills for out-of-network reimbursement",
        ),
    ),
    PlanEntry(
        "couples",
        "Couples Therapy",
        (
            "A shared room for you and your partner",
            "Unlimited messaging with your couples therapist",
            "Joint live video sessions, each partner on their own device",
            "Relationship check-ins and a progress tracker",
            "Superbills for out-of-network reimbursement",
        ),
    ),
    PlanEntry(
        "couples-plus",
        "Couples Therapy Plus",
        (
            "A shared room for you and your partner",
            "Unlimited messaging with your couples therapist",
            "Weekly joint live video sessions, each partner on their own device",
            "Relationship check-ins and a progress tracker",
            "Superbills for out-of-network reimbursement",
            "Priority scheduling",
        ),
    ),
)
