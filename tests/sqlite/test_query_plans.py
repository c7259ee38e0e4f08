"""Every lookup of the screens a client opens most walks an index: SQLite's plan for each
SELECT they run has no full scan of a table (EXPLAIN QUERY PLAN)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

from app.db import Database
from app.models.base import utcnow
from tests.support.api import Api
from tests.support.people import enroll
from tests.support.room_life import cast_of_couples_room, insert_live_session, insert_messages

ROOM_SCREEN = """query($id: ID!) { room(id: $id) {
  id kind viewerRole showAddPartnerBanner viewerCan { invitePartner scheduleLiveSession }
  plan { name } provider { displayName } members { role user { displayName } }
  liveSessions { id startsAt status joinUrl canJoinNow }
  messages(first: 2) { edges { node { id body author { displayName } } }
    pageInfo { hasNextPage endCursor } }
  pendingInvitation { id } } }"""
NEXT_PAGE = """query($id: ID!, $after: String) { room(id: $id) {
  messages(first: 2, after: $after) { edges { node { body } } } } }"""
ROOM_LIST = """{ viewer { rooms { id showAddPartnerBanner provider { displayName }
  members { role user { displayName } } messages(first: 1) { edges { node { body } } } } } }"""
# A full scan of one of our tables (scans of a subquery's few materialised rows are fine).
FULL_SCAN = re.compile(r"^SCAN (\w+)")
TABLES = frozenset(SQLModel.metadata.tables)


@contextmanager
def selects(database: Database) -> Iterator[list[tuple[str, Any]]]:
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append((statement, parameters))

    event.listen(database.engine.sync_engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(database.engine.sync_engine, "before_cursor_execute", record)


def full_scans(database: Database, statements: list[tuple[str, Any]]) -> list[str]:
    path = make_url(database.url).database
    assert path
    connection = sqlite3.connect(path)
    try:
        found = []
        for statement, parameters in statements:
            plan = connection.execute(f"EXPLAIN QUERY PLAN {statement}", parameters).fetchall()
            found += [
                f"{detail} in: {' '.join(statement.split())[:160]}"
                for *_, detail in plan
                if (scan := FULL_SCAN.match(detail)) and scan.group(1) in TABLES
            ]
        return found
    finally:
        connection.close()


async def test_the_room_screen_and_room_lists_use_an_index_for_every_lookup(
    api: Api, database: Database
) -> None:
    cast = await cast_of_couples_room(api, database)
    for day in range(3):
        await insert_live_session(
            database, cast.room_id, starts_at=utcnow() + timedelta(days=1 + day)
        )
    await insert_messages(database, cast.room_id, cast.primary, ["a", "b", "c"], sent_at=utcnow())
    # A second room, so room lists read messages of several rooms in one statement.
    await enroll(api, cast.primary, "Couples Therapy Plus")

    with selects(database) as statements:
        room = (await api.ok(ROOM_SCREEN, {"id": cast.room_id}, token=cast.primary.token))["room"]
        after = room["messages"]["pageInfo"]["endCursor"]
        await api.ok(NEXT_PAGE, {"id": cast.room_id, "after": after}, token=cast.primary.token)
        for token in (cast.primary.token, cast.secondary.token, cast.provider.token):
            await api.ok(ROOM_LIST, token=token)

    assert len(room["liveSessions"]) == 3 and len(statements) >= 12, statements
    assert any("UNION ALL" in statement for statement, _ in statements)  # several rooms' pages
    assert full_scans(database, statements) == []
