"""Building people and rooms through the public API, as a client would."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass

from tests.support.api import Api

PASSWORD = "correct horse battery"
_counter = itertools.count()

SIGN_UP = """
mutation SignUp($input: SignUpInput!) {
  signUp(input: $input) {
    session { token expiresAt }
    viewer { id displayName email }
    userErrors { code field message }
  }
}
"""

ENROLL = """
mutation Enroll($input: EnrollInPlanInput!) {
  enrollInPlan(input: $input) {
    subscription { id coverage plan { name } }
    room { id kind viewerRole }
    userErrors { code field message }
  }
}
"""

PLANS = "{ plans { id name isCouples } }"


def new_email(prefix: str = "person") -> str:
    return f"{prefix}.{next(_counter)}.{uuid.uuid4().hex[:8]}@example.com"


@dataclass(frozen=True)
class Person:
    id: str
    email: str
    name: str
    token: str


async def sign_up(api: Api, *, email: str | None = None, name: str = "Robin") -> Person:
    email = email or new_email("".join(ch for ch in name.lower() if ch.isalnum()) or "person")
    data = await api.ok(
        SIGN_UP, {"input": {"email": email, "password": PASSWORD, "displayName": name}}
    )
    payload = data["signUp"]
    assert payload["userErrors"] == [], payload
    return Person(payload["viewer"]["id"], email, name, payload["session"]["token"])


async def log_in(api: Api, email: str, password: str) -> str:
    data = await api.ok(
        "mutation($i: LogInInput!) { logIn(input: $i) { session { token } userErrors { code } } }",
        {"i": {"email": email, "password": password}},
    )
    assert data["logIn"]["userErrors"] == [], data
    return str(data["logIn"]["session"]["token"])


async def plan_id(api: Api, name: str) -> str:
    plans = (await api.ok(PLANS))["plans"]
    return str(next(plan["id"] for plan in plans if plan["name"] == name))


async def enroll(api: Api, person: Person, plan_name: str = "Couples Therapy") -> str:
    data = await api.ok(
        ENROLL,
        {"input": {"planId": await plan_id(api, plan_name), "coverage": "SELF_PAY"}},
        token=person.token,
    )
    payload = data["enrollInPlan"]
    assert payload["userErrors"] == [], payload
    return str(payload["room"]["id"])


async def couples_room(api: Api, name: str = "Alex") -> tuple[Person, str]:
    primary = await sign_up(api, name=name)
    return primary, await enroll(api, primary)
