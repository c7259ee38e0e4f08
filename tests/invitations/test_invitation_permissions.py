"""Only the primary manages invitations: the secondary and the provider get FORBIDDEN,
strangers NOT_FOUND, anonymous callers UNAUTHENTICATED; none of them changes anything."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from app.db import Database
from tests.conftest import COUPLES_PROVIDER_EMAIL, PROVIDER_PASSWORD
from tests.support.api import Api, table_counts
from tests.support.invitations import (
    ACCEPT,
    INVITE,
    RESEND,
    REVOKE,
    invite_and_read_link,
    outbox_idle,
)
from tests.support.mailbox import Mailbox
from tests.support.people import couples_room, log_in, new_email, sign_up

REFUSAL = "Only the primary account holder can invite a partner or manage invitations."


@dataclass
class Couple:
    room_id: str
    invitation_id: str
    tokens: dict[str, str | None]


@pytest.fixture
async def couple(api: Api, mailbox: Mailbox) -> Couple:
    primary, room_id = await couples_room(api)
    partner = await sign_up(api, name="Jamie")
    _, link = await invite_and_read_link(api, mailbox, primary.token, room_id, partner.email)
    await api.ok(ACCEPT, {"input": {"token": link}}, token=partner.token)
    # A second, pending invitation cannot exist once a partner joined; an old one can.
    invitations = await api.ok(
        "query($id: ID!) { room(id: $id) { invitations { id } } }",
        {"id": room_id},
        token=primary.token,
    )
    return Couple(
        room_id=room_id,
        invitation_id=invitations["room"]["invitations"][0]["id"],
        tokens={
            "secondary": partner.token,
            "provider": await log_in(api, COUPLES_PROVIDER_EMAIL, PROVIDER_PASSWORD),
            "stranger": (await sign_up(api, name="Stranger")).token,
            "anonymous": None,
        },
    )


EXPECTED = {
    "secondary": "FORBIDDEN",
    "provider": "FORBIDDEN",
    "stranger": "NOT_FOUND",
    "anonymous": "UNAUTHENTICATED",
}


def _operations(couple: Couple) -> list[tuple[str, dict[str, Any]]]:
    return [
        (INVITE, {"input": {"roomId": couple.room_id, "email": new_email()}}),
        (RESEND, {"input": {"invitationId": couple.invitation_id}}),
        (REVOKE, {"input": {"invitationId": couple.invitation_id}}),
        ("query($id: ID!) { room(id: $id) { invitations { id } } }", {"id": couple.room_id}),
        ("query($id: ID!) { room(id: $id) { pendingInvitation { id } } }", {"id": couple.room_id}),
        ("query($id: ID!) { node(id: $id) { id } }", {"id": couple.invitation_id}),
    ]


@pytest.mark.parametrize("who", list(EXPECTED))
async def test_invitations_are_the_primarys_alone(
    api: Api, database: Database, mailbox: Mailbox, couple: Couple, who: str
) -> None:
    await outbox_idle(database)
    before, mails = await table_counts(database), len(mailbox.messages)

    for document, variables in _operations(couple):
        error = await api.fails(document, variables, token=couple.tokens[who])
        assert error["extensions"]["code"] == EXPECTED[who], (who, document)
        if EXPECTED[who] == "FORBIDDEN":
            assert error["message"] == REFUSAL

    await outbox_idle(database)
    assert await table_counts(database) == before
    assert len(mailbox.messages) == mails
