"""signUp: a new account, a session, a browser cookie; bad input changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from app.db import Database
from tests.support.api import Api, table_counts
from tests.support.people import PASSWORD, SIGN_UP, new_email, sign_up


def _input(**overrides: Any) -> dict[str, Any]:
    return {
        "input": {"email": new_email(), "password": PASSWORD, "displayName": "Sam", **overrides}
    }


async def test_sign_up_returns_a_working_session_and_sets_a_cookie(api: Api) -> None:
    email = new_email("Mixed.Case")
    result = await api.run(SIGN_UP, _input(email=email.upper()))

    payload = result.data["signUp"]
    assert payload["userErrors"] == []
    assert payload["viewer"]["email"] == email.lower()
    assert payload["session"]["expiresAt"].endswith("+00:00")
    cookie = result.response.headers["set-cookie"].lower()
    assert "tandem_session=" in cookie and "httponly" in cookie and "samesite=lax" in cookie

    viewer = await api.ok("{ viewer { email displayName } }", token=payload["session"]["token"])
    assert viewer["viewer"] == {"email": email.lower(), "displayName": "Sam"}


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"password": "short"}, "PASSWORD_TOO_SHORT", ["input", "password"]),
        ({"password": "x" * 257}, "PASSWORD_TOO_LONG", ["input", "password"]),
        ({"email": "not-an-address"}, "INVALID_EMAIL", ["input", "email"]),
        ({"email": "someone@localhost"}, "INVALID_EMAIL", ["input", "email"]),
        ({"displayName": "   "}, "INVALID_DISPLAY_NAME", ["input", "displayName"]),
        ({"displayName": "n" * 81}, "INVALID_DISPLAY_NAME", ["input", "displayName"]),
    ],
)
async def test_invalid_sign_up_is_refused_and_changes_nothing(
    api: Api, database: Database, overrides: dict[str, Any], code: str, field: list[str]
) -> None:
    before = await table_counts(database)

    result = await api.run(SIGN_UP, _input(**overrides))

    payload = result.data["signUp"]
    assert [(e["code"], e["field"]) for e in payload["userErrors"]] == [(code, field)]
    assert payload["userErrors"][0]["message"]
    assert payload["session"] is None and payload["viewer"] is None
    assert "set-cookie" not in result.response.headers
    assert await table_counts(database) == before


async def test_one_account_per_address_whatever_the_letter_case(
    api: Api, database: Database
) -> None:
    existing = await sign_up(api)
    before = await table_counts(database)

    result = await api.run(SIGN_UP, _input(email=existing.email.upper()))

    assert [e["code"] for e in result.data["signUp"]["userErrors"]] == ["ACCOUNT_EXISTS"]
    assert await table_counts(database) == before


def test_production_hashing_is_argon2id_with_the_rfc_9106_profile() -> None:
    from app.auth.passwords import STANDARD

    digest = STANDARD.hash("a password to hash")
    assert digest.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert STANDARD.verify(digest, "a password to hash")
