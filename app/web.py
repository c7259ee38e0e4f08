"""The Starlette application: /graphql, GraphiQL, health checks, the outbox sender, dev pages."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from app.config import Settings, get_settings
from app.cors import cors_middleware
from app.db import Database
from app.devtools.mailbox import DevMailbox
from app.devtools.pages import dev_routes
from app.graphiql.assets import GraphiQLAssets
from app.graphiql.page import GraphiQLPage
from app.graphql.endpoint import GraphQLEndpoint
from app.graphql.schema import build_schema
from app.mail.sender import SmtpTarget
from app.mail.worker import OutboxWorker
from app.middleware import RequestLog, SecurityHeaders
from app.sql_counter import SqlCounter

log = logging.getLogger("tandem.web")


def create_app(
    settings: Settings | None = None,
    database: Database | None = None,
    *,
    send_outbox: bool = True,
) -> Starlette:
    settings = settings or get_settings()
    database = database or Database(settings.database_url)
    schema = build_schema(introspection=not settings.is_production)
    graphiql = (
        GraphiQLPage(GraphiQLAssets(settings.graphiql_assets_dir))
        if settings.graphiql_enabled
        else None
    )
    graphql = GraphQLEndpoint(schema, database, settings, graphiql)
    mailbox = DevMailbox(settings.dev_mailbox_dir) if settings.uses_dev_mailbox else None

    async def healthz(_: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(_: Request) -> Response:
        try:
            async with database.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except Exception:  # any failure means not ready; the reason goes to the log only
            log.warning("readiness check failed", exc_info=True)
            return JSONResponse({"status": "unavailable"}, status_code=503)
        return JSONResponse({"status": "ready"})

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        sender: asyncio.Task[None] | None = None
        if graphiql is not None:
            graphiql.warn_if_missing()
        if mailbox is not None:
            mailbox.start()
            log.info("development mailbox on 127.0.0.1:%s, read it at /dev/mailbox", mailbox.port)
        if send_outbox:
            target = (
                SmtpTarget("127.0.0.1", mailbox.port)
                if mailbox is not None
                else SmtpTarget.from_settings(settings)
            )
            graphql.outbox_worker = OutboxWorker(database, settings, target)
            sender = asyncio.create_task(graphql.outbox_worker.run())
        try:
            yield
        finally:
            if sender is not None and graphql.outbox_worker is not None:
                graphql.outbox_worker.stop()
                with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                    await asyncio.wait_for(sender, timeout=15)
            if mailbox is not None:
                mailbox.stop()
            await database.dispose()

    routes = [
        Route("/graphql", graphql.handle, methods=["GET", "POST"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
    ]
    if graphiql is not None:
        routes += graphiql.routes()
    if mailbox is not None:
        routes += dev_routes(mailbox, database, graphiql_enabled=graphiql is not None)
    if settings.bench_count_sql:
        routes.append(Route("/bench/sql-statements", SqlCounter(database.engine).endpoint))
    middleware = [
        *([Middleware(RequestLog)] if settings.request_log else []),
        Middleware(SecurityHeaders, production=settings.is_production),
        *cors_middleware(settings),
    ]
    app = Starlette(routes=routes, lifespan=lifespan, middleware=middleware)
    app.state.settings = settings
    app.state.database = database
    app.state.graphql = graphql
    return app
