"""Fixtures: a real database (SQLite or a throwaway PostgreSQL), a real SMTP server,
and the real app under uvicorn, reached over HTTP.

`TANDEM_TEST_DB=postgres` runs the suite on PostgreSQL; the default is SQLite.
"""

from __future__ import annotations

import os

# Real Argon2id, at a cost the suite can afford hundreds of times (set before app imports).
os.environ.setdefault("TANDEM_PASSWORD_HASHING", "fast")
import tempfile
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import event

from app.config import Settings, load_settings
from app.db import Database
from app.migrate import migrate
from app.providers.service import create_provider
from app.web import create_app
from tests.support.api import Api
from tests.support.mailbox import Mailbox
from tests.support.postgres import PostgresCluster
from tests.support.server import RunningServer

BACKEND = os.environ.get("TANDEM_TEST_DB", "sqlite")
COUPLES_PROVIDER_EMAIL = "dr.lee@example.com"
INDIVIDUAL_PROVIDER_EMAIL = "dr.kim@example.com"
PROVIDER_PASSWORD = "provider password"


def pytest_report_header() -> str:
    return f"tandem database backend: {BACKEND}"


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster | None]:
    if BACKEND != "postgres":
        yield None
        return
    cluster = PostgresCluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def new_database_url(postgres: PostgresCluster | None) -> Iterator[Callable[[], str]]:
    """Makes an empty database on the backend under test."""
    directory = Path(tempfile.mkdtemp(prefix="tandem-test-"))

    def make() -> str:
        name = f"tandem_{uuid.uuid4().hex[:12]}"
        if postgres is not None:
            return postgres.create_database(name)
        return f"sqlite+aiosqlite:///{directory / name}.db"

    yield make


@pytest.fixture(scope="session")
def mailbox() -> Iterator[Mailbox]:
    box = Mailbox().start()
    yield box
    box.stop()


@pytest.fixture(scope="session")
def make_settings(mailbox: Mailbox) -> Callable[..., Settings]:
    def make(database_url: str, **overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "database_url": database_url,
            "app_env": "test",
            "smtp_host": "127.0.0.1",
            "smtp_port": mailbox.port,
            "public_web_url": "http://web.example.com",
            "video_base_url": "http://video.example.com/join",
            # Every test calls from 127.0.0.1: abuse limits get their own tests and servers.
            "login_failures_per_15_min": 10_000,
            "token_guesses_per_15_min": 10_000,
            **overrides,
        }
        return load_settings(_env_file=None, **values)

    return make


async def _prepared_database(url: str) -> Database:
    database = Database(url)
    await migrate(database)
    async with database.unit_of_work() as db:
        await create_provider(
            db,
            email=COUPLES_PROVIDER_EMAIL,
            password=PROVIDER_PASSWORD,
            name="Dr. Jordan Lee",
            accepts_couples=True,
        )
        await create_provider(
            db,
            email=INDIVIDUAL_PROVIDER_EMAIL,
            password=PROVIDER_PASSWORD,
            name="Dr. Casey Kim",
            accepts_couples=False,
        )
    return database


ServerFactory = Callable[..., Awaitable[RunningServer]]


@pytest.fixture(scope="session")
async def start_server(
    new_database_url: Callable[[], str], make_settings: Callable[..., Settings]
) -> AsyncIterator[ServerFactory]:
    """Starts another server; `database` shares one, otherwise it gets a fresh database."""
    running: list[RunningServer] = []

    async def start(
        database: Database | None = None,
        *,
        seed_providers: bool = True,
        send_outbox: bool = True,
        **overrides: Any,
    ) -> RunningServer:
        if database is None:
            url = new_database_url()
            if seed_providers:
                database = await _prepared_database(url)
            else:
                database = Database(url)
                await migrate(database)
        settings = make_settings(database.url, **overrides)
        server = await RunningServer.start(create_app(settings, database, send_outbox=send_outbox))
        running.append(server)
        return server

    yield start
    for server in reversed(running):
        await server.stop()


@pytest.fixture(scope="session")
async def server(start_server: ServerFactory) -> RunningServer:
    return await start_server()


@pytest.fixture(scope="session")
def database(server: RunningServer) -> Database:
    db: Database = server.app.state.database
    return db


@pytest.fixture
async def api(server: RunningServer) -> AsyncIterator[Api]:
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
        yield Api(client)


@asynccontextmanager
async def client_for(server: RunningServer) -> AsyncIterator[Api]:
    async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
        yield Api(client)


class StatementCounter:
    """Counts the SQL of requests. The outbox sender polls the same engine every second;
    its statements never count (they would land in the window at random)."""

    def __init__(self) -> None:
        self.statements: list[str] = []

    def __call__(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        # Transaction control is not work, and the in-process outbox sender polls on its own
        # schedule: neither belongs to the request being measured.
        if not statement.startswith("BEGIN") and "outbox_messages" not in statement:
            self.statements.append(statement)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_statements(database: Database) -> Callable[[], Any]:
    """`with count_statements() as counter:` counts the SQL the server runs meanwhile."""
    from contextlib import contextmanager

    @contextmanager
    def counting() -> Iterator[StatementCounter]:
        counter = StatementCounter()
        event.listen(database.engine.sync_engine, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            event.remove(database.engine.sync_engine, "before_cursor_execute", counter)

    return counting
