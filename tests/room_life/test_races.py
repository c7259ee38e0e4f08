"""Racing requests: exactly one wins, the others get a clear userError."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from app.db import Database
from app.models.base import utcnow
from tests.support.api import Api
from tests.support.room_life import cast_of_couples_room

RESPOND = """
mutation($i: RespondToAssessmentInput!) {
  respondToAssessment(input: $i) { assessment { score } userErrors { code } }
}
"""
SCHEDULE = """
mutation($i: ScheduleLiveSessionInput!) {
  scheduleLiveSession(input: $i) { liveSession { id } userErrors { code } }
}
"""
QUESTIONS = ["cheerful", "calm", "active", "rested", "interest"]


async def test_two_answers_at_once_store_one(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    sent = await api.ok(
        "mutation($i: SendAssessmentInput!) { sendAssessment(input: $i) { assessment { id } } }",
        {"i": {"roomId": cast.room_id, "templateKey": "wellbeing-check-in"}},
        token=cast.provider.token,
    )
    assessment_id = sent["sendAssessment"]["assessment"]["id"]

    results = await asyncio.gather(
        *(
            api.run(
                RESPOND,
                {
                    "i": {
                        "assessmentId": assessment_id,
                        "answers": [{"questionId": q, "value": value} for q in QUESTIONS],
                    }
                },
                token=cast.primary.token,
            )
            for value in range(6)
        )
    )

    assert all(r.errors == [] for r in results), [r.body for r in results]
    payloads = [r.data["respondToAssessment"] for r in results]
    assert (
        sorted(str(p["userErrors"]) for p in payloads)
        == ["[]"] + ["[{'code': 'ASSESSMENT_ALREADY_COMPLETED'}]"] * 5
    )
    stored = await api.ok(
        "query($id: ID!) { room(id: $id) { assessments { score } } }",
        {"id": cast.room_id},
        token=cast.primary.token,
    )
    winner = next(p["assessment"]["score"] for p in payloads if p["assessment"])
    assert stored["room"]["assessments"] == [{"score": winner}]


async def test_two_overlapping_schedules_at_once_keep_one(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    start = utcnow() + timedelta(days=3)

    results = await asyncio.gather(
        *(
            api.run(
                SCHEDULE,
                {
                    "i": {
                        "roomId": cast.room_id,
                        "startsAt": (start + timedelta(minutes=offset)).isoformat(),
                        "durationMinutes": 60,
                    }
                },
                token=cast.primary.token,
            )
            for offset in range(0, 50, 5)
        )
    )

    assert all(r.errors == [] for r in results), [r.body for r in results]
    codes = sorted(str(r.data["scheduleLiveSession"]["userErrors"]) for r in results)
    assert codes == ["[]"] + ["[{'code': 'LIVE_SESSION_OVERLAP'}]"] * 9
