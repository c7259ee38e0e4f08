"""Superbills: the completed live sessions of a period, coded and priced, for the primary."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from app.db import Database
from app.models.base import utcnow
from tests.support.api import Api, table_counts
from tests.support.people import enroll, sign_up
from tests.support.room_life import (
    Cast,
    cast_of_couples_room,
    insert_live_session,
    provider_of,
)

REQUEST = """
mutation($i: RequestSuperbillInput!) {
  requestSuperbill(input: $i) {
    superbill {
      id periodStart periodEnd status requestedAt totalCents currency
      lineItems { serviceDate durationMinutes providerName serviceCode serviceDescription
                  feeCents liveSessionId }
    }
    userErrors { code field message }
  }
}
"""
SUPERBILLS = "query($id: ID!) { room(id: $id) { superbills { id periodStart totalCents } } }"
CONJOINT = "Family psychotherapy (conjoint psychotherapy) with patient present"


def at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


async def request(api: Api, room_id: str, token: str, start: date, end: date) -> dict[str, Any]:
    variables = {
        "i": {"roomId": room_id, "periodStart": start.isoformat(), "periodEnd": end.isoformat()}
    }
    return dict((await api.ok(REQUEST, variables, token=token))["requestSuperbill"])


async def test_a_superbill_lists_the_completed_sessions_of_the_period(
    api: Api, database: Database
) -> None:
    cast = await cast_of_couples_room(api, database)
    today = utcnow().date()
    start, end = today - timedelta(days=40), today - timedelta(days=10)
    first = await insert_live_session(
        database, cast.room_id, starts_at=at(start, 9), duration_minutes=45
    )
    second = await insert_live_session(database, cast.room_id, starts_at=at(end, 22))
    for outside in [at(start - timedelta(days=1), 23), at(end + timedelta(days=1), 0)]:
        await insert_live_session(database, cast.room_id, starts_at=outside)
    await insert_live_session(
        database, cast.room_id, starts_at=at(start + timedelta(days=3), 9), cancelled=True
    )

    payload = await request(api, cast.room_id, cast.primary.token, start, end)

    assert payload["userErrors"] == []
    bill = payload["superbill"]
    assert (bill["periodStart"], bill["periodEnd"], bill["status"], bill["currency"]) == (
        start.isoformat(),
        end.isoformat(),
        "READY",
        "USD",
    )
    assert bill["lineItems"] == [
        {
            "serviceDate": start.isoformat(),
            "durationMinutes": 45,
            "providerName": cast.provider.name,
            "serviceCode": "90847",
            "serviceDescription": CONJOINT,
            "feeCents": 12_500,
            "liveSessionId": first,
        },
        {
            "serviceDate": end.isoformat(),
            "durationMinutes": 60,
            "providerName": cast.provider.name,
            "serviceCode": "90847",
            "serviceDescription": CONJOINT,
            "feeCents": 15_000,
            "liveSessionId": second,
        },
    ]
    assert bill["totalCents"] == 27_500
    listed = await api.ok(SUPERBILLS, {"id": cast.room_id}, token=cast.primary.token)
    assert listed["room"]["superbills"] == [
        {"id": bill["id"], "periodStart": start.isoformat(), "totalCents": 27_500}
    ]


async def test_a_session_today_counts_once_it_is_over(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    now = utcnow()
    await insert_live_session(database, cast.room_id, starts_at=now - timedelta(minutes=30))
    over = await insert_live_session(
        database, cast.room_id, starts_at=now - timedelta(minutes=31), duration_minutes=30
    )

    payload = await request(
        api, cast.room_id, cast.primary.token, now.date() - timedelta(days=1), now.date()
    )

    assert [item["liveSessionId"] for item in payload["superbill"]["lineItems"]] == [over]


async def test_individual_rooms_bill_psychotherapy_by_length(api: Api, database: Database) -> None:
    person = await sign_up(api, name="Jamie")
    room_id = await enroll(api, person, "Individual Therapy")
    provider = await provider_of(api, database, room_id)
    day = utcnow().date() - timedelta(days=5)
    for hour, minutes in [(8, 30), (10, 45), (12, 60)]:
        await insert_live_session(
            database, room_id, starts_at=at(day, hour), duration_minutes=minutes
        )

    payload = await request(api, room_id, person.token, day, day)

    items = payload["superbill"]["lineItems"]
    assert [(i["serviceCode"], i["feeCents"], i["providerName"]) for i in items] == [
        ("90832", 9_000, provider.name),
        ("90834", 12_500, provider.name),
        ("90837", 15_000, provider.name),
    ]
    assert payload["superbill"]["totalCents"] == 36_500


async def test_the_period_may_span_twelve_months_but_no_more(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    year = utcnow().year - 2
    await insert_live_session(database, cast.room_id, starts_at=at(date(year, 6, 1), 12))

    full_year = await request(
        api, cast.room_id, cast.primary.token, date(year, 1, 1), date(year, 12, 31)
    )

    assert full_year["userErrors"] == []
    assert len(full_year["superbill"]["lineItems"]) == 1


async def _refused(
    api: Api, database: Database, cast: Cast, start: date, end: date
) -> dict[str, Any]:
    before = await table_counts(database)
    payload = await request(api, cast.room_id, cast.primary.token, start, end)
    assert payload["superbill"] is None
    assert await table_counts(database) == before
    [error] = payload["userErrors"]
    return dict(error)


async def test_bad_periods_are_refused(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    today = utcnow().date()
    year = today.year - 2
    await insert_live_session(database, cast.room_id, starts_at=at(today - timedelta(days=3), 9))
    await insert_live_session(database, cast.room_id, starts_at=at(date(year, 3, 1), 9))
    cases = [
        (
            today - timedelta(days=2),
            today - timedelta(days=3),
            "PERIOD_START_AFTER_END",
            "periodStart",
        ),
        (
            today - timedelta(days=10),
            today + timedelta(days=1),
            "PERIOD_ENDS_IN_FUTURE",
            "periodEnd",
        ),
        (
            today + timedelta(days=1),
            today + timedelta(days=2),
            "PERIOD_ENDS_IN_FUTURE",
            "periodEnd",
        ),
        (date(year, 1, 1), date(year + 1, 1, 1), "PERIOD_TOO_LONG", "periodEnd"),
        (date(year, 1, 1), date(year + 1, 6, 30), "PERIOD_TOO_LONG", "periodEnd"),
    ]

    for start, end, code, field in cases:
        error = await _refused(api, database, cast, start, end)
        assert (error["code"], error["field"]) == (code, ["input", field]), (start, end)


async def test_a_period_without_completed_sessions_is_refused(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    today = utcnow().date()
    await insert_live_session(
        database, cast.room_id, starts_at=at(today - timedelta(days=20), 9), cancelled=True
    )

    error = await _refused(
        api, database, cast, today - timedelta(days=30), today - timedelta(days=1)
    )

    assert (error["code"], error["field"]) == ("NO_COMPLETED_SESSIONS", None)
