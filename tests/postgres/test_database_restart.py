"""The database restarts under load: requests fail cleanly, then recover by themselves."""

from __future__ import annotations

import asyncio
from collections import Counter

from tests.conftest import ServerFactory, client_for
from tests.support.people import couples_room
from tests.support.postgres import PostgresCluster

ROOM = "query($id: ID!) { room(id: $id) { id kind members { role } } }"


async def test_requests_fail_cleanly_during_a_restart_and_recover_without_a_new_process(
    start_server: ServerFactory, postgres: PostgresCluster
) -> None:
    server = await start_server()
    async with client_for(server) as api:
        primary, room_id = await couples_room(api)
        outcomes: Counter[str] = Counter()
        stop = asyncio.Event()

        async def load() -> None:
            while not stop.is_set():
                result = await api.run(ROOM, {"id": room_id}, token=primary.token)
                assert result.response.status_code in (200, 500), result.response.text
                if result.errors:
                    (error,) = result.errors
                    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}
                    assert "postgres" not in result.response.text.lower()
                    outcomes["failed cleanly"] += 1
                else:
                    assert result.data["room"]["id"] == room_id
                    outcomes["ok"] += 1
                await asyncio.sleep(0.01)

        clients = [asyncio.create_task(load()) for _ in range(4)]
        await asyncio.sleep(0.5)
        await asyncio.to_thread(postgres.restart)
        await asyncio.sleep(1.0)
        stop.set()
        await asyncio.gather(*clients)

        after = [await api.run(ROOM, {"id": room_id}, token=primary.token) for _ in range(5)]
        ready = await api.client.get("/readyz")

    assert outcomes["ok"] > 0
    assert all(not result.errors for result in after), [r.body for r in after]
    assert ready.json() == {"status": "ready"}
