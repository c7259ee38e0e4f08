"""The operations in docs/examples, run as a client would run them, in the order of the flow."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphql import OperationDefinitionNode, parse

from tests.support.api import Api
from tests.support.invitations import token_in
from tests.support.mailbox import Mailbox
from tests.support.people import PASSWORD, new_email

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def example_names() -> list[str]:
    return [path.stem for path in sorted(EXAMPLES.glob("*.graphql"))]


def document(name: str) -> str:
    return (EXAMPLES / f"{name}.graphql").read_text(encoding="utf-8")


def operation(name: str) -> OperationDefinitionNode:
    """The one operation an example file holds."""
    (definition,) = parse(document(name)).definitions
    assert isinstance(definition, OperationDefinitionNode), name
    return definition


def declared_variables(name: str) -> set[str]:
    return {var.variable.name.value for var in operation(name).variable_definitions or ()}


@dataclass
class ExampleRun:
    """Runs examples and keeps every response body, per example, in the order they ran."""

    api: Api
    responses: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)

    async def run(
        self, name: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> dict[str, Any]:
        variables = variables or {}
        assert set(variables) == declared_variables(name), f"{name}: fill in every variable"
        result = await self.api.run(document(name), variables, token=token)
        self.responses.setdefault(name, []).append(result.body)
        self.order.append(name)
        assert result.response.status_code == 200, (name, result.body)
        assert not result.errors, (name, result.errors)
        for payload in result.data.values():
            if isinstance(payload, dict) and "userErrors" in payload:
                assert payload["userErrors"] == [], (name, payload)
        return dict(result.data)


async def _primary_with_room(run: ExampleRun, name: str) -> tuple[str, str]:
    """Steps 1, 2, 4: sign up and enroll in the couples plan; the session token and room."""
    plans = (await run.run("01-plans"))["plans"]
    plan_id = next(plan["id"] for plan in plans if plan["name"] == "Couples Therapy")
    email = new_email(name.lower())
    credentials = {"email": email, "password": PASSWORD}
    await run.run("02-sign-up", {**credentials, "displayName": name})
    token = (await run.run("03-log-in", credentials))["logIn"]["session"]["token"]
    room = await run.run("04-enroll-in-plan", {"planId": plan_id}, token=token)
    return token, room["enrollInPlan"]["room"]["id"]


async def new_partner_flow(run: ExampleRun, mailbox: Mailbox) -> None:
    """The primary invites, resends; the partner opens the newest link and signs up."""
    token, room_id = await _primary_with_room(run, "Sam")
    viewer = (await run.run("05-viewer", token=token))["viewer"]
    assert [room["id"] for room in viewer["rooms"]] == [room_id]
    details = (await run.run("06-room-details", {"roomId": room_id}, token=token))["room"]
    assert details["showAddPartnerBanner"] is True
    partner = new_email("jamie")
    invited = await run.run(
        "07-invite-partner", {"roomId": room_id, "partnerEmail": partner}, token=token
    )
    invitation_id = invited["invitePartner"]["invitation"]["id"]
    await run.run("08-resend-invite", {"invitationId": invitation_id}, token=token)
    section = (await run.run("09-room-invitations", {"roomId": room_id}, token=token))["room"]
    assert section["pendingInvitation"]["sendCount"] == 2
    link = token_in((await mailbox.wait_for(partner, 2))[1])
    preview = (await run.run("11-invitation-preview", {"token": link}))["invitationPreview"]
    assert preview["invitedEmailHasAccount"] is False and preview["linkReplaced"] is False
    joined = await run.run(
        "12-sign-up-with-invite",
        {"token": link, "partnerName": "Jamie", "partnerPassword": PASSWORD},
    )
    partner_token = joined["signUpWithInvite"]["session"]["token"]
    as_partner = await run.run("06-room-details", {"roomId": room_id}, token=partner_token)
    assert as_partner["room"]["viewerRole"] == "SECONDARY"
    after = (await run.run("06-room-details", {"roomId": room_id}, token=token))["room"]
    assert after["showAddPartnerBanner"] is False
    assert (await run.run("15-log-out", token=partner_token))["logOut"]["ended"] is True


async def existing_account_flow(run: ExampleRun, mailbox: Mailbox) -> None:
    """The partner already has an account: preview says so; they log in and accept."""
    token, room_id = await _primary_with_room(run, "Riley")
    partner = new_email("morgan")
    await run.run("02-sign-up", {"email": partner, "password": PASSWORD, "displayName": "Morgan"})
    await run.run("07-invite-partner", {"roomId": room_id, "partnerEmail": partner}, token=token)
    link = token_in((await mailbox.wait_for(partner))[0])
    preview = (await run.run("11-invitation-preview", {"token": link}))["invitationPreview"]
    assert preview["invitedEmailHasAccount"] is True
    signed_in = await run.run("03-log-in", {"email": partner, "password": PASSWORD})
    accepted = await run.run(
        "13-accept-invite", {"token": link}, token=signed_in["logIn"]["session"]["token"]
    )
    assert accepted["acceptInvite"]["room"]["viewerRole"] == "SECONDARY"


async def revoke_and_decline_flow(run: ExampleRun, mailbox: Mailbox) -> None:
    """The primary cancels one invitation and sends another, which the partner declines."""
    token, room_id = await _primary_with_room(run, "Avery")
    partner = new_email("quinn")
    variables = {"roomId": room_id, "partnerEmail": partner}
    first = await run.run("07-invite-partner", variables, token=token)
    await mailbox.wait_for(partner)  # so the next email is the second to arrive
    revoked = await run.run(
        "10-revoke-invite",
        {"invitationId": first["invitePartner"]["invitation"]["id"]},
        token=token,
    )
    assert revoked["revokeInvite"]["invitation"]["status"] == "REVOKED"
    await run.run("07-invite-partner", variables, token=token)
    link = token_in((await mailbox.wait_for(partner, 2))[1])
    declined = await run.run("14-decline-invite", {"token": link})
    assert declined["declineInvite"]["invitation"]["status"] == "DECLINED"
