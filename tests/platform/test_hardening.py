"""Security headers, CORS, production mode and masked internal errors."""

from __future__ import annotations

from sqlalchemy import text

from app.db import Database
from tests.conftest import ServerFactory, client_for
from tests.support.api import Api
from tests.support.people import PASSWORD, SIGN_UP, new_email

APP_ORIGIN = "https://app.example.com"


async def test_every_response_carries_security_headers(api: Api) -> None:
    for response in [
        await api.client.post("/graphql", json={"query": "{ __typename }"}),
        await api.client.get("/healthz"),
        await api.client.post(
            "/graphql", content=b"{", headers={"content-type": "application/json"}
        ),
    ]:
        headers = response.headers
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["cache-control"] == "no-store"
        assert headers["content-security-policy"].startswith("default-src 'none'")


async def test_cors_allows_only_the_configured_origins(start_server: ServerFactory) -> None:
    server = await start_server(cors_origins=APP_ORIGIN)
    preflight = {
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type",
    }
    async with client_for(server) as api:
        allowed = await api.client.options("/graphql", headers={"origin": APP_ORIGIN, **preflight})
        foreign = await api.client.options(
            "/graphql", headers={"origin": "https://evil.example.net", **preflight}
        )
        simple = await api.client.post(
            "/graphql",
            json={"query": "{ __typename }"},
            headers={"origin": "https://evil.example.net"},
        )

    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == APP_ORIGIN
    assert allowed.headers["access-control-allow-credentials"] == "true"
    assert foreign.status_code == 400
    assert "access-control-allow-origin" not in foreign.headers
    assert "access-control-allow-origin" not in simple.headers


async def test_production_hides_the_schema_and_secures_the_cookie(
    start_server: ServerFactory,
) -> None:
    server = await start_server(
        app_env="production", secret_key="a-production-secret-of-at-least-32-chars"
    )
    async with client_for(server) as api:
        introspection = await api.run("{ __schema { queryType { name } } }")
        typo = await api.run("{ viewr { id } }")
        signed_up = await api.run(
            SIGN_UP,
            {"input": {"email": new_email(), "password": PASSWORD, "displayName": "Sam"}},
        )
        hsts = (await api.client.get("/healthz")).headers.get("strict-transport-security")

    assert introspection.data is None and "BAD_USER_INPUT" in introspection.error_codes
    assert typo.error_codes == ["BAD_USER_INPUT"]
    assert "Did you mean" not in typo.errors[0]["message"]
    assert "secure" in signed_up.response.headers["set-cookie"].lower()
    assert hsts


async def test_development_still_suggests_corrections(api: Api) -> None:
    typo = await api.run("{ viewr { id } }")
    assert "Did you mean" in typo.errors[0]["message"]


async def test_unexpected_failures_are_masked_and_leak_nothing(
    start_server: ServerFactory,
) -> None:
    server = await start_server()
    database: Database = server.app.state.database
    async with database.unit_of_work() as db:
        cascade = "" if database.is_sqlite else " CASCADE"
        await db.execute(text(f"DROP TABLE plans{cascade}"))  # a real fault, not a mock

    async with client_for(server) as api:
        result = await api.run("{ plans { id name } }")

    (error,) = result.errors
    assert result.response.status_code == 200
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}
    body = result.response.text.lower()
    for leak in ["select", "plans ", "sqlalchemy", "traceback", ".py", "no such table", "relation"]:
        assert leak not in body, leak
