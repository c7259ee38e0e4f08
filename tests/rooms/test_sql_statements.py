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
