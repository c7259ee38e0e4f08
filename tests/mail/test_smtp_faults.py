"""SMTP servers that misbehave: the API never waits on them, and nothing is lost or doubled."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.db import Database
from tests.conftest import ServerFactory, client_for
from tests.support.invitations import invite, outbox_idle
from tests.support.mailbox import Mailbox, _Handler
from tests.support.people import couples_room, new_email

ROOT = Path(__file__).resolve().parents[2]


class SilentServer:
    """Accepts TCP connections and never says a word (no SMTP greeting)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self._server: asyncio.Server | None = None
        self.connections = 0

    async def start(self) -> None:
        async def hold(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            self.connections += 1
            await reader.read()  # until the client gives up
            writer.close()

        self._server = await asyncio.start_server(hold, "127.0.0.1", self.port)

    async def stop(self) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()


async def test_an_smtp_server_that_never_answers_delays_nothing_and_loses_nothing(
    start_server: ServerFactory,
) -> None:
    mailbox = Mailbox()
    silent = SilentServer(mailbox.port)
    await silent.start()
    server = await start_server(smtp_port=mailbox.port, smtp_timeout_seconds=1)
    database: Database = server.app.state.database
    partner = new_email("jamie")
    try:
        async with client_for(server) as api:
            primary, room_id = await couples_room(api)
            started = time.monotonic()
            await invite(api, primary.token, room_id, partner)
            assert time.monotonic() - started < 1.0  # the request never waits for SMTP

            for _ in range(100):
                if silent.connections:
                    break
                await asyncio.sleep(0.05)
            await asyncio.sleep(1.5)  # the attempt times out and is rescheduled
            assert silent.connections >= 1

            await silent.stop()
            mailbox.start()  # the server "answers" now
            assert len(await mailbox.wait_for(partner, within=30)) == 1
            await outbox_idle(database)
            await asyncio.sleep(0.5)
            assert len(mailbox.to(partner)) == 1
    finally:
        mailbox.stop()


class SlowHandler(_Handler):
    """Takes its time over each message, and keeps it only if the sender is still there
    to hear the 250 (as a careful server commits only what it acknowledges)."""

    def __init__(self, box: Mailbox, delay: float) -> None:
        super().__init__(box)
        self.delay = delay
        self.started = threading.Event()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.started.set()
        await asyncio.sleep(self.delay)
        if server.transport is None or server.transport.is_closing():
            return "421 Sender went away"
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def slow_mailbox() -> Iterator[tuple[Mailbox, SlowHandler]]:
    from aiosmtpd.controller import Controller

    box = Mailbox()
    handler = SlowHandler(box, delay=1.0)
    box._controller = Controller(handler, hostname="127.0.0.1", port=box.port)
    box.start()
    yield box, handler
    box.stop()


async def test_a_worker_killed_mid_batch_loses_nothing_and_sends_nothing_twice(
    start_server: ServerFactory, slow_mailbox: tuple[Mailbox, SlowHandler], tmp_path: Path
) -> None:
    mailbox, handler = slow_mailbox
    queued = await start_server(send_outbox=False)
    database: Database = queued.app.state.database
    partners = [new_email(f"p{i}") for i in range(4)]
    async with client_for(queued) as api:
        for partner in partners:
            primary, room_id = await couples_room(api)
            await invite(api, primary.token, room_id, partner)

    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": database.url,
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(mailbox.port),
        "APP_ENV": "test",
        "OUTBOX_LEASE_SECONDS": "3",
    }
    worker = subprocess.Popen(  # noqa: ASYNC220 - started once, never waited on in the loop
        [sys.executable, "-m", "app", "worker"],
        cwd=ROOT,
        env=env,
        stdout=(tmp_path / "worker.log").open("wb"),
        stderr=subprocess.STDOUT,
    )
    try:
        # Let it deliver the first message, then kill it while the second is in DATA.
        await mailbox.wait_for(partners[0], within=30)
        handler.started.clear()
        await asyncio.to_thread(handler.started.wait, 10)
        await asyncio.sleep(0.3)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            worker.kill()

    # Another sender takes over once the dead worker's lease runs out.
    await start_server(database, smtp_port=mailbox.port, outbox_lease_seconds=3)
    for partner in partners:
        await mailbox.wait_for(partner, within=60)
    await outbox_idle(database, within=60)
    await asyncio.sleep(1.5)
    for partner in partners:
        assert len(mailbox.to(partner)) == 1, partner
