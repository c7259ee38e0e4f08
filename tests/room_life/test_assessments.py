"""Assessments: the provider sends, the primary answers once, scores feed the progress tracker."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import col

from app.assessments.templates import RELATIONSHIP_CHECK_IN, WELLBEING_CHECK_IN
from app.db import Database
from app.graphql.ids import key_of
from app.models import Assessment, AssessmentStatus
from tests.support.api import Api, table_counts
from tests.support.people import sign_up
from tests.support.room_life import Cast, cast_of_couples_room

TEMPLATES = """
{ assessmentTemplates { key title instructions measureKey maxScore
    questions { id prompt options { value label } } } }
"""
SEND = """
mutation($i: SendAssessmentInput!) {
  sendAssessment(input: $i) {
    assessment { id templateKey title status sentAt completedAt score }
    userErrors { code field message }
  }
}
"""
RESPOND = """
mutation($i: RespondToAssessmentInput!) {
  respondToAssessment(input: $i) {
    assessment { id status completedAt score answers { questionId value } }
    userErrors { code field message }
  }
}
"""
ROOM = """
query($id: ID!) {
  room(id: $id) {
    assessments { id title status score template { questions { id } } }
    progressTracker { measures { key title maxScore points { score completedAt assessmentId } } }
  }
}
"""
WELLBEING = [q.id for q in WELLBEING_CHECK_IN.questions]


async def send(api: Api, cast: Cast, template_key: str = "wellbeing-check-in") -> dict[str, Any]:
    data = await api.ok(
        SEND,
        {"i": {"roomId": cast.room_id, "templateKey": template_key}},
        token=cast.provider.token,
    )
    return dict(data["sendAssessment"])


async def respond(
    api: Api, cast: Cast, assessment_id: str, answers: list[tuple[str, int]]
) -> dict[str, Any]:
    data = await api.ok(
        RESPOND,
        {
            "i": {
                "assessmentId": assessment_id,
                "answers": [{"questionId": q, "value": v} for q, v in answers],
            }
        },
        token=cast.primary.token,
    )
    return dict(data["respondToAssessment"])


async def test_templates_are_shipped_with_their_questions_and_scales(api: Api) -> None:
    person = await sign_up(api)

    templates = (await api.ok(TEMPLATES, token=person.token))["assessmentTemplates"]
    anonymous = await api.fails(TEMPLATES)

    by_key = {t["key"]: t for t in templates}
    assert set(by_key) == {"relationship-check-in", "wellbeing-check-in"}
    for template in templates:
        assert 4 <= len(template["questions"]) <= 6
        for question in template["questions"]:
            assert [o["value"] for o in question["options"]] == [0, 1, 2, 3, 4, 5]
        assert template["maxScore"] == 5 * len(template["questions"])
    assert by_key["wellbeing-check-in"]["measureKey"] == "wellbeing"
    assert by_key["relationship-check-in"]["measureKey"] == "relationship-satisfaction"
    assert anonymous["extensions"]["code"] == "UNAUTHENTICATED"


async def test_the_provider_sends_and_the_primary_answers(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)

    sent = await send(api, cast)
    assessment = sent["assessment"]
    answers = list(zip(WELLBEING, [5, 4, 3, 2, 1], strict=True))
    answered = await respond(api, cast, assessment["id"], answers)

    assert sent["userErrors"] == []
    assert (assessment["status"], assessment["score"], assessment["completedAt"]) == (
        "SENT",
        None,
        None,
    )
    assert assessment["title"] == "Wellbeing check-in"
    assert answered["userErrors"] == []
    done = answered["assessment"]
    assert (done["status"], done["score"]) == ("COMPLETED", 15)
    assert done["completedAt"] is not None
    assert done["answers"] == [{"questionId": q, "value": v} for q, v in answers]
    for token in [cast.primary.token, cast.provider.token]:
        room = (await api.ok(ROOM, {"id": cast.room_id}, token=token))["room"]
        assert [(a["id"], a["status"], a["score"]) for a in room["assessments"]] == [
            (assessment["id"], "COMPLETED", 15)
        ]
        [measure] = room["progressTracker"]["measures"]
        assert (measure["key"], measure["maxScore"]) == ("wellbeing", 25)
        assert measure["points"] == [
            {"score": 15, "completedAt": done["completedAt"], "assessmentId": assessment["id"]}
        ]


async def test_the_tracker_follows_each_measure_over_time(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    relationship = [q.id for q in RELATIONSHIP_CHECK_IN.questions]
    scores = []
    for values in [[1, 1, 1, 1, 1], [2, 2, 2, 3, 3], [4, 4, 5, 5, 5]]:
        sent = await send(api, cast)
        await respond(
            api, cast, sent["assessment"]["id"], list(zip(WELLBEING, values, strict=True))
        )
        scores.append(sum(values))
    check_in = await send(api, cast, "relationship-check-in")
    await respond(api, cast, check_in["assessment"]["id"], [(q, 3) for q in relationship])
    await send(api, cast)  # still unanswered: not on the tracker

    room = (await api.ok(ROOM, {"id": cast.room_id}, token=cast.provider.token))["room"]

    measures = {m["key"]: m for m in room["progressTracker"]["measures"]}
    assert list(measures) == ["relationship-satisfaction", "wellbeing"]
    assert [p["score"] for p in measures["wellbeing"]["points"]] == scores
    times = [p["completedAt"] for p in measures["wellbeing"]["points"]]
    assert times == sorted(times)
    assert [p["score"] for p in measures["relationship-satisfaction"]["points"]] == [15]
    assert [a["status"] for a in room["assessments"]] == ["SENT"] + ["COMPLETED"] * 4


async def test_an_unknown_template_is_refused(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    before = await table_counts(database)

    payload = await send(api, cast, "phq-9")

    assert payload["assessment"] is None
    [error] = payload["userErrors"]
    assert (error["code"], error["field"]) == (
        "UNKNOWN_ASSESSMENT_TEMPLATE",
        ["input", "templateKey"],
    )
    assert await table_counts(database) == before


async def _still_unanswered(database: Database, assessment_id: str) -> None:
    async with database.sessions() as db:
        row = (
            await db.execute(
                select(Assessment).where(col(Assessment.id) == key_of(assessment_id, "Assessment"))
            )
        ).scalar_one()
    assert (row.status, row.answers, row.score, row.completed_at) == (
        AssessmentStatus.SENT,
        None,
        None,
        None,
    )


async def test_answers_must_cover_every_question_once_within_the_scale(
    api: Api, database: Database
) -> None:
    cast = await cast_of_couples_room(api, database)
    assessment_id = (await send(api, cast))["assessment"]["id"]
    full = [(q, 3) for q in WELLBEING]
    cases: list[tuple[list[tuple[str, int]], str, list[str]]] = [
        (full[:4], "MISSING_ANSWERS", ["input", "answers"]),
        ([], "MISSING_ANSWERS", ["input", "answers"]),
        ([*full[:4], (WELLBEING[4], 6)], "ANSWER_OUT_OF_RANGE", ["input", "answers", "4", "value"]),
        (
            [(WELLBEING[0], -1), *full[1:]],
            "ANSWER_OUT_OF_RANGE",
            ["input", "answers", "0", "value"],
        ),
        ([*full, ("sleep", 2)], "UNKNOWN_QUESTION", ["input", "answers", "5", "questionId"]),
        (
            [*full[:2], full[1], *full[2:]],
            "DUPLICATE_ANSWER",
            ["input", "answers", "2", "questionId"],
        ),
    ]

    for answers, code, field in cases:
        before = await table_counts(database)
        payload = await respond(api, cast, assessment_id, answers)
        assert payload["assessment"] is None
        assert [(e["code"], e["field"]) for e in payload["userErrors"]] == [(code, field)], answers
        assert await table_counts(database) == before
        await _still_unanswered(database, assessment_id)
    assert (
        "1 of 5 is unanswered"
        in (await respond(api, cast, assessment_id, full[:4]))["userErrors"][0]["message"]
    )


async def test_an_assessment_is_answered_only_once(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    assessment_id = (await send(api, cast))["assessment"]["id"]
    await respond(api, cast, assessment_id, [(q, 2) for q in WELLBEING])
    before = await table_counts(database)

    again = await respond(api, cast, assessment_id, [(q, 5) for q in WELLBEING])

    assert again["assessment"] is None
    assert [(e["code"], e["field"]) for e in again["userErrors"]] == [
        ("ASSESSMENT_ALREADY_COMPLETED", ["input", "assessmentId"])
    ]
    assert await table_counts(database) == before
    room = (await api.ok(ROOM, {"id": cast.room_id}, token=cast.primary.token))["room"]
    assert [a["score"] for a in room["assessments"]] == [10]
