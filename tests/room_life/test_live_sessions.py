"""Scheduling and cancelling live sessions; statuses, personal join links and the join window."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from app.db import Database
from app.graphql.ids import to_global_id
from app.models.base import utcnow
from tests.support.api import Api, table_counts
from tests.support.room_life import Cast, cast_of_couples_room
from tests.support.room_life import insert_live_session as insert

SCHEDULE = """
mutation($i: ScheduleLiveSessionInput!) {
  scheduleLiveSession(input: $i) {
    liveSession { id startsAt endsAt durationMinutes status joinUrl canJoinNow }
    userErrors { code field message }
  }
}
"""
CANCEL = """
mutation($i: CancelLiveSessionInput!) {
  cancelLiveSession(input: $i) {
    liveSession { id status joinUrl canJoinNow }
    userErrors { code field message }
  }
}
"""
SESSIONS = """
query($id: ID!) {
  room(id: $id) { liveSessions { id startsAt status joinUrl canJoinNow } }
}
"""
VIDEO_BASE_URL = "http://video.example.com/join"


def _in(**delta: float) -> datetime:
    return utcnow() + timedelta(**delta)


async def schedule(
    api: Api, cast: Cast, starts_at: datetime | str, minutes: int = 60
) -> dict[str, Any]:
    start = starts_at if isinstance(starts_at, str) else starts_at.isoformat()
    variables = {"i": {"roomId": cast.room_id, "startsAt": start, "durationMinutes": minutes}}
    data = await api.ok(SCHEDULE, variables, token=cast.primary.token)
    return dict(data["scheduleLiveSession"])


async def sessions_seen_by(api: Api, cast: Cast, token: str) -> dict[str, dict[str, Any]]:
    rows = (await api.ok(SESSIONS, {"id": cast.room_id}, token=token))["room"]["liveSessions"]
    return {row["id"]: row for row in rows}


async def test_the_primary_schedules_a_session(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    starts_at = _in(days=2).replace(microsecond=0)

    payload = await schedule(api, cast, starts_at, 45)

    session = payload["liveSession"]
    assert payload["userErrors"] == []
    assert datetime.fromisoformat(session["startsAt"]) == starts_at
    assert datetime.fromisoformat(session["endsAt"]) == starts_at + timedelta(minutes=45)
    assert session["startsAt"].endswith("+00:00")
    assert (session["durationMinutes"], session["status"], session["canJoinNow"]) == (
        45,
        "SCHEDULED",
        False,
    )
    assert session["joinUrl"].startswith(VIDEO_BASE_URL + "/")
    assert session["id"] in await sessions_seen_by(api, cast, cast.secondary.token)


async def test_each_person_gets_their_own_join_link(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    session_id = (await schedule(api, cast, _in(days=1)))["liveSession"]["id"]

    links = {
        who: (await sessions_seen_by(api, cast, token))[session_id]["joinUrl"]
        for who, token in [
            ("primary", cast.primary.token),
            ("secondary", cast.secondary.token),
            ("provider", cast.provider.token),
        ]
    }
    again = (await sessions_seen_by(api, cast, cast.secondary.token))[session_id]["joinUrl"]

    assert len(set(links.values())) == 3, links
    assert again == links["secondary"]  # stable for one person
    paths = {link.split("?")[0] for link in links.values()}
    assert len(paths) == 1 and paths.pop().startswith(VIDEO_BASE_URL + "/")
    for link in links.values():
        token = link.split("?t=")[1]
        assert len(token) >= 40 and token not in (cast.primary.token, cast.secondary.token)


async def test_join_window_opens_ten_minutes_before_and_closes_at_the_end(
    api: Api, database: Database
) -> None:
    cast = await cast_of_couples_room(api, database)
    ids = {
        "in 11 minutes": await insert(database, cast.room_id, starts_at=_in(minutes=11)),
        "in 9 minutes": await insert(
            database, cast.room_id, starts_at=_in(minutes=9), duration_minutes=30
        ),
        "started 20 minutes ago": await insert(database, cast.room_id, starts_at=_in(minutes=-20)),
        "ended a minute ago": await insert(
            database, cast.room_id, starts_at=_in(minutes=-31), duration_minutes=30
        ),
        "cancelled, in 5 minutes": await insert(
            database, cast.room_id, starts_at=_in(minutes=5), cancelled=True
        ),
    }

    seen = await sessions_seen_by(api, cast, cast.secondary.token)

    state = {name: (seen[i]["status"], seen[i]["canJoinNow"]) for name, i in ids.items()}
    assert state == {
        "in 11 minutes": ("SCHEDULED", False),
        "in 9 minutes": ("SCHEDULED", True),
        "started 20 minutes ago": ("SCHEDULED", True),
        "ended a minute ago": ("COMPLETED", False),
        "cancelled, in 5 minutes": ("CANCELLED", False),
    }
    assert seen[ids["ended a minute ago"]]["joinUrl"] is None
    assert seen[ids["cancelled, in 5 minutes"]]["joinUrl"] is None


async def test_sessions_are_listed_by_start(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    later = (await schedule(api, cast, _in(days=9)))["liveSession"]["id"]
    sooner = (await schedule(api, cast, _in(days=3)))["liveSession"]["id"]
    past = await insert(database, cast.room_id, starts_at=_in(days=-3))

    listed = list(await sessions_seen_by(api, cast, cast.primary.token))

    assert listed == [past, sooner, later]


async def _refused(
    api: Api, database: Database, cast: Cast, starts_at: datetime | str, minutes: int
) -> dict[str, Any]:
    before = await table_counts(database)
    payload = await schedule(api, cast, starts_at, minutes)
    assert payload["liveSession"] is None
    assert await table_counts(database) == before
    assert len(payload["userErrors"]) == 1, payload
    return dict(payload["userErrors"][0])


async def test_a_start_in_the_past_is_refused(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)

    for start in [_in(minutes=-1), _in(days=-30)]:
        error = await _refused(api, database, cast, start, 60)
        assert (error["code"], error["field"]) == ("START_NOT_IN_FUTURE", ["input", "startsAt"])


async def test_only_30_45_or_60_minutes(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)

    for minutes in [0, -30, 29, 50, 90, 120]:
        error = await _refused(api, database, cast, _in(days=1), minutes)
        assert (error["code"], error["field"]) == (
            "INVALID_DURATION",
            ["input", "durationMinutes"],
        ), minutes
        assert "30, 45 or 60" in error["message"]


async def test_overlapping_sessions_are_refused(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    start = _in(days=5).replace(second=0, microsecond=0)
    await schedule(api, cast, start, 60)

    for offset, minutes in [(0, 60), (30, 30), (-30, 45), (-15, 30), (59, 30)]:
        error = await _refused(api, database, cast, start + timedelta(minutes=offset), minutes)
        assert error["code"] == "LIVE_SESSION_OVERLAP", (offset, minutes)

    back_to_back = await schedule(api, cast, start + timedelta(minutes=60), 30)
    just_before = await schedule(api, cast, start - timedelta(minutes=30), 30)
    assert back_to_back["userErrors"] == just_before["userErrors"] == []


async def test_other_rooms_and_cancelled_sessions_do_not_block_a_time(
    api: Api, database: Database
) -> None:
    cast = await cast_of_couples_room(api, database)
    other = await cast_of_couples_room(api, database)
    start = _in(days=6)
    await schedule(api, other, start)
    await insert(database, cast.room_id, starts_at=start, cancelled=True)

    payload = await schedule(api, cast, start)

    assert payload["userErrors"] == []


async def test_a_start_without_utc_offset_is_bad_user_input(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    before = await table_counts(database)

    error = await api.fails(
        SCHEDULE,
        {
            "i": {
                "roomId": cast.room_id,
                "startsAt": _in(days=1).replace(tzinfo=None).isoformat(),
                "durationMinutes": 60,
            }
        },
        token=cast.primary.token,
    )

    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert "offset" in error["message"]
    assert await table_counts(database) == before


async def cancel(api: Api, cast: Cast, session_id: str) -> dict[str, Any]:
    data = await api.ok(CANCEL, {"i": {"liveSessionId": session_id}}, token=cast.primary.token)
    return dict(data["cancelLiveSession"])


async def test_the_primary_cancels_and_the_time_frees_up(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    start = _in(days=4)
    session_id = (await schedule(api, cast, start))["liveSession"]["id"]

    payload = await cancel(api, cast, session_id)

    assert payload == {
        "liveSession": {
            "id": session_id,
            "status": "CANCELLED",
            "joinUrl": None,
            "canJoinNow": False,
        },
        "userErrors": [],
    }
    assert (await sessions_seen_by(api, cast, cast.provider.token))[session_id][
        "status"
    ] == "CANCELLED"
    assert (await schedule(api, cast, start))["userErrors"] == []


async def test_cancelling_twice_or_after_the_start_is_refused(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    cancelled = (await schedule(api, cast, _in(days=2)))["liveSession"]["id"]
    await cancel(api, cast, cancelled)
    completed = await insert(database, cast.room_id, starts_at=_in(days=-2))
    under_way = await insert(database, cast.room_id, starts_at=_in(minutes=-5))
    expected = {
        cancelled: ("LIVE_SESSION_ALREADY_CANCELLED", "already cancelled"),
        completed: ("LIVE_SESSION_ALREADY_STARTED", "is over"),
        under_way: ("LIVE_SESSION_ALREADY_STARTED", "has started"),
    }

    for session_id, (code, words) in expected.items():
        before = await table_counts(database)
        payload = await cancel(api, cast, session_id)
        assert payload["liveSession"] is None
        [error] = payload["userErrors"]
        assert (error["code"], error["field"]) == (code, ["input", "liveSessionId"])
        assert words in error["message"]
        assert await table_counts(database) == before

    statuses = await sessions_seen_by(api, cast, cast.primary.token)
    assert [statuses[i]["status"] for i in expected] == ["CANCELLED", "COMPLETED", "SCHEDULED"]


async def test_an_unknown_or_hidden_session_is_not_found_alike(
    api: Api, database: Database
) -> None:
    cast = await cast_of_couples_room(api, database)
    other = await cast_of_couples_room(api, database)
    theirs = (await schedule(api, other, _in(days=2)))["liveSession"]["id"]
    missing = to_global_id("LiveSession", uuid.uuid4())

    hidden = await api.fails(CANCEL, {"i": {"liveSessionId": theirs}}, token=cast.primary.token)
    absent = await api.fails(CANCEL, {"i": {"liveSessionId": missing}}, token=cast.primary.token)

    assert hidden["extensions"] == absent["extensions"] == {"code": "NOT_FOUND"}
    assert hidden["message"] == absent["message"]
    assert (await sessions_seen_by(api, other, other.primary.token))[theirs]["status"] == (
        "SCHEDULED"
    )
