"""Who may read each Room field and run each room mutation, generated from the capability table.

Every entry of ROOM_FIELD_CAPABILITIES and ROOM_MUTATION_CAPABILITIES that the schema has
is tried as the primary, the partner, the provider, a stranger and an anonymous caller,
and must answer exactly what CAPABILITIES says. A refused mutation changes nothing but
the audit trail, where it leaves one DENIED entry.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from graphql import GraphQLObjectType, is_non_null_type
from sqlalchemy import delete
from sqlmodel import col

from app.auth.capabilities import (
    CAPABILITIES,
    ROOM_FIELD_CAPABILITIES,
    ROOM_MUTATION_CAPABILITIES,
    Capability,
    RoomRole,
    allows,
    refusal,
)
from app.db import Database
from app.graphql.ids import key_of, to_global_id
from app.graphql.schema import build_schema
from app.models import AuditOutcome, MemberRole, RoomMember
from app.models import Invitation as InvitationRow
from app.models.base import utcnow
from tests.conftest import client_for
from tests.support.api import Api, table_counts
from tests.support.people import new_email
from tests.support.room_life import (
    Cast,
    audit_events,
    audit_events_since,
    cast_of_couples_room,
    insert_live_session,
)
from tests.support.server import RunningServer

ACTORS = ("PRIMARY", "SECONDARY", "PROVIDER", "STRANGER", "ANONYMOUS")

_SCHEMA = build_schema()._schema


def _room_type() -> GraphQLObjectType:
    room = _SCHEMA.type_map["Room"]
    assert isinstance(room, GraphQLObjectType)
    return room


ROOM_FIELDS = set(_room_type().fields)
MUTATIONS = set(_SCHEMA.mutation_type.fields)  # type: ignore[union-attr]

# How to read each Room field; a new field fails the test below until it is added here.
SELECTIONS = {
    "id": "id",
    "kind": "kind",
    "plan": "plan { id }",
    "provider": "provider { id }",
    "members": "members { role }",
    "viewerRole": "viewerRole",
    "viewerCan": "viewerCan { requestSuperbill }",
    "showAddPartnerBanner": "showAddPartnerBanner",
    "createdAt": "createdAt",
    "liveSessions": "liveSessions { id joinUrl }",
    "messages": "messages(first: 5) { edges { node { body } } }",
    "assessments": "assessments { id score }",
    "progressTracker": "progressTracker { measures { key } }",
    "superbills": "superbills { id totalCents }",
    "pendingInvitation": "pendingInvitation { id }",
    "invitations": "invitations { id }",
}


def expected_code(actor: str, capability: Capability) -> str | None:
    """None when allowed; otherwise the top-level code the contract promises."""
    if actor == "ANONYMOUS":
        return "UNAUTHENTICATED"
    if actor == "STRANGER":
        return "NOT_FOUND"
    return None if allows(RoomRole(actor), capability) else "FORBIDDEN"


def token_of(cast: Cast, actor: str) -> str | None:
    return {
        "PRIMARY": cast.primary.token,
        "SECONDARY": cast.secondary.token,
        "PROVIDER": cast.provider.token,
        "STRANGER": cast.stranger.token,
        "ANONYMOUS": None,
    }[actor]


def actor_key(cast: Cast, actor: str) -> uuid.UUID | None:
    return {
        "PRIMARY": key_of(cast.primary.id, "User"),
        "SECONDARY": key_of(cast.secondary.id, "User"),
        "PROVIDER": cast.provider.user_key,
        "STRANGER": key_of(cast.stranger.id, "User"),
        "ANONYMOUS": None,
    }[actor]


def test_the_table_gives_every_capability_a_refusal_that_names_who_can() -> None:
    for capability, rule in CAPABILITIES.items():
        assert rule.roles, capability
        assert rule.refusal.endswith("."), capability
    assert set(ROOM_FIELD_CAPABILITIES.values()) | set(ROOM_MUTATION_CAPABILITIES.values()) <= set(
        CAPABILITIES
    )


@pytest.fixture(scope="module")
async def cast(server: RunningServer, database: Database) -> Cast:
    async with client_for(server) as api:
        cast = await cast_of_couples_room(api, database)
        # Something in every list, so an allowed read returns real rows.
        await insert_live_session(database, cast.room_id, starts_at=utcnow() + timedelta(days=2))
        await api.ok(
            "mutation($i: SendMessageInput!) { sendMessage(input: $i) { userErrors { code } } }",
            {"i": {"roomId": cast.room_id, "body": "hello"}},
            token=cast.primary.token,
        )
        return cast


FIELD_CASES = [
    (field, actor)
    for field in sorted(ROOM_FIELD_CAPABILITIES)
    if field in ROOM_FIELDS
    for actor in ACTORS
]


def test_every_room_field_has_a_selection_here() -> None:
    assert set(SELECTIONS) >= ROOM_FIELDS, ROOM_FIELDS - set(SELECTIONS)


@pytest.mark.parametrize(("field", "actor"), FIELD_CASES)
async def test_reading_a_room_field(api: Api, cast: Cast, field: str, actor: str) -> None:
    capability = ROOM_FIELD_CAPABILITIES[field]
    query = f"query($id: ID!) {{ room(id: $id) {{ {SELECTIONS[field]} }} }}"

    result = await api.run(query, {"id": cast.room_id}, token=token_of(cast, actor))

    code = expected_code(actor, capability)
    if code is None:
        assert result.errors == [], result.body
        assert field in result.data["room"]
        return
    assert result.error_codes == [code], result.body
    if code == "FORBIDDEN" and _nullable_room_field(field):
        assert result.data == {"room": {field: None}}  # the null stops at the field
    else:
        assert result.data == {"room": None}
    if code == "FORBIDDEN":
        assert result.errors[0]["message"] == refusal(capability)
        assert result.errors[0]["path"] == ["room", field]


def _nullable_room_field(field: str) -> bool:
    room = _SCHEMA.type_map["Room"]
    assert isinstance(room, GraphQLObjectType)
    return not is_non_null_type(room.fields[field].type)


@dataclass(frozen=True)
class Operation:
    document: str
    variables: dict[str, Any]
    # Run just before the allowed actor's attempt, after every refused one.
    before_allowed: Callable[[], Awaitable[None]] | None = None


async def _schedule(api: Api, cast: Cast, database: Database) -> Operation:
    return Operation(
        "mutation($i: ScheduleLiveSessionInput!) { scheduleLiveSession(input: $i) "
        "{ liveSession { id } userErrors { code } } }",
        {
            "i": {
                "roomId": cast.room_id,
                "startsAt": (utcnow() + timedelta(days=3)).isoformat(),
                "durationMinutes": 45,
            }
        },
    )


async def _cancel(api: Api, cast: Cast, database: Database) -> Operation:
    schedule = await _schedule(api, cast, database)
    scheduled = await api.ok(schedule.document, schedule.variables, token=cast.primary.token)
    session_id = scheduled["scheduleLiveSession"]["liveSession"]["id"]
    return Operation(
        "mutation($i: CancelLiveSessionInput!) { cancelLiveSession(input: $i) "
        "{ liveSession { id status } userErrors { code } } }",
        {"i": {"liveSessionId": session_id}},
    )


async def _change_provider(api: Api, cast: Cast, database: Database) -> Operation:
    providers = (await api.ok("{ providers { id } }", token=cast.primary.token))["providers"]
    other = next(p["id"] for p in providers if p["id"] != cast.provider.id)
    return Operation(
        "mutation($i: ChangeProviderInput!) { changeProvider(input: $i) "
        "{ room { id } userErrors { code } } }",
        {"i": {"roomId": cast.room_id, "providerId": other}},
    )


async def _send_assessment(api: Api, cast: Cast, database: Database) -> Operation:
    return Operation(
        "mutation($i: SendAssessmentInput!) { sendAssessment(input: $i) "
        "{ assessment { id } userErrors { code } } }",
        {"i": {"roomId": cast.room_id, "templateKey": "wellbeing-check-in"}},
    )


async def _respond(api: Api, cast: Cast, database: Database) -> Operation:
    send = await _send_assessment(api, cast, database)
    sent = await api.ok(send.document, send.variables, token=cast.provider.token)
    assessment_id = sent["sendAssessment"]["assessment"]["id"]
    answers = [
        {"questionId": q, "value": 3} for q in ["cheerful", "calm", "active", "rested", "interest"]
    ]
    return Operation(
        "mutation($i: RespondToAssessmentInput!) { respondToAssessment(input: $i) "
        "{ assessment { id score } userErrors { code } } }",
        {"i": {"assessmentId": assessment_id, "answers": answers}},
    )


async def _request_superbill(api: Api, cast: Cast, database: Database) -> Operation:
    # The test inserts a completed session three days ago for every cast.
    today = utcnow().date()
    return Operation(
        "mutation($i: RequestSuperbillInput!) { requestSuperbill(input: $i) "
        "{ superbill { id } userErrors { code } } }",
        {
            "i": {
                "roomId": cast.room_id,
                "periodStart": (today - timedelta(days=30)).isoformat(),
                "periodEnd": today.isoformat(),
            }
        },
    )


async def _send_message(api: Api, cast: Cast, database: Database) -> Operation:
    return Operation(
        "mutation($i: SendMessageInput!) { sendMessage(input: $i) "
        "{ message { id } userErrors { code } } }",
        {"i": {"roomId": cast.room_id, "body": "See you on Thursday."}},
    )


async def _open_invitation(database: Database, cast: Cast) -> str:
    """A pending invitation beside the partner already in the cast (only the database can
    hold both: invitePartner refuses once a partner joined)."""
    async with database.unit_of_work() as db:
        invitation = InvitationRow(
            room_id=cast.room_key,
            inviter_id=key_of(cast.primary.id, "User"),
            email=new_email("invited"),
            expires_at=utcnow() + timedelta(days=1),
        )
        db.add(invitation)
    return to_global_id("Invitation", invitation.id)


def _partner_leaves(database: Database, cast: Cast) -> Callable[[], Awaitable[None]]:
    async def leave() -> None:
        async with database.unit_of_work() as db:
            await db.execute(
                delete(RoomMember).where(
                    col(RoomMember.room_id) == cast.room_key,
                    col(RoomMember.role) == MemberRole.SECONDARY,
                )
            )

    return leave


async def _invite_partner(api: Api, cast: Cast, database: Database) -> Operation:
    return Operation(
        "mutation($i: InvitePartnerInput!) { invitePartner(input: $i) "
        "{ invitation { id } userErrors { code } } }",
        {"i": {"roomId": cast.room_id, "email": new_email("partner")}},
        before_allowed=_partner_leaves(database, cast),
    )


async def _resend_invite(api: Api, cast: Cast, database: Database) -> Operation:
    return Operation(
        "mutation($i: ResendInviteInput!) { resendInvite(input: $i) "
        "{ invitation { id } userErrors { code } } }",
        {"i": {"invitationId": await _open_invitation(database, cast)}},
        before_allowed=_partner_leaves(database, cast),
    )


async def _revoke_invite(api: Api, cast: Cast, database: Database) -> Operation:
    return Operation(
        "mutation($i: RevokeInviteInput!) { revokeInvite(input: $i) "
        "{ invitation { id } userErrors { code } } }",
        {"i": {"invitationId": await _open_invitation(database, cast)}},
    )


# How to run each room mutation validly; a new one fails the test below until added here.
OPERATIONS: dict[str, Callable[[Api, Cast, Database], Awaitable[Operation]]] = {
    "invitePartner": _invite_partner,
    "resendInvite": _resend_invite,
    "revokeInvite": _revoke_invite,
    "scheduleLiveSession": _schedule,
    "cancelLiveSession": _cancel,
    "changeProvider": _change_provider,
    "sendAssessment": _send_assessment,
    "respondToAssessment": _respond,
    "requestSuperbill": _request_superbill,
    "sendMessage": _send_message,
}
MUTATION_CASES = sorted(name for name in ROOM_MUTATION_CAPABILITIES if name in MUTATIONS)


def test_every_room_mutation_has_an_operation_here() -> None:
    assert set(MUTATION_CASES) <= set(OPERATIONS), set(MUTATION_CASES) - set(OPERATIONS)
    assert len(MUTATION_CASES) >= 7


def _refused_first(capability: Capability) -> list[str]:
    return sorted(ACTORS, key=lambda actor: expected_code(actor, capability) is None)


@pytest.mark.parametrize("mutation", MUTATION_CASES)
async def test_running_a_room_mutation(api: Api, database: Database, mutation: str) -> None:
    capability = ROOM_MUTATION_CAPABILITIES[mutation]
    cast = await cast_of_couples_room(api, database)
    await insert_live_session(database, cast.room_id, starts_at=utcnow() - timedelta(days=3))
    operation = await OPERATIONS[mutation](api, cast, database)

    for actor in _refused_first(capability):
        code = expected_code(actor, capability)
        if code is None and operation.before_allowed is not None:
            await operation.before_allowed()
        counts, trail = await table_counts(database), await audit_events(database)

        result = await api.run(operation.document, operation.variables, token=token_of(cast, actor))

        added = await audit_events_since(database, trail)
        assert [(e.action, e.room_id) for e in added] == [
            (f"Mutation.{mutation}", None if actor == "ANONYMOUS" else cast.room_key)
        ], (actor, added)
        if code is None:
            assert result.errors == [], (actor, result.body)
            assert result.data[mutation]["userErrors"] == [], (actor, result.body)
            assert (added[0].outcome, added[0].actor_user_id) == (
                AuditOutcome.ALLOWED,
                actor_key(cast, actor),
            )
            continue
        assert result.error_codes == [code], (actor, result.body)
        assert result.data is None
        if code == "FORBIDDEN":
            assert result.errors[0]["message"] == refusal(capability)
        assert await table_counts(database) == counts, actor
        assert (added[0].outcome, added[0].code) == (AuditOutcome.DENIED, code)
        assert added[0].actor_user_id == actor_key(cast, actor)


@pytest.mark.parametrize("actor", ["SECONDARY", "PROVIDER"])
async def test_a_refused_field_among_readable_ones_is_only_forbidden(
    api: Api, cast: Cast, actor: str
) -> None:
    # graphql-core cancels the siblings of a failed non-null field mid-query; the request
    # must still answer FORBIDDEN, not a server error, and the database stay usable.
    everything = " ".join(SELECTIONS[field] for field in sorted(ROOM_FIELDS))
    query = f"query($id: ID!) {{ room(id: $id) {{ {everything} }} }}"

    result = await api.run(query, {"id": cast.room_id}, token=token_of(cast, actor))
    after = await api.run(
        "query($id: ID!) { room(id: $id) { members { role } } }",
        {"id": cast.room_id},
        token=token_of(cast, actor),
    )

    assert result.response.status_code == 200
    assert set(result.error_codes) == {"FORBIDDEN"}, result.body
    assert result.data == {"room": None}
    assert after.errors == []
