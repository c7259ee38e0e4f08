"""The room list resolves through DataLoaders: its SQL count does not grow with rooms."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.support.api import Api
from tests.support.people import enroll, sign_up

ROOMS = "{ viewer { rooms { id provider { displayName } members { role user { displayName } } } } }"


async def _statements_for_rooms(api: Api, count_statements: Callable[[], Any], rooms: int) -> int:
    person = await sign_up(api)
    plans = ["Couples Therapy", "Couples Therapy Plus", "Individual Therapy"]
    for plan in plans[:rooms]:
        await enroll(api, person, plan)
    with count_statements() as counter:
        data = await api.ok(ROOMS, token=person.token)
    assert len(data["viewer"]["rooms"]) == rooms
    return int(counter.count)


async def test_statement_count_is_the_same_for_one_room_and_three(
    api: Api, count_statements: Callable[[], Any]
) -> None:
    one = await _statements_for_rooms(api, count_statements, 1)
    three = await _statements_for_rooms(api, count_statements, 3)

    assert one == three
    # session, rooms, providers, members, and users in at most two batches
    assert three <= 6, three


ROOMS_BY_FRAGMENTS = """
query { viewer { rooms { id ...People ... on Room { provider { displayName } } } } }
fragment People on Room { members { role user { displayName } } }
"""
ONLY_IDS = "{ viewer { rooms { id } } }"


async def test_a_room_list_reads_what_it_selects_once_however_it_is_spelled(
    api: Api, count_statements: Callable[[], Any]
) -> None:
    """Room lists read members and providers for all rooms at once, for the fields the
    query selects: directly, through fragments, or not at all."""
    person = await sign_up(api, name="Morgan")
    for plan in ["Couples Therapy", "Couples Therapy Plus"]:
        await enroll(api, person, plan)

    counts = {}
    answers = {}
    for name, query in [("direct", ROOMS), ("fragments", ROOMS_BY_FRAGMENTS), ("ids", ONLY_IDS)]:
        with count_statements() as counter:
            answers[name] = (await api.ok(query, token=person.token))["viewer"]["rooms"]
        counts[name] = counter.count

    assert answers["fragments"] == answers["direct"]
    assert [room["members"] for room in answers["direct"]] == [
        [{"role": "PRIMARY", "user": {"displayName": "Morgan"}}]
    ] * 2
    assert all(room["provider"]["displayName"] for room in answers["direct"])
    assert counts["fragments"] == counts["direct"]
    # Nothing selected below the rooms: no members or providers are read.
    assert counts["ids"] == counts["direct"] - 2, counts
