"""Sessions end after idling too long, and at their absolute expiry whatever the use."""

from __future__ import annotations

import asyncio

from app.db import Database
from tests.conftest import ServerFactory, client_for
from tests.support.people import sign_up


async def test_an_idle_session_expires(start_server: ServerFactory, database: Database) -> None:
    server = await start_server(database, session_idle_seconds=1)
    async with client_for(server) as api:
        person = await sign_up(api)
        assert (await api.ok("{ viewer { id } }", token=person.token))["viewer"]

        await asyncio.sleep(1.3)

        assert (await api.ok("{ viewer { id } }", token=person.token))["viewer"] is None


async def test_a_session_in_use_still_ends_at_its_absolute_expiry(
    start_server: ServerFactory, database: Database
) -> None:
    server = await start_server(database, session_max_seconds=2)
    async with client_for(server) as api:
        person = await sign_up(api)
        for _ in range(3):
            assert (await api.ok("{ viewer { id } }", token=person.token))["viewer"]
            await asyncio.sleep(0.5)

        await asyncio.sleep(1.0)

        assert (await api.ok("{ viewer { id } }", token=person.token))["viewer"] is None
