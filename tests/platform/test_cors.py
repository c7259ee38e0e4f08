"""CORS_ORIGINS: the web app's origins may call with credentials; no other origin may."""

from __future__ import annotations

from tests.conftest import ServerFactory, client_for
from tests.support.people import sign_up

WEB_APP = "https://app.example.com"
PREFLIGHT = {
    "access-control-request-method": "POST",
    "access-control-request-headers": "content-type",
}


async def test_the_web_apps_origin_may_call_with_its_cookie(start_server: ServerFactory) -> None:
    server = await start_server(cors_origins=WEB_APP)
    async with client_for(server) as api:
        person = await sign_up(api)
        preflight = await api.client.options("/graphql", headers={"origin": WEB_APP, **PREFLIGHT})
        call = await api.client.post(
            "/graphql",
            json={"query": "{ viewer { id } }"},
            headers={"origin": WEB_APP, "cookie": f"tandem_session={person.token}"},
        )

    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == WEB_APP
    assert preflight.headers["access-control-allow-credentials"] == "true"
    assert "content-type" in preflight.headers["access-control-allow-headers"].lower()
    assert call.headers["access-control-allow-origin"] == WEB_APP
    assert call.json()["data"]["viewer"]["id"] == person.id


async def test_other_origins_get_no_cors_permission(start_server: ServerFactory) -> None:
    server = await start_server(cors_origins=WEB_APP)
    async with client_for(server) as api:
        preflight = await api.client.options(
            "/graphql", headers={"origin": "https://evil.example.net", **PREFLIGHT}
        )
        call = await api.client.post(
            "/graphql",
            json={"query": "{ __typename }"},
            headers={"origin": "https://evil.example.net"},
        )

    assert preflight.status_code == 400
    assert "access-control-allow-origin" not in preflight.headers
    assert "access-control-allow-origin" not in call.headers


async def test_without_cors_origins_no_origin_is_allowed(start_server: ServerFactory) -> None:
    server = await start_server()
    async with client_for(server) as api:
        call = await api.client.post(
            "/graphql", json={"query": "{ __typename }"}, headers={"origin": WEB_APP}
        )

    assert "access-control-allow-origin" not in call.headers
