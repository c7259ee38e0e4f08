"""Benchmarks only (BENCH_COUNT_SQL): count the SQL statements the engine sends."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import Request
from starlette.responses import JSONResponse, Response


class SqlCounter:
    def __init__(self, engine: AsyncEngine) -> None:
        self.statements = 0
        event.listen(engine.sync_engine, "before_cursor_execute", self._count)

    def _count(self, *_: Any) -> None:
        self.statements += 1

    async def endpoint(self, _: Request) -> Response:
        return JSONResponse({"statements": self.statements})
