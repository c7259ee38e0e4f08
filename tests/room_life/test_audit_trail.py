"""The audit trail: reads of restricted fields and room mutations, allowed or denied, append-only.

It records who, which room, what and the outcome; never bodies, answers, scores or tokens.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.db import Database
from app.graphql.ids import key_of
from app.models import AuditEvent, AuditOutcome
from tests.support.api import Api
from tests.support.room_life import Cast, audit_events, audit_events_since, cast_of_couples_room

SECRET_BODY = "We argued about the money again, the 4th time this month."


def _summary(events: list[AuditEvent]) -> list[tuple[str, AuditOutcome, str | None]]:
    return [(e.action, e.outcome, e.code) for e in events]


def _values(event: AuditEvent) -> str:
    return " ".join(str(getattr(event, name)) for name in AuditEvent.model_fields)


def _actor(cast: Cast, who: str) -> object:
    return key_of(getattr(cast, who).id, "User")


async def test_reads_of_restricted_fields_are_recorded_allowed_or_denied(
    api: Api, database: Database
) -> None:
    cast = await cast_of_couples_room(api, database)
    before = await audit_events(database)
    query = (
        "query($id: ID!) { room(id: $id) "
        "{ kind liveSessions { id } progressTracker { measures { key } } } }"
    )

    await api.ok(query, {"id": cast.room_id}, token=cast.primary.token)
    await api.run(query, {"id": cast.room_id}, token=cast.secondary.token)

    added = await audit_events_since(database, before)
    assert _summary(added) == [
        ("Room.progressTracker", AuditOutcome.ALLOWED, None),
        ("Room.progressTracker", AuditOutcome.DENIED, "FORBIDDEN"),
    ]
    assert [e.actor_user_id for e in added] == [_actor(cast, "primary"), _actor(cast, "secondary")]
    assert {e.room_id for e in added} == {cast.room_key}


async def test_room_mutations_are_recorded_and_refusals_survive_the_rollback(
    api: Api, database: Database
) -> None:
    cast = await cast_of_couples_room(api, database)
    send = "mutation($i: SendMessageInput!) { sendMessage(input: $i) { userErrors { code } } }"
    superbill = (
        "mutation($i: RequestSuperbillInput!) { requestSuperbill(input: $i) "
        "{ userErrors { code } } }"
    )
    period = {"roomId": cast.room_id, "periodStart": "2020-01-01", "periodEnd": "2020-01-31"}
    before = await audit_events(database)

    await api.ok(
        send, {"i": {"roomId": cast.room_id, "body": SECRET_BODY}}, token=cast.primary.token
    )
    await api.ok(send, {"i": {"roomId": cast.room_id, "body": "   "}}, token=cast.primary.token)
    await api.fails(superbill, {"i": period}, token=cast.secondary.token)
    await api.fails(superbill, {"i": period}, token=cast.stranger.token)
    await api.fails(superbill, {"i": period})

    added = await audit_events_since(database, before)
    assert _summary(added) == [
        ("Mutation.sendMessage", AuditOutcome.ALLOWED, None),
        ("Mutation.sendMessage", AuditOutcome.ALLOWED, "MESSAGE_EMPTY"),
        ("Mutation.requestSuperbill", AuditOutcome.DENIED, "FORBIDDEN"),
        ("Mutation.requestSuperbill", AuditOutcome.DENIED, "NOT_FOUND"),
        ("Mutation.requestSuperbill", AuditOutcome.DENIED, "UNAUTHENTICATED"),
    ]
    assert [e.actor_user_id for e in added] == [
        _actor(cast, "primary"),
        _actor(cast, "primary"),
        _actor(cast, "secondary"),
        _actor(cast, "stranger"),
        None,
    ]
    assert [e.room_id for e in added] == [cast.room_key] * 4 + [None]


async def test_reads_anyone_in_the_room_may_make_are_not_recorded(
    api: Api, database: Database
) -> None:
    cast = await cast_of_couples_room(api, database)
    before = await audit_events(database)

    await api.ok(
        "query($id: ID!) { room(id: $id) { id members { role } liveSessions { id } "
        "messages { edges { cursor } } } }",
        {"id": cast.room_id},
        token=cast.secondary.token,
    )

    assert await audit_events_since(database, before) == []


async def test_a_denied_read_through_node_is_recorded(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    sent = await api.ok(
        "mutation($i: SendAssessmentInput!) { sendAssessment(input: $i) { assessment { id } } }",
        {"i": {"roomId": cast.room_id, "templateKey": "wellbeing-check-in"}},
        token=cast.provider.token,
    )
    before = await audit_events(database)

    error = await api.fails(
        "query($id: ID!) { node(id: $id) { id } }",
        {"id": sent["sendAssessment"]["assessment"]["id"]},
        token=cast.secondary.token,
    )

    assert error["extensions"]["code"] == "FORBIDDEN"
    assert _summary(await audit_events_since(database, before)) == [
        ("Query.node:Assessment", AuditOutcome.DENIED, "FORBIDDEN")
    ]


async def test_no_content_or_secret_reaches_the_trail(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    before = await audit_events(database)
    await api.ok(
        "mutation($i: SendMessageInput!) { sendMessage(input: $i) { userErrors { code } } }",
        {"i": {"roomId": cast.room_id, "body": SECRET_BODY}},
        token=cast.primary.token,
    )
    sent = await api.ok(
        "mutation($i: SendAssessmentInput!) { sendAssessment(input: $i) { assessment { id } } }",
        {"i": {"roomId": cast.room_id, "templateKey": "wellbeing-check-in"}},
        token=cast.provider.token,
    )
    await api.ok(
        "mutation($i: RespondToAssessmentInput!) { respondToAssessment(input: $i) "
        "{ userErrors { code } } }",
        {
            "i": {
                "assessmentId": sent["sendAssessment"]["assessment"]["id"],
                "answers": [
                    {"questionId": q, "value": 4}
                    for q in ["cheerful", "calm", "active", "rested", "interest"]
                ],
            }
        },
        token=cast.primary.token,
    )

    added = await audit_events_since(database, before)
    stored = " ".join(_values(event) for event in added).lower()
    assert len(added) == 3
    for secret in [SECRET_BODY, "money", cast.primary.token, cast.provider.token, "cheerful"]:
        assert secret.lower() not in stored, secret
    # Identifiers, an action, an outcome and a code: no column could hold content.
    assert set(AuditEvent.model_fields) == {
        "id",
        "occurred_at",
        "actor_user_id",
        "room_id",
        "action",
        "outcome",
        "code",
    }


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_events SET code = 'EDITED'", "DELETE FROM audit_events"]
)
async def test_the_trail_is_append_only(api: Api, database: Database, statement: str) -> None:
    cast = await cast_of_couples_room(api, database)
    await api.run(
        "query($id: ID!) { room(id: $id) { superbills { id } } }",
        {"id": cast.room_id},
        token=cast.secondary.token,
    )
    before = await audit_events(database)
    assert before

    with pytest.raises(DBAPIError, match="append-only"):
        async with database.unit_of_work() as db:
            await db.execute(text(statement))

    assert [_values(e) for e in await audit_events(database)] == [_values(e) for e in before]
