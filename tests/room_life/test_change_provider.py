"""changeProvider: the room moves to another therapist; the previous one loses it at once."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from app.db import Database
from app.graphql.ids import key_of, to_global_id
from app.models import LiveSession, MemberRole, Provider, ProviderAssignment, RoomMember
from app.models.base import utcnow
from tests.conftest import INDIVIDUAL_PROVIDER_EMAIL, PROVIDER_PASSWORD
from tests.support.api import Api, table_counts
from tests.support.people import log_in
from tests.support.room_life import (
    Cast,
    cast_of_couples_room,
    insert_live_session,
    new_provider,
)

CHANGE = """
mutation($i: ChangeProviderInput!) {
  changeProvider(input: $i) {
    room { id provider { id displayName } }
    userErrors { code field message }
  }
}
"""
ROOM = "query($id: ID!) { room(id: $id) { viewerRole provider { id } } }"


async def change(api: Api, cast: Cast, provider_id: str) -> dict[str, Any]:
    data = await api.ok(
        CHANGE, {"i": {"roomId": cast.room_id, "providerId": provider_id}}, token=cast.primary.token
    )
    return dict(data["changeProvider"])


async def history(database: Database, cast: Cast) -> list[ProviderAssignment]:
    async with database.sessions() as db:
        query = (
            select(ProviderAssignment)
            .where(col(ProviderAssignment.room_id) == cast.room_key)
            .order_by(col(ProviderAssignment.assigned_at))
        )
        return list((await db.execute(query)).scalars().all())


async def test_the_new_provider_gets_the_room_and_the_old_one_loses_it(
    api: Api, database: Database
) -> None:
    cast = await cast_of_couples_room(api, database)
    new_id, new_email = await new_provider(database, name="Dr. Avery Stone")
    new_token = await log_in(api, new_email, PROVIDER_PASSWORD)
    assert (await api.fails(ROOM, {"id": cast.room_id}, token=new_token))["extensions"] == {
        "code": "NOT_FOUND"
    }

    payload = await change(api, cast, new_id)

    assert payload == {
        "room": {
            "id": cast.room_id,
            "provider": {"id": new_id, "displayName": "Dr. Avery Stone"},
        },
        "userErrors": [],
    }
    old = await api.fails(ROOM, {"id": cast.room_id}, token=cast.provider.token)
    assert old["extensions"] == {"code": "NOT_FOUND"}
    old_rooms = await api.ok("{ viewer { rooms { id } } }", token=cast.provider.token)
    assert {"id": cast.room_id} not in old_rooms["viewer"]["rooms"]
    seen = await api.ok(ROOM, {"id": cast.room_id}, token=new_token)
    assert seen["room"] == {"viewerRole": "PROVIDER", "provider": {"id": new_id}}
    new_rooms = await api.ok("{ viewer { rooms { id } } }", token=new_token)
    assert {"id": cast.room_id} in new_rooms["viewer"]["rooms"]


async def test_history_is_kept(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    first = key_of(cast.provider.id, "Provider")
    second_id, _ = await new_provider(database, name="Dr. Blair Quinn")
    third_id, _ = await new_provider(database, name="Dr. Casey Ford")

    await change(api, cast, second_id)
    await change(api, cast, third_id)

    rows = await history(database, cast)
    assert [row.provider_id for row in rows] == [
        first,
        key_of(second_id, "Provider"),
        key_of(third_id, "Provider"),
    ]
    assert rows[0].assigned_by_user_id is None  # assigned when the room opened
    assert {row.assigned_by_user_id for row in rows[1:]} == {key_of(cast.primary.id, "User")}
    assert rows[0].ended_at == rows[1].assigned_at
    assert rows[1].ended_at == rows[2].assigned_at
    assert rows[2].ended_at is None


async def test_sessions_to_come_move_and_past_ones_keep_their_provider(
    api: Api, database: Database
) -> None:
    cast = await cast_of_couples_room(api, database)
    past = await insert_live_session(database, cast.room_id, starts_at=utcnow() - timedelta(days=7))
    upcoming = await insert_live_session(
        database, cast.room_id, starts_at=utcnow() + timedelta(days=7)
    )
    new_id, _ = await new_provider(database)

    await change(api, cast, new_id)

    async with database.sessions() as db:
        leaders = {
            to_global_id("LiveSession", row.id): row.provider_id
            for row in (
                await db.execute(
                    select(LiveSession).where(col(LiveSession.room_id) == cast.room_key)
                )
            ).scalars()
        }
    assert leaders == {
        past: key_of(cast.provider.id, "Provider"),
        upcoming: key_of(new_id, "Provider"),
    }


async def _refused(api: Api, database: Database, cast: Cast, provider_id: str) -> dict[str, Any]:
    before = await table_counts(database)
    assignments = [(row.provider_id, row.ended_at) for row in await history(database, cast)]

    payload = await change(api, cast, provider_id)

    assert payload["room"] is None
    assert await table_counts(database) == before
    assert [(row.provider_id, row.ended_at) for row in await history(database, cast)] == (
        assignments
    )
    room = await api.ok(ROOM, {"id": cast.room_id}, token=cast.provider.token)
    assert room["room"]["provider"]["id"] == cast.provider.id
    [error] = payload["userErrors"]
    assert error["field"] == ["input", "providerId"]
    return dict(error)


async def test_an_unknown_provider_is_refused(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    plan = (await api.ok("{ plans { id } }"))["plans"][0]["id"]

    for unknown in [to_global_id("Provider", uuid.uuid4()), plan, cast.primary.id]:
        error = await _refused(api, database, cast, unknown)
        assert error["code"] == "UNKNOWN_PROVIDER"


async def test_the_same_provider_is_refused(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)

    error = await _refused(api, database, cast, cast.provider.id)

    assert error["code"] == "SAME_PROVIDER"


async def test_a_provider_who_does_not_take_couples_is_refused(
    api: Api, database: Database
) -> None:
    cast = await cast_of_couples_room(api, database)
    everyone = await api.ok(
        "{ providers(acceptsCouples: false) { id acceptsCouples } }", token=cast.primary.token
    )
    individual_only = [p["id"] for p in everyone["providers"] if not p["acceptsCouples"]]
    assert individual_only, "the test database seeds one (see INDIVIDUAL_PROVIDER_EMAIL)"

    error = await _refused(api, database, cast, individual_only[0])

    assert error["code"] == "PROVIDER_NOT_FOR_COUPLES"
    assert INDIVIDUAL_PROVIDER_EMAIL not in error["message"]


async def test_a_member_of_the_room_cannot_become_its_provider(
    api: Api, database: Database
) -> None:
    cast = await cast_of_couples_room(api, database)
    provider_id, email = await new_provider(database, name="Dr. Partner")
    # The partner's seat goes to the therapist's own account.
    async with database.unit_of_work() as db:
        provider = await db.get(Provider, key_of(provider_id, "Provider"))
        assert provider is not None
        member = (
            await db.execute(
                select(RoomMember).where(
                    col(RoomMember.room_id) == cast.room_key,
                    col(RoomMember.role) == MemberRole.SECONDARY,
                )
            )
        ).scalar_one()
        member.user_id = provider.user_id
        db.add(member)

    error = await _refused(api, database, cast, provider_id)

    assert error["code"] == "PROVIDER_IS_ROOM_MEMBER"
    assert email not in error["message"]
