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

T = TypeVar("T")
# Execution option naming how a SQLite transaction begins (DEFERRED or IMMEDIATE).
_SQLITE_BEGIN = "tandem_sqlite_begin"


class RequestSession(AsyncSession):
    """An AsyncSession that serialises its own statements and never abandons one halfway.

    GraphQL resolves sibling fields and DataLoader batches concurrently in one
    request; an AsyncSession must never run two statements at once, so each
    statement waits for the previous one.

    A statement also runs to completion when whoever awaits it is cancelled:
    graphql-core cancels the sibling fields of a non-null field that failed (say
    FORBIDDEN), and a DataLoader then cancels its batch. Interrupting the driver
    mid-statement would invalidate the connection and with it the request's
    transaction, turning a refusal into a server error. Commit and rollback wait
    for any such statement to finish.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._statement_lock = asyncio.Lock()

    async def _whole(self, work: Callable[[], Awaitable[T]]) -> T:
        async def in_turn() -> T:
            async with self._statement_lock:
                return await work()

        task = asyncio.ensure_future(in_turn())
        task.add_done_callback(_observe)
        return await asyncio.shield(task)

    async def execute(self, *args: Any, **kwargs: Any) -> Any:
        return await self._whole(lambda: AsyncSession.execute(self, *args, **kwargs))

    async def scalar(self, *args: Any, **kwargs: Any) -> Any:
        return await self._whole(lambda: AsyncSession.scalar(self, *args, **kwargs))

    async def get(self, *args: Any, **kwargs: Any) -> Any:
        return await self._whole(lambda: AsyncSession.get(self, *args, **kwargs))

    async def flush(self, objects: Any = None) -> None:
        await self._whole(lambda: AsyncSession.flush(self, objects))

    async def commit(self) -> None:
        await self._whole(lambda: AsyncSession.commit(self))

    async def rollback(self) -> None:
        await self._whole(lambda: AsyncSession.rollback(self))


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

    @asynccontextmanager
    async def unit_of_work(self) -> AsyncIterator[RequestSession]:
        """One transaction: committed when the block ends, rolled back if it raises.

        On SQLite it takes the write lock when it begins (any request may write: the
        session's last use, the audit trail), so concurrent requests queue on
        busy_timeout instead of the later one failing with "database is locked" when it
        first writes after reading. PostgreSQL keeps its row-level concurrency.
        """
        async with self.sessions() as session:
            try:
                if self.is_sqlite:
                    await session.connection(execution_options={_SQLITE_BEGIN: "IMMEDIATE"})
                yield session
                await session.commit()
            except BaseException:
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
    engine = create_async_engine(url, echo=echo, connect_args={"timeout": 30})

    # pysqlite's own transaction handling breaks SAVEPOINT; take it over (SQLAlchemy's
    # documented recipe) so each mutation can run in a savepoint.
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get(_SQLITE_BEGIN, "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine
