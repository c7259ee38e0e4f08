"""Links lapse INVITE_TTL_SECONDS after their send; sends per room per hour are limited."""

from __future__ import annotations

import asyncio

from app.db import Database
from tests.conftest import ServerFactory, client_for
from tests.support.api import table_counts
from tests.support.invitations import (
    ACCEPT,
    INVITE,
    PREVIEW,
    RESEND,
    ROOM_INVITATIONS,
    codes,
    invite_and_read_link,
    outbox_idle,
    token_in,
)
from tests.support.mailbox import Mailbox
from tests.support.people import couples_room, new_email, sign_up


async def test_a_link_expires_and_a_resend_opens_a_fresh_window(
    start_server: ServerFactory, database: Database, mailbox: Mailbox
) -> None:
    server = await start_server(database, invite_ttl_seconds=2)
    async with client_for(server) as api:
        primary, room_id = await couples_room(api)
        partner = await sign_up(api, name="Jamie")
        invitation, link = await invite_and_read_link(
            api, mailbox, primary.token, room_id, partner.email
        )
        assert "2 seconds" in mailbox.to(partner.email)[0].body("plain")

        await asyncio.sleep(2.2)

        room = (await api.ok(ROOM_INVITATIONS, {"id": room_id}, token=primary.token))["room"]
        assert room["pendingInvitation"]["status"] == "EXPIRED"
        preview = (await api.ok(PREVIEW, {"token": link}))["invitationPreview"]
        assert preview["status"] == "EXPIRED"
        await outbox_idle(database)
        before = await table_counts(database)
        expired = await api.ok(ACCEPT, {"input": {"token": link}}, token=partner.token)
        assert codes(expired["acceptInvite"]) == ["INVITATION_EXPIRED"]
        assert await table_counts(database) == before

        resent = await api.ok(
            RESEND, {"input": {"invitationId": invitation["id"]}}, token=primary.token
        )
        assert resent["resendInvite"]["invitation"]["status"] == "PENDING"
        fresh = token_in((await mailbox.wait_for(partner.email, 2))[1])
        accepted = await api.ok(ACCEPT, {"input": {"token": fresh}}, token=partner.token)
        assert accepted["acceptInvite"]["userErrors"] == []


async def test_sends_over_the_hourly_limit_are_rate_limited_and_send_nothing(
    start_server: ServerFactory, database: Database, mailbox: Mailbox
) -> None:
    server = await start_server(database, invite_sends_per_hour=2)
    async with client_for(server) as api:
        primary, room_id = await couples_room(api)
        invitation, _ = await invite_and_read_link(
            api, mailbox, primary.token, room_id, new_email()
        )
        await api.ok(RESEND, {"input": {"invitationId": invitation["id"]}}, token=primary.token)
        await outbox_idle(database)
        before, mails = await table_counts(database), len(mailbox.messages)

        for document, variables in [
            (RESEND, {"input": {"invitationId": invitation["id"]}}),
            (INVITE, {"input": {"roomId": room_id, "email": new_email()}}),
        ]:
            error = await api.fails(document, variables, token=primary.token)
            assert error["extensions"]["code"] == "RATE_LIMITED"
            assert 0 < error["extensions"]["retryAfterSeconds"] <= 3600

        await outbox_idle(database)
        assert await table_counts(database) == before
        assert len(mailbox.messages) == mails
        # Another room is not affected.
        other, other_room = await couples_room(api)
        await invite_and_read_link(api, mailbox, other.token, other_room, new_email())
