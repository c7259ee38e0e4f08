"""Every userError of the invitation mutations: a clear code, and nothing changed or sent."""

from __future__ import annotations

from typing import Any

import pytest

from app.db import Database
from tests.support.api import Api, table_counts
from tests.support.invitations import (
    ACCEPT,
    DECLINE,
    INVITE,
    ROOM_INVITATIONS,
    SIGN_UP_WITH_INVITE,
    codes,
    invite_and_read_link,
    outbox_idle,
)
from tests.support.mailbox import Mailbox
from tests.support.people import couples_room, enroll, new_email, sign_up


async def _refused(
    api: Api,
    database: Database,
    mailbox: Mailbox,
    document: str,
    variables: dict[str, Any],
    token: str | None,
) -> dict[str, Any]:
    await outbox_idle(database)
    before, mails_before = await table_counts(database), len(mailbox.messages)
    payload: dict[str, Any] = next(iter((await api.ok(document, variables, token=token)).values()))
    await outbox_idle(database)
    assert await table_counts(database) == before
    assert len(mailbox.messages) == mails_before
    return payload


@pytest.mark.parametrize(
    ("email", "code"),
    [("not an address", "INVALID_EMAIL"), ("someone@", "INVALID_EMAIL"), ("", "INVALID_EMAIL")],
)
async def test_invalid_addresses(
    api: Api, database: Database, mailbox: Mailbox, email: str, code: str
) -> None:
    primary, room_id = await couples_room(api)
    payload = await _refused(
        api,
        database,
        mailbox,
        INVITE,
        {"input": {"roomId": room_id, "email": email}},
        primary.token,
    )
    assert codes(payload) == [code]
    assert payload["userErrors"][0]["field"] == ["input", "email"]


async def test_cannot_invite_yourself_in_any_letter_case(
    api: Api, database: Database, mailbox: Mailbox
) -> None:
    primary, room_id = await couples_room(api)
    payload = await _refused(
        api,
        database,
        mailbox,
        INVITE,
        {"input": {"roomId": room_id, "email": f"  {primary.email.upper()} "}},
        primary.token,
    )
    assert codes(payload) == ["CANNOT_INVITE_SELF"]


async def test_individual_rooms_take_no_partner(
    api: Api, database: Database, mailbox: Mailbox
) -> None:
    person = await sign_up(api)
    room_id = await enroll(api, person, "Individual Therapy")
    payload = await _refused(
        api,
        database,
        mailbox,
        INVITE,
        {"input": {"roomId": room_id, "email": new_email()}},
        person.token,
    )
    assert codes(payload) == ["NOT_A_COUPLES_ROOM"]


async def test_one_partner_per_room(api: Api, database: Database, mailbox: Mailbox) -> None:
    primary, room_id = await couples_room(api)
    partner = await sign_up(api, name="Jamie")
    _, link = await invite_and_read_link(api, mailbox, primary.token, room_id, partner.email)
    await api.ok(ACCEPT, {"input": {"token": link}}, token=partner.token)

    payload = await _refused(
        api,
        database,
        mailbox,
        INVITE,
        {"input": {"roomId": room_id, "email": new_email()}},
        primary.token,
    )
    assert codes(payload) == ["PARTNER_ALREADY_JOINED"]
    room = (await api.ok(ROOM_INVITATIONS, {"id": room_id}, token=primary.token))["room"]
    assert room["viewerCan"]["invitePartner"] is False


@pytest.mark.parametrize("token", ["nonsense", "x" * 43, "", "y" * 500])
async def test_unknown_tokens_are_invalid_everywhere(
    api: Api, database: Database, mailbox: Mailbox, token: str
) -> None:
    someone = await sign_up(api)
    for document, variables, auth in [
        (ACCEPT, {"input": {"token": token}}, someone.token),
        (DECLINE, {"input": {"token": token}}, None),
        (
            SIGN_UP_WITH_INVITE,
            {"input": {"token": token, "displayName": "J", "password": "long enough pw"}},
            None,
        ),
    ]:
        payload = await _refused(api, database, mailbox, document, variables, auth)
        assert codes(payload) == ["INVALID_TOKEN"], document
    preview = await api.ok(
        "query($t: String!) { invitationPreview(token: $t) { status } }", {"t": token}
    )
    assert preview["invitationPreview"] is None


async def test_sign_up_from_the_link_with_a_short_password_changes_nothing(
    api: Api, database: Database, mailbox: Mailbox
) -> None:
    primary, room_id = await couples_room(api)
    _, link = await invite_and_read_link(api, mailbox, primary.token, room_id, new_email())

    payload = await _refused(
        api,
        database,
        mailbox,
        SIGN_UP_WITH_INVITE,
        {"input": {"token": link, "displayName": "Jamie", "password": "short"}},
        None,
    )

    assert codes(payload) == ["PASSWORD_TOO_SHORT"]
    room = (await api.ok(ROOM_INVITATIONS, {"id": room_id}, token=primary.token))["room"]
    assert room["pendingInvitation"]["status"] == "PENDING"
