"""SQLite statements run on the event loop's own thread, for SQLAlchemy's aiosqlite dialect.

aiosqlite hands every call (cursor, execute, fetch, close, commit) to a thread of its
own and back. SQLite answers from its page cache in microseconds, so those hand-offs
were most of a request's time (measured in `scripts/bench`: about half of the room
screen's wall time was the loop waiting for the thread). This process already runs
one SQLite transaction at a time (`Database.unit_of_work`), so nothing is gained by
the thread.

The one call that can wait is taking the write lock while another process (a CLI
command, a second worker) holds it. Instead of SQLite's busy timeout, which would block
the whole event loop, a busy database is retried here with `asyncio.sleep` until
`busy_timeout` seconds have passed; a statement answered with SQLITE_BUSY did nothing,
so trying it again is safe.

The objects below provide exactly the awaitable surface that SQLAlchemy's adapter uses
from an aiosqlite connection (`async_creator` of `create_async_engine`).
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

_BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
_FIRST_RETRY_SECONDS = 0.002
_LONGEST_RETRY_SECONDS = 0.1


async def _when_not_busy(call: Callable[[], T], busy_timeout: float) -> T:
    deadline: float | None = None
    delay = _FIRST_RETRY_SECONDS
    while True:
        try:
            return call()
        except sqlite3.OperationalError as error:
            if getattr(error, "sqlite_errorcode", None) not in _BUSY:
                raise
            now = time.monotonic()
            if deadline is None:
                deadline = now + busy_timeout
            if now >= deadline:
                raise
            await asyncio.sleep(min(delay, deadline - now))
            delay = min(delay * 2, _LONGEST_RETRY_SECONDS)


class InlineCursor:
    """An aiosqlite-shaped cursor whose coroutines finish without leaving the thread."""

    def __init__(self, cursor: sqlite3.Cursor, busy_timeout: float) -> None:
        self._cursor = cursor
        self._busy_timeout = busy_timeout

    async def __aenter__(self) -> InlineCursor:
        return self

    async def __aexit__(self, *_exc: object) -> None:
        self._cursor.close()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value

    async def execute(self, sql: str, parameters: Any = ()) -> InlineCursor:
        await _when_not_busy(lambda: self._cursor.execute(sql, parameters), self._busy_timeout)
        return self

    async def executemany(self, sql: str, parameters: Iterable[Any]) -> InlineCursor:
        rows = list(parameters)
        await _when_not_busy(lambda: self._cursor.executemany(sql, rows), self._busy_timeout)
        return self

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> Sequence[Any]:
        return self._cursor.fetchmany(self._cursor.arraysize if size is None else size)

    async def fetchall(self) -> Sequence[Any]:
        return self._cursor.fetchall()

    async def nextset(self) -> None:
        return None

    async def close(self) -> None:
        self._cursor.close()


class InlineConnection:
    """An aiosqlite-shaped connection over a `sqlite3.Connection` in autocommit mode
    (SQLAlchemy's events issue BEGIN IMMEDIATE themselves, see `app.db`)."""

    def __init__(self, connection: sqlite3.Connection, busy_timeout: float) -> None:
        # SQLAlchemy's adapter reads `_connection` to learn whether it is still open.
        self._connection: sqlite3.Connection | None = connection
        self._busy_timeout = busy_timeout

    @property
    def _open(self) -> sqlite3.Connection:
        if self._connection is None:
            raise sqlite3.ProgrammingError("Cannot operate on a closed database.")
        return self._connection

    @property
    def isolation_level(self) -> str | None:
        return self._open.isolation_level

    def cursor(self) -> InlineCursor:
        return InlineCursor(self._open.cursor(), self._busy_timeout)

    async def execute(self, sql: str, parameters: Any = ()) -> InlineCursor:
        return await self.cursor().execute(sql, parameters)

    async def create_function(self, *args: Any, **kwargs: Any) -> None:
        self._open.create_function(*args, **kwargs)

    async def commit(self) -> None:
        connection = self._open
        await _when_not_busy(connection.commit, self._busy_timeout)

    async def rollback(self) -> None:
        self._open.rollback()

    async def close(self) -> None:
        self.stop()

    def stop(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def connector(database: str, busy_timeout: float) -> Callable[[], Any]:
    """`async_creator` for `create_async_engine`: a connection in autocommit mode that
    waits for a busy database without blocking the loop."""

    async def connect() -> InlineConnection:
        connection = sqlite3.connect(
            database,
            timeout=0,
            isolation_level=None,
            check_same_thread=False,
            detect_types=0,
            uri=database.startswith("file:"),
        )
        return InlineConnection(connection, busy_timeout)

    return connect
