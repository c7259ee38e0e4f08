"""logIn and logOut: one answer for any wrong pair; logging out ends the session at once."""

from __future__ import annotations

from app.db import Database
from tests.support.api import Api, table_counts
from tests.support.people import PASSWORD, log_in, sign_up

LOG_IN = """
mutation($input: LogInInput!) {
  logIn(input: $input) {
    session { token }
    viewer { email }
    userErrors { code field message }
  }
}
"""
LOG_OUT = "mutation { logOut { ended userErrors { code } } }"


async def test_log_in_is_case_insensitive_and_shows_the_viewer(api: Api) -> None:
    person = await sign_up(api)

    data = await api.ok(LOG_IN, {"input": {"email": person.email.upper(), "password": PASSWORD}})

    assert data["logIn"]["viewer"]["email"] == person.email
    token = data["logIn"]["session"]["token"]
    assert token != person.token
    assert (await api.ok("{ viewer { email } }", token=token))["viewer"]["email"] == person.email


async def test_wrong_password_and_unknown_address_answer_alike(
    api: Api, database: Database
) -> None:
    person = await sign_up(api)
    before = await table_counts(database)

    wrong_password = await api.ok(
        LOG_IN, {"input": {"email": person.email, "password": "not the password"}}
    )
    unknown = await api.ok(
        LOG_IN, {"input": {"email": "nobody@example.com", "password": "not the password"}}
    )
    malformed = await api.ok(LOG_IN, {"input": {"email": "nobody", "password": "x"}})

    assert wrong_password == unknown == malformed
    assert [e["code"] for e in unknown["logIn"]["userErrors"]] == ["INVALID_CREDENTIALS"]
    assert unknown["logIn"]["session"] is None
    assert await table_counts(database) == before


async def test_cookie_from_log_in_authenticates_json_posts(api: Api) -> None:
    person = await sign_up(api)
    api.client.cookies.clear()

    response = await api.client.post(
        "/graphql",
        json={
            "query": LOG_IN,
            "variables": {"input": {"email": person.email, "password": PASSWORD}},
        },
    )
    assert "tandem_session" in response.cookies

    viewer = await api.client.post("/graphql", json={"query": "{ viewer { email } }"})
    assert viewer.json()["data"]["viewer"]["email"] == person.email


async def test_log_out_ends_the_session_at_once(api: Api) -> None:
    person = await sign_up(api)
    token = await log_in(api, person.email, PASSWORD)

    result = await api.run(LOG_OUT, token=token)

    assert result.data["logOut"] == {"ended": True, "userErrors": []}
    assert "tandem_session=" in result.response.headers["set-cookie"]
    assert (await api.ok("{ viewer { id } }", token=token))["viewer"] is None
    error = await api.fails("{ providers { id } }", token=token)
    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    # The other session of the same person is untouched.
    assert (await api.ok("{ viewer { email } }", token=person.token))["viewer"]["email"]


async def test_log_out_when_signed_out_is_harmless(api: Api) -> None:
    assert (await api.ok(LOG_OUT))["logOut"] == {"ended": False, "userErrors": []}
