"""The HTTP surface: health checks, GET for queries only, clear 4xx answers for bad requests."""

from __future__ import annotations

import httpx

from app.db import Database
from tests.support.api import Api, table_counts
from tests.support.people import PASSWORD, SIGN_UP, new_email, sign_up


async def test_health_and_readiness(api: Api) -> None:
    assert (await api.client.get("/healthz")).json() == {"status": "ok"}
    assert (await api.client.get("/readyz")).json() == {"status": "ready"}


async def test_typename_over_post_and_get(api: Api) -> None:
    assert await api.ok("{ __typename }") == {"__typename": "Query"}
    response = await api.client.get("/graphql", params={"query": "{ __typename }"})
    assert response.json() == {"data": {"__typename": "Query"}}


async def test_get_never_runs_a_mutation(api: Api, database: Database) -> None:
    before = await table_counts(database)
    variables = (
        f'{{"input": {{"email": "{new_email()}", "password": "{PASSWORD}", "displayName": "G"}}}}'
    )

    response = await api.client.get("/graphql", params={"query": SIGN_UP, "variables": variables})

    assert response.status_code == 405
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert await table_counts(database) == before


async def test_malformed_requests_get_400_with_bad_user_input(api: Api) -> None:
    cases = [
        b"{not json",
        b'[{"query": "{ __typename }"}]',
        b'{"query": 5}',
        b'{"query": "{ __typename }", "variables": [1]}',
    ]
    for body in cases:
        response = await api.client.post(
            "/graphql", content=body, headers={"content-type": "application/json"}
        )
        assert response.status_code == 400, body
        assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", body


async def test_invalid_documents_are_bad_user_input(api: Api) -> None:
    for query in ["{ nosuchfield }", "{ viewer { ", "query($id: ID!) { room(id: $id) { id } }"]:
        result = await api.run(query)
        assert result.response.status_code == 200
        assert result.error_codes == ["BAD_USER_INPUT"], result.body


async def test_simple_cross_site_content_types_are_refused_and_change_nothing(
    api: Api, database: Database
) -> None:
    person = await sign_up(api)
    before = await table_counts(database)
    document = '{"query": "mutation { logOut { ended } }"}'

    for content_type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]:
        response = await api.client.post(
            "/graphql",
            content=document,
            headers={"content-type": content_type, "cookie": f"tandem_session={person.token}"},
        )
        assert response.status_code == 415, content_type

    assert await table_counts(database) == before
    assert (await api.ok("{ viewer { id } }", token=person.token))["viewer"]["id"] == person.id


async def test_cookie_on_a_plain_get_carries_no_authority(api: Api) -> None:
    person = await sign_up(api)
    async with httpx.AsyncClient(base_url=str(api.client.base_url)) as browser:
        cookie = {"cookie": f"tandem_session={person.token}"}
        plain = await browser.get("/graphql", params={"query": "{ viewer { id } }"}, headers=cookie)
        preflighted = await browser.get(
            "/graphql",
            params={"query": "{ viewer { id } }"},
            headers={**cookie, "Apollo-Require-Preflight": "true"},
        )
    assert plain.json()["data"]["viewer"] is None
    assert preflighted.json()["data"]["viewer"]["id"] == person.id


async def test_graphiql_is_served_to_browsers_in_development(api: Api) -> None:
    # The test server runs with APP_ENV=test, where GraphiQL is on.
    response = await api.client.get("/graphql", headers={"accept": "text/html"})
    assert response.status_code == 200
    assert "graphiql" in response.text.lower()
