"""The outbox: durable, retried with backoff, each email sent once however many workers."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from app.db import Database
from app.mail.sender import SmtpTarget
from app.mail.worker import OutboxWorker, retry_delay
from app.models import OutboxMessage
from tests.conftest import ServerFactory, client_for
from tests.support.invitations import invite, outbox_idle
from tests.support.mailbox import Mailbox
from tests.support.people import couples_room, new_email


@pytest.fixture
def own_mailbox() -> Iterator[Mailbox]:
    """An SMTP server of the test's own, not started yet."""
    box = Mailbox()
    yield box
    box.stop()


async def _rows(database: Database) -> list[OutboxMessage]:
    async with database.sessions() as db:
        return list((await db.execute(select(OutboxMessage))).scalars())


def test_backoff_starts_within_seconds_and_grows_with_jitter() -> None:
    first = [retry_delay(1) for _ in range(50)]
    assert all(1.0 <= delay <= 2.0 for delay in first)
    assert len(set(first)) > 1  # jitter
    assert all(delay <= 15 * 60 for delay in (retry_delay(n) for n in range(1, 40)))
    assert min(retry_delay(6) for _ in range(20)) > max(first)


async def test_smtp_down_at_invite_time_then_up_delivers_exactly_once(
    start_server: ServerFactory, own_mailbox: Mailbox
) -> None:
    server = await start_server(smtp_port=own_mailbox.port)
    database: Database = server.app.state.database
    async with client_for(server) as api:
        primary, room_id = await couples_room(api)
        partner = new_email("jamie")
        started = asyncio.get_running_loop().time()
        await invite(api, primary.token, room_id, partner)
        assert asyncio.get_running_loop().time() - started < 2  # the mutation never waits on SMTP

        for _ in range(100):
            rows = await _rows(database)
            if rows and rows[0].attempts >= 1:
                break
            await asyncio.sleep(0.05)
        assert rows[0].sent_at is None and rows[0].last_error
        assert rows[0].sealed_secret is not None

        own_mailbox.start()
        await own_mailbox.wait_for(partner, within=20)
        await outbox_idle(database)
        await asyncio.sleep(0.5)

        assert len(own_mailbox.to(partner)) == 1
        (row,) = await _rows(database)
        assert row.sent_at is not None and row.sealed_secret is None


async def test_two_workers_draining_one_outbox_send_each_email_once(
    start_server: ServerFactory, own_mailbox: Mailbox
) -> None:
    server = await start_server(send_outbox=False, smtp_port=own_mailbox.port)
    settings = server.app.state.settings
    own_mailbox.start()
    partners = [new_email(f"p{i}") for i in range(12)]
    async with client_for(server) as api:
        for partner in partners:
            primary, room_id = await couples_room(api)
            await invite(api, primary.token, room_id, partner)

    target = SmtpTarget("127.0.0.1", own_mailbox.port)
    databases = [Database(settings.database_url) for _ in range(2)]
    workers = [
        OutboxWorker(db, settings, target, name=f"worker-{i}", batch_size=3)
        for i, db in enumerate(databases)
    ]

    async def drain(worker: OutboxWorker) -> int:
        total = 0
        while sent := await worker.drain_once():
            total += sent
        return total

    try:
        handled = await asyncio.gather(*(drain(worker) for worker in workers))
    finally:
        for db in databases:
            await db.dispose()

    assert sum(handled) == len(partners)
    for partner in partners:
        assert len(await own_mailbox.wait_for(partner)) == 1
    await asyncio.sleep(0.3)
    ids = Counter(str(m.message["Message-ID"]) for m in own_mailbox.messages)
    assert len(ids) == len(partners) and set(ids.values()) == {1}


async def test_queued_email_survives_a_restart(
    start_server: ServerFactory, own_mailbox: Mailbox
) -> None:
    first = await start_server(send_outbox=False, smtp_port=own_mailbox.port)
    database: Database = first.app.state.database
    own_mailbox.start()
    partner = new_email("jamie")
    async with client_for(first) as api:
        primary, room_id = await couples_room(api)
        await invite(api, primary.token, room_id, partner)
    await first.stop()  # the process that queued it is gone; nothing was sent
    assert own_mailbox.to(partner) == []

    await start_server(Database(database.url), smtp_port=own_mailbox.port)

    assert len(await own_mailbox.wait_for(partner)) == 1
