"""Invite, resend and revoke racing on one room: the end state is one of the orders, never both."""

from __future__ import annotations

import asyncio
from typing import Any

from app.db import Database
from tests.support.api import Api
from tests.support.invitations import (
    ACCEPT,
    INVITE,
    RESEND,
    REVOKE,
    ROOM_INVITATIONS,
    codes,
    invite_and_read_link,
    outbox_idle,
    token_in,
)
from tests.support.mailbox import Mailbox
from tests.support.people import couples_room, new_email, sign_up

ROUNDS = 4


async def _payload(api: Api, document: str, variables: dict[str, Any], token: str) -> Any:
    result = await api.run(document, variables, token=token)
    assert result.response.status_code == 200 and not result.errors, result.body
    return next(iter(result.data.values()))


async def test_inviting_again_while_revoking_leaves_exactly_the_new_invitation_pending(
    api: Api, mailbox: Mailbox
) -> None:
    for _ in range(ROUNDS):
        primary, room_id = await couples_room(api)
        first, _ = await invite_and_read_link(api, mailbox, primary.token, room_id, new_email())

        invited, revoked = await asyncio.gather(
            _payload(
                api, INVITE, {"input": {"roomId": room_id, "email": new_email()}}, primary.token
            ),
            _payload(api, REVOKE, {"input": {"invitationId": first["id"]}}, primary.token),
        )

        assert invited["userErrors"] == [] and revoked["userErrors"] == []
        room = (await api.ok(ROOM_INVITATIONS, {"id": room_id}, token=primary.token))["room"]
        statuses = {i["id"]: i["status"] for i in room["invitations"]}
        assert statuses == {invited["invitation"]["id"]: "PENDING", first["id"]: "REVOKED"}
        assert room["pendingInvitation"]["id"] == invited["invitation"]["id"]


async def test_resending_while_revoking_never_leaves_a_live_link(
    api: Api, mailbox: Mailbox, database: Database
) -> None:
    for _ in range(ROUNDS):
        primary, room_id = await couples_room(api)
        partner = await sign_up(api, name="Jamie")
        invitation, _ = await invite_and_read_link(
            api, mailbox, primary.token, room_id, partner.email
        )
        variables = {"input": {"invitationId": invitation["id"]}}

        resent, revoked = await asyncio.gather(
            _payload(api, RESEND, variables, primary.token),
            _payload(api, REVOKE, variables, primary.token),
        )

        assert revoked["userErrors"] == []
        assert codes(resent) in ([], ["INVITATION_NOT_RESENDABLE"])
        await outbox_idle(database)
        links = [token_in(mail) for mail in mailbox.to(partner.email)]
        assert len(links) == (1 if codes(resent) else 2)
        for link in links:
            refused = await _payload(api, ACCEPT, {"input": {"token": link}}, partner.token)
            assert codes(refused) in (["INVITATION_REVOKED"], ["INVITATION_LINK_REPLACED"])
