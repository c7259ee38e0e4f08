"""Messages: members and the provider post and read; newest first, in capped Relay pages."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from app.db import Database
from app.models.base import utcnow
from tests.support.api import Api, table_counts
from tests.support.room_life import (
    Cast,
    cast_of_couples_room,
    insert_messages,
)

SEND = """
mutation($i: SendMessageInput!) {
  sendMessage(input: $i) {
    message { id body sentAt author { displayName role isViewer } }
    userErrors { code field message }
  }
}
"""
PAGE = """
query($id: ID!, $first: Int!, $after: String) {
  room(id: $id) {
    messages(first: $first, after: $after) {
      edges { cursor node { id body author { displayName role isViewer } } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
}
"""


async def send(api: Api, cast: Cast, token: str, body: str) -> dict[str, Any]:
    data = await api.ok(SEND, {"i": {"roomId": cast.room_id, "body": body}}, token=token)
    return dict(data["sendMessage"])


async def page(
    api: Api, cast: Cast, token: str, first: int = 20, after: str | None = None
) -> dict[str, Any]:
    variables = {"id": cast.room_id, "first": first, "after": after}
    return dict((await api.ok(PAGE, variables, token=token))["room"]["messages"])


async def test_everyone_in_the_room_posts_and_reads(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)

    sent = [
        await send(api, cast, cast.primary.token, "How was the week?"),
        await send(api, cast, cast.secondary.token, "Better than the last one."),
        await send(api, cast, cast.provider.token, "Glad to hear it. Let us talk on Thursday."),
    ]

    assert all(payload["userErrors"] == [] for payload in sent)
    assert sent[0]["message"]["author"] == {
        "displayName": "Alex",
        "role": "PRIMARY",
        "isViewer": True,
    }
    for token in [cast.primary.token, cast.secondary.token, cast.provider.token]:
        seen = await page(api, cast, token)
        assert [edge["node"]["body"] for edge in seen["edges"]] == [
            "Glad to hear it. Let us talk on Thursday.",
            "Better than the last one.",
            "How was the week?",
        ]
        authors = [edge["node"]["author"] for edge in seen["edges"]]
        assert [(a["displayName"], a["role"]) for a in authors] == [
            (cast.provider.name, "PROVIDER"),
            ("Sam", "SECONDARY"),
            ("Alex", "PRIMARY"),
        ]
        assert sum(a["isViewer"] for a in authors) == 1


async def test_a_message_is_stored_as_sent(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    body = "  <b>not html</b>\n\nsecond line  "

    sent = await send(api, cast, cast.primary.token, body)

    assert sent["message"]["body"] == body
    assert (await page(api, cast, cast.secondary.token))["edges"][0]["node"]["body"] == body


async def test_a_message_of_4000_characters_is_the_longest(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)

    longest = await send(api, cast, cast.primary.token, "\n" + "x" * 4000 + "  ")

    assert longest["userErrors"] == []


async def test_empty_and_too_long_messages_are_refused(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    cases = [("", "MESSAGE_EMPTY"), (" \n\t ", "MESSAGE_EMPTY"), ("y" * 4001, "MESSAGE_TOO_LONG")]

    for body, code in cases:
        before = await table_counts(database)
        payload = await send(api, cast, cast.secondary.token, body)
        assert payload["message"] is None
        assert [(e["code"], e["field"]) for e in payload["userErrors"]] == [
            (code, ["input", "body"])
        ]
        assert await table_counts(database) == before
    assert (await page(api, cast, cast.primary.token))["edges"] == []


async def test_pages_walk_the_whole_history_once(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    # Seven share one instant, so only the cursor's ID tie-break keeps them apart.
    instant = utcnow() - timedelta(hours=1)
    await insert_messages(
        database, cast.room_id, cast.primary, [f"same {i}" for i in range(7)], sent_at=instant
    )
    for i in range(3):
        await send(api, cast, cast.primary.token, f"later {i}")

    seen: list[str] = []
    after = None
    pages = []
    while True:
        current = await page(api, cast, cast.secondary.token, first=3, after=after)
        pages.append(current)
        seen += [edge["node"]["id"] for edge in current["edges"]]
        if not current["pageInfo"]["hasNextPage"]:
            break
        after = current["pageInfo"]["endCursor"]

    assert [len(p["edges"]) for p in pages] == [3, 3, 3, 1]
    assert len(seen) == len(set(seen)) == 10
    bodies = [e["node"]["body"] for p in pages for e in p["edges"]]
    assert bodies[:3] == ["later 2", "later 1", "later 0"]
    assert sorted(bodies[3:]) == [f"same {i}" for i in range(7)]
    assert [p["pageInfo"]["hasPreviousPage"] for p in pages] == [False, True, True, True]
    for current in pages:
        assert current["pageInfo"]["startCursor"] == current["edges"][0]["cursor"]
        assert current["pageInfo"]["endCursor"] == current["edges"][-1]["cursor"]


async def test_page_size_is_capped_at_100(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    await insert_messages(database, cast.room_id, cast.primary, ["m"] * 101, sent_at=utcnow())

    hundred = await page(api, cast, cast.primary.token, first=100)
    default = await page(api, cast, cast.primary.token, first=20)
    over = await api.fails(PAGE, {"id": cast.room_id, "first": 101}, token=cast.primary.token)
    zero = await api.fails(PAGE, {"id": cast.room_id, "first": 0}, token=cast.primary.token)

    assert (len(hundred["edges"]), hundred["pageInfo"]["hasNextPage"]) == (100, True)
    assert len(default["edges"]) == 20
    for error in [over, zero]:
        assert error["extensions"]["code"] == "BAD_USER_INPUT"
        assert "between 1 and 100" in error["message"]


async def test_the_default_page_is_twenty(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    await insert_messages(database, cast.room_id, cast.primary, ["m"] * 25, sent_at=utcnow())

    data = await api.ok(
        "query($id: ID!) { room(id: $id) { messages { edges { cursor } } } }",
        {"id": cast.room_id},
        token=cast.primary.token,
    )

    assert len(data["room"]["messages"]["edges"]) == 20


async def test_a_cursor_that_is_not_ours_is_bad_user_input(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)

    for cursor in ["nope", "bTE6eDp5", "", "Um9vbTowMDAw"]:
        error = await api.fails(
            PAGE, {"id": cast.room_id, "first": 5, "after": cursor}, token=cast.primary.token
        )
        assert error["extensions"]["code"] == "BAD_USER_INPUT", cursor


async def test_each_room_keeps_its_own_messages(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    other = await cast_of_couples_room(api, database)
    await send(api, other, other.primary.token, "ours only")

    assert (await page(api, cast, cast.primary.token))["edges"] == []
    refused = await api.fails(PAGE, {"id": other.room_id, "first": 5}, token=cast.primary.token)
    assert refused["extensions"] == {"code": "NOT_FOUND"}
