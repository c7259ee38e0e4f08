"""A small GraphQL client over real HTTP, and helpers that read the database."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import func, select

from app.db import Database
from app.models import SQLModel


class GraphQLResult:
    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self.body: dict[str, Any] = response.json()

    @property
    def data(self) -> Any:
        return self.body.get("data")

    @property
    def errors(self) -> list[dict[str, Any]]:
        return list(self.body.get("errors") or [])

    @property
    def error_codes(self) -> list[str]:
        return [error["extensions"]["code"] for error in self.errors]


class Api:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def run(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        token: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> GraphQLResult:
        sent = dict(headers or {})
        if token:
            sent["Authorization"] = f"Bearer {token}"
        response = await self.client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=sent
        )
        # Api speaks bearer tokens only; cookie behaviour is tested with the raw client.
        self.client.cookies.clear()
        return GraphQLResult(response)

    async def ok(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> Any:
        result = await self.run(query, variables, token=token)
        assert result.response.status_code == 200, result.body
        assert not result.errors, result.errors
        return result.data

    async def fails(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> dict[str, Any]:
        """The single top-level error an operation must answer with."""
        result = await self.run(query, variables, token=token)
        assert len(result.errors) == 1, result.body
        return result.errors[0]


# Records about requests rather than state: a refused attempt is expected to add to them.
BOOKKEEPING = frozenset({"throttle_events", "audit_events"})


async def table_counts(database: Database) -> dict[str, int]:
    """Rows per table (bookkeeping aside), to show that a refused operation changed nothing."""
    counts: dict[str, int] = {}
    async with database.sessions() as db:
        for name, table in SQLModel.metadata.tables.items():
            if name in BOOKKEEPING:
                continue
            counts[name] = int(await db.scalar(select(func.count()).select_from(table)) or 0)
    return counts
