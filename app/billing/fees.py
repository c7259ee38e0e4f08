"""What a completed live session is billed as: its service code and fee.

Couples rooms bill 90847 (conjoint psychotherapy, both partners present). Individual
rooms bill the psychotherapy code for the session's length (90832, 90834, 90837), as
insurers expect the code to match the time spent.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.models import RoomKind


@dataclass(frozen=True)
class ServiceCode:
    code: str
    description: str


CONJOINT = ServiceCode(
    "90847", "Family psychotherapy (conjoint psychotherapy) with patient present"
)
INDIVIDUAL_BY_DURATION = {
    30: ServiceCode("90832", "Psychotherapy, 30 minutes with patient"),
    45: ServiceCode("90834", "Psychotherapy, 45 minutes with patient"),
    60: ServiceCode("90837", "Psychotherapy, 60 minutes with patient"),
}
# Fee per session, in US cents, by length in minutes.
FEES_CENTS = {30: 9_000, 45: 12_500, 60: 15_000}
CURRENCY = "USD"


def service_code(kind: RoomKind, duration_minutes: int) -> ServiceCode:
    if kind == RoomKind.COUPLES:
        return CONJOINT
    return INDIVIDUAL_BY_DURATION[duration_minutes]


def fee_cents(duration_minutes: int) -> int:
    return FEES_CENTS[duration_minutes]
