"""Room life resolves through DataLoaders: the SQL count does not grow with sessions or messages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from app.db import Database
from app.models.base import utcnow
from tests.support.api import Api
from tests.support.room_life import (
    cast_of_couples_room,
    insert_live_session,
    insert_messages,
)

ROOM_LIFE = """
query($id: ID!) {
  room(id: $id) {
    liveSessions { joinUrl }
    messages(first: 50) { edges { node { author { displayName } } } }
    assessments { id }
  }
}
"""
CHANGE_PROVIDER = """
mutation($i: ChangeProviderInput!) { changeProvider(input: $i) { userErrors { code } } }
"""
SEND_ASSESSMENT = """
mutation($i: SendAssessmentInput!) { sendAssessment(input: $i) { userErrors { code } } }
"""


async def _statements(
    api: Api, database: Database, count_statements: Callable[[], Any], size: int
) -> int:
    cast = await cast_of_couples_room(api, database)
    for day in range(size):
        await insert_live_session(
            database, cast.room_id, starts_at=utcnow() + timedelta(days=day + 1)
        )
    # Messages from all three people, so authors need more than one user.
    for person in [cast.primary, cast.secondary]:
        await insert_messages(
            database, cast.room_id, person, ["hi"] * (size // 2), sent_at=utcnow()
        )
    for _ in range(3):
        await api.ok(
            SEND_ASSESSMENT,
            {"i": {"roomId": cast.room_id, "templateKey": "wellbeing-check-in"}},
            token=cast.provider.token,
        )

    with count_statements() as counter:
        data = await api.ok(ROOM_LIFE, {"id": cast.room_id}, token=cast.primary.token)

    room = data["room"]
    assert len(room["liveSessions"]) == size
    assert len(room["messages"]["edges"]) == size // 2 * 2
    assert len(room["assessments"]) == 3
    return int(counter.count)


async def test_statement_count_is_the_same_for_3_and_30(
    api: Api, database: Database, count_statements: Callable[[], Any]
) -> None:
    few = await _statements(api, database, count_statements, 4)
    many = await _statements(api, database, count_statements, 30)

    assert few == many, (few, many)
    # (BEGIN,) session, room, sessions, messages, users, assessments, the audit insert
    assert many <= 10, many


async def test_messages_of_many_rooms_load_in_one_statement(
    api: Api, database: Database, count_statements: Callable[[], Any]
) -> None:
    first = await cast_of_couples_room(api, database)
    second = await cast_of_couples_room(api, database)
    if second.provider.id != first.provider.id:  # rooms go to the least busy provider
        moved = await api.ok(
            CHANGE_PROVIDER,
            {"i": {"roomId": second.room_id, "providerId": first.provider.id}},
            token=second.primary.token,
        )
        assert moved["changeProvider"]["userErrors"] == []
    for cast, body in [(first, "one"), (second, "two")]:
        await insert_messages(database, cast.room_id, cast.primary, [body] * 3, sent_at=utcnow())
    query = (
        "{ viewer { rooms { id messages(first: 2) { edges { node { body "
        "author { displayName } } } "
        "pageInfo { hasNextPage } } } } }"
    )

    with count_statements() as counter:
        rooms = (await api.ok(query, token=first.provider.token))["viewer"]["rooms"]

    by_id = {room["id"]: room["messages"] for room in rooms}
    for cast, body in [(first, "one"), (second, "two")]:
        assert [e["node"]["body"] for e in by_id[cast.room_id]["edges"]] == [body, body]
        # Author names come in the same statement as the messages, room by room.
        authors = {e["node"]["author"]["displayName"] for e in by_id[cast.room_id]["edges"]}
        assert authors == {cast.primary.name}
        assert by_id[cast.room_id]["pageInfo"] == {"hasNextPage": True}
    message_queries = [s for s in counter.statements if "FROM messages" in s]
    assert len(message_queries) == 1, message_queries


ROOM_SCREEN = """
query($id: ID!) {
  room(id: $id) {
    id kind viewerRole showAddPartnerBanner viewerCan { invitePartner scheduleLiveSession }
    plan { name } provider { displayName } members { role user { displayName } }
    liveSessions { id startsAt status joinUrl canJoinNow }
    messages(first: 20) {
      edges { node { id body sentAt author { displayName } } }
      pageInfo { hasNextPage endCursor }
    }
    pendingInvitation { id status }
  }
}
"""


async def _room_screen_statements(
    api: Api, database: Database, count_statements: Callable[[], Any], size: int
) -> int:
    cast = await cast_of_couples_room(api, database)
    for day in range(size):
        await insert_live_session(
            database, cast.room_id, starts_at=utcnow() + timedelta(days=day + 1)
        )
    for person in [cast.primary, cast.secondary]:
        await insert_messages(database, cast.room_id, person, ["hi"] * size, sent_at=utcnow())

    with count_statements() as counter:
        room = (await api.ok(ROOM_SCREEN, {"id": cast.room_id}, token=cast.primary.token))["room"]

    assert len(room["liveSessions"]) == size
    assert len(room["messages"]["edges"]) == min(20, 2 * size)
    assert [m["user"]["displayName"] for m in room["members"]] == [
        cast.primary.name,
        cast.secondary.name,
    ]
    return int(counter.count)


async def test_room_screen_statement_count_is_the_same_for_3_and_300(
    api: Api, database: Database, count_statements: Callable[[], Any]
) -> None:
    """The screen a client opens first (the benchmark's room_screen): 3 or 300 live sessions
    and messages cost the same statements."""
    few = await _room_screen_statements(api, database, count_statements, 3)
    many = await _room_screen_statements(api, database, count_statements, 300)

    assert few == many, (few, many)
    # (BEGIN,) session, room, plan, provider, members, users, sessions, messages,
    # invitations, the audit insert
    assert many <= 12, many
