"""A partner who has an account accepts signed in with the invited address, and only then."""

from __future__ import annotations

from app.db import Database
from tests.support.api import Api, table_counts
from tests.support.invitations import (
    ACCEPT,
    PREVIEW,
    SIGN_UP_WITH_INVITE,
    codes,
    invite_and_read_link,
    outbox_idle,
)
from tests.support.mailbox import Mailbox
from tests.support.people import couples_room, sign_up


async def test_existing_account_accepts_whatever_the_letter_case(
    api: Api, mailbox: Mailbox
) -> None:
    partner = await sign_up(api, name="Jamie")
    primary, room_id = await couples_room(api)
    _, link = await invite_and_read_link(
        api, mailbox, primary.token, room_id, partner.email.upper()
    )
    assert (await api.ok(PREVIEW, {"token": link}))["invitationPreview"][
        "invitedEmailHasAccount"
    ] is True

    payload = (await api.ok(ACCEPT, {"input": {"token": link}}, token=partner.token))[
        "acceptInvite"
    ]

    assert payload["userErrors"] == []
    assert payload["room"]["id"] == room_id and payload["room"]["viewerRole"] == "SECONDARY"
    listed = await api.ok("{ viewer { rooms { id viewerRole } } }", token=partner.token)
    assert listed["viewer"]["rooms"] == [{"id": room_id, "viewerRole": "SECONDARY"}]


async def test_the_wrong_account_gets_email_mismatch_naming_the_masked_address(
    api: Api, mailbox: Mailbox, database: Database
) -> None:
    primary, room_id = await couples_room(api)
    partner = await sign_up(api, name="Jamie")
    someone_else = await sign_up(api, name="Other")
    _, link = await invite_and_read_link(api, mailbox, primary.token, room_id, partner.email)
    await outbox_idle(database)
    before = await table_counts(database)

    payload = (await api.ok(ACCEPT, {"input": {"token": link}}, token=someone_else.token))[
        "acceptInvite"
    ]

    assert codes(payload) == ["EMAIL_MISMATCH"]
    assert payload["room"] is None
    message = payload["userErrors"][0]["message"]
    assert partner.email[:2] + "***@example.com" in message
    assert partner.email not in message
    assert await table_counts(database) == before
    # The right person can still accept afterwards.
    accepted = await api.ok(ACCEPT, {"input": {"token": link}}, token=partner.token)
    assert accepted["acceptInvite"]["userErrors"] == []


async def test_accepting_needs_a_sign_in(api: Api, mailbox: Mailbox, database: Database) -> None:
    primary, room_id = await couples_room(api)
    partner = await sign_up(api, name="Jamie")
    _, link = await invite_and_read_link(api, mailbox, primary.token, room_id, partner.email)
    await outbox_idle(database)
    before = await table_counts(database)

    error = await api.fails(ACCEPT, {"input": {"token": link}})

    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert await table_counts(database) == before


async def test_sign_up_from_the_link_when_the_address_has_an_account_is_refused(
    api: Api, mailbox: Mailbox, database: Database
) -> None:
    primary, room_id = await couples_room(api)
    partner = await sign_up(api, name="Jamie")
    _, link = await invite_and_read_link(api, mailbox, primary.token, room_id, partner.email)
    await outbox_idle(database)
    before = await table_counts(database)

    payload = (
        await api.ok(
            SIGN_UP_WITH_INVITE,
            {"input": {"token": link, "displayName": "Jamie", "password": "another password"}},
        )
    )["signUpWithInvite"]

    assert codes(payload) == ["ACCOUNT_EXISTS"]
    assert payload["session"] is None and payload["room"] is None
    assert await table_counts(database) == before
