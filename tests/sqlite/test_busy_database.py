"""Another process holding SQLite's write lock: requests wait for it without stopping the
server (app/sqlite_driver.py retries a busy database with asyncio.sleep)."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from app.db import Database
from app.sqlite_driver import connector
from tests.conftest import ServerFactory, client_for
from tests.support.people import couples_room

SEND = """mutation Send($i: SendMessageInput!) {
  sendMessage(input: $i) { message { body } userErrors { code } } }"""
MESSAGES = "query Messages($id: ID!) { room(id: $id) { messages { edges { node { body } } } } }"


def _file_of(database: Database) -> str:
    path = make_url(database.url).database
    assert path
    return path


async def test_a_write_waits_for_another_writer_while_the_server_keeps_answering(
    start_server: ServerFactory,
) -> None:
    server = await start_server()
    async with client_for(server) as api:
        primary, room_id = await couples_room(api)
        other_process = sqlite3.connect(_file_of(server.app.state.database), isolation_level=None)
        other_process.execute("BEGIN IMMEDIATE")  # holds the write lock, as a CLI command might
        try:
            sending = asyncio.ensure_future(
                api.ok(SEND, {"i": {"roomId": room_id, "body": "waited"}}, token=primary.token)
            )
            for _ in range(5):
                health = await api.client.get("/healthz")
                assert health.status_code == 200
                await asyncio.sleep(0.05)
            assert not sending.done()  # still waiting for the lock, and the loop is free
        finally:
            other_process.execute("ROLLBACK")
            other_process.close()
        sent = await sending
        assert sent["sendMessage"] == {"message": {"body": "waited"}, "userErrors": []}
        listed = await api.ok(MESSAGES, {"id": room_id}, token=primary.token)
        assert [e["node"]["body"] for e in listed["room"]["messages"]["edges"]] == ["waited"]


async def test_a_lock_held_past_the_busy_timeout_fails_the_statement(tmp_path: Path) -> None:
    path = str(tmp_path / "busy.db")
    other_process = sqlite3.connect(path, isolation_level=None)
    other_process.execute("CREATE TABLE notes (body TEXT)")
    other_process.execute("BEGIN IMMEDIATE")
    connection = await connector(path, busy_timeout=0.3)()
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            await connection.execute("BEGIN IMMEDIATE")
        other_process.execute("ROLLBACK")
        # The lock is free again: the same connection writes at once.
        await connection.execute("BEGIN IMMEDIATE")
        await connection.execute("INSERT INTO notes VALUES (?)", ("written",))
        await connection.commit()
    finally:
        await connection.close()
        other_process.close()
    check = sqlite3.connect(path)
    assert check.execute("SELECT body FROM notes").fetchall() == [("written",)]
    check.close()


async def test_an_error_other_than_busy_is_raised_at_once(tmp_path: Path) -> None:
    connection = await connector(str(tmp_path / "plain.db"), busy_timeout=30)()
    try:
        with pytest.raises(sqlite3.OperationalError, match="no such table"):
            await asyncio.wait_for(connection.execute("SELECT * FROM missing"), timeout=5)
    finally:
        await connection.close()
