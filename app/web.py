"""The Starlette application: /graphql, health checks."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from app.config import Settings, get_settings
from app.db import Database
from app.graphql.endpoint import GraphQLEndpoint
from app.graphql.schema import build_schema


def create_app(
    settings: Settings | None = None,
    database: Database | None = None,
    *,
    send_outbox: bool = False,
) -> Starlette:
    settings = settings or get_settings()
    database = database or Database(settings.database_url)
    schema = build_schema(introspection=not settings.is_production)
    graphql = GraphQLEndpoint(schema, database, settings)

    async def healthz(_: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(_: Request) -> Response:
        try:
            async with database.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
        except Exception:  # any failure means not ready; the reason goes to the log only
            return JSONResponse({"status": "unavailable"}, status_code=503)
        return JSONResponse({"status": "ready"})

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        yield
        await database.dispose()

    app = Starlette(
        routes=[
            Route("/graphql", graphql.handle, methods=["GET", "POST"]),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readyz, methods=["GET"]),
        ],
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.database = database
    return app
