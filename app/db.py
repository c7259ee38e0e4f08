"""Async engine and the per-request unit of work."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from app import sqlite_driver

T = TypeVar("T")

# How long a transaction waits for another process to release SQLite's write lock.
SQLITE_BUSY_TIMEOUT = 30.0


class RequestFinished(RuntimeError):
    """A resolver left running after its request ended tried to use the request's session."""


class RequestSession(AsyncSession):
    """An AsyncSession that serialises its own statements and knows when they are done.

    GraphQL resolves sibling fields and DataLoader batches concurrently in one
    request; an AsyncSession must never run two statements at once, so each
    statement waits for the previous one. When a field fails, GraphQL can answer
    while sibling resolvers are still running: the request waits for them
    (`quiesce`) before it commits, and refuses statements after it ended (`finish`).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._statement_lock = asyncio.Lock()
        self._in_flight = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self._finished = False

    async def _statement(self, run: Callable[[], Awaitable[T]]) -> T:
        """Run one statement after the previous one, shielded from cancellation: GraphQL
        cancels sibling resolvers when a field fails, and a statement cut off midway
        would invalidate the connection (and with it the request's transaction)."""
        if self._finished:
            raise RequestFinished("the request this session belonged to has ended")
        self._in_flight += 1
        self._idle.clear()

        async def in_turn() -> T:
            try:
                async with self._statement_lock:
                    return await run()
            finally:
                self._in_flight -= 1
                if self._in_flight == 0:
                    self._idle.set()

        task = asyncio.ensure_future(in_turn())
        task.add_done_callback(_observe)
        return await asyncio.shield(task)

    async def quiesce(self) -> None:
        await self._idle.wait()

    def finish(self) -> None:
        self._finished = True

    async def execute(self, *args: Any, **kwargs: Any) -> Any:
        return await self._statement(lambda: super(RequestSession, self).execute(*args, **kwargs))

    async def scalar(self, *args: Any, **kwargs: Any) -> Any:
        return await self._statement(lambda: super(RequestSession, self).scalar(*args, **kwargs))

    async def get(self, *args: Any, **kwargs: Any) -> Any:
        return await self._statement(lambda: super(RequestSession, self).get(*args, **kwargs))

    async def flush(self, objects: Any = None) -> None:
        await self._statement(lambda: super(RequestSession, self).flush(objects))


def _observe(task: asyncio.Future[Any]) -> None:
    """Retrieve the outcome of a statement nobody waits for any more, so it is not logged."""
    if not task.cancelled():
        task.exception()


class Database:
    """Owns the engine; hands out sessions that commit once or roll back."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        self.engine = make_engine(url, echo=echo)
        self.sessions = async_sessionmaker(
            self.engine, class_=RequestSession, expire_on_commit=False, autoflush=False
        )
        # SQLite has one writer at a time and answers a read-then-write race with an
        # immediate SQLITE_BUSY; queueing this process's transactions here (FIFO, no
        # polling) keeps them from colliding. BEGIN IMMEDIATE guards against other processes.
        self._sqlite_turn = asyncio.Lock() if self.is_sqlite else None

    @asynccontextmanager
    async def unit_of_work(self) -> AsyncIterator[RequestSession]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        if self._sqlite_turn is None:
            async with self._transaction() as session:
                yield session
            return
        async with self._sqlite_turn, self._transaction() as session:
            yield session

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[RequestSession]:
        async with self.sessions() as session:
            try:
                yield session
                await session.quiesce()
                await session.commit()
            except BaseException:
                await session.quiesce()  # a statement cut loose by cancellation ends first
                await session.rollback()
                raise

    async def dispose(self) -> None:
        await self.engine.dispose()


def make_engine(url: str, *, echo: bool = False) -> AsyncEngine:
    if url.startswith("sqlite"):
        return _sqlite_engine(url, echo=echo)
    return create_async_engine(
        url, echo=echo, pool_size=10, max_overflow=10, pool_pre_ping=True, pool_recycle=1800
    )


def _sqlite_engine(url: str, *, echo: bool) -> AsyncEngine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    # Statements run on the loop's thread (see app.sqlite_driver), in autocommit mode:
    # pysqlite's own transaction handling breaks SAVEPOINT, so the events below take it
    # over (SQLAlchemy's documented recipe) and each mutation can run in a savepoint.
    engine = create_async_engine(
        url,
        echo=echo,
        async_creator=sqlite_driver.connector(database or ":memory:", SQLITE_BUSY_TIMEOUT),
    )

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
