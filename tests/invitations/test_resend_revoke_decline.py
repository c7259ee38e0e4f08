"""Resend replaces the link; revoke and decline kill it; supersede replaces the invitation."""

from __future__ import annotations

from app.db import Database
from tests.support.api import Api, table_counts
from tests.support.invitations import (
    ACCEPT,
    DECLINE,
    PREVIEW,
    RESEND,
    REVOKE,
    ROOM_INVITATIONS,
    SIGN_UP_WITH_INVITE,
    codes,
    invite,
    invite_and_read_link,
    outbox_idle,
    token_in,
)
from tests.support.mailbox import Mailbox
from tests.support.people import couples_room, new_email, sign_up


async def test_resend_sends_a_new_link_and_kills_every_earlier_one(
    api: Api, mailbox: Mailbox
) -> None:
    primary, room_id = await couples_room(api)
    partner = await sign_up(api, name="Jamie")
    invitation, first_link = await invite_and_read_link(
        api, mailbox, primary.token, room_id, partner.email
    )

    resent = (
        await api.ok(RESEND, {"input": {"invitationId": invitation["id"]}}, token=primary.token)
    )["resendInvite"]

    assert resent["userErrors"] == []
    assert resent["invitation"]["sendCount"] == 2
    assert resent["invitation"]["expiresAt"] > invitation["expiresAt"]
    second_link = token_in((await mailbox.wait_for(partner.email, 2))[1])
    assert second_link != first_link
    old_preview = (await api.ok(PREVIEW, {"token": first_link}))["invitationPreview"]
    assert old_preview["linkReplaced"] is True
    for document, variables, token in [
        (ACCEPT, {"input": {"token": first_link}}, partner.token),
        (DECLINE, {"input": {"token": first_link}}, None),
        (
            SIGN_UP_WITH_INVITE,
            {"input": {"token": first_link, "displayName": "J", "password": "long enough pw"}},
            None,
        ),
    ]:
        payload = next(iter((await api.ok(document, variables, token=token)).values()))
        assert codes(payload) == ["INVITATION_LINK_REPLACED"], document
    accepted = await api.ok(ACCEPT, {"input": {"token": second_link}}, token=partner.token)
    assert accepted["acceptInvite"]["userErrors"] == []


async def test_revoke_kills_the_link_at_once_and_is_idempotent(
    api: Api, mailbox: Mailbox, database: Database
) -> None:
    primary, room_id = await couples_room(api)
    partner = await sign_up(api, name="Jamie")
    invitation, link = await invite_and_read_link(
        api, mailbox, primary.token, room_id, partner.email
    )

    revoked = (
        await api.ok(REVOKE, {"input": {"invitationId": invitation["id"]}}, token=primary.token)
    )["revokeInvite"]
    assert revoked["userErrors"] == [] and revoked["invitation"]["status"] == "REVOKED"
    assert revoked["invitation"]["revokedAt"] is not None

    await outbox_idle(database)
    before = await table_counts(database)
    again = (
        await api.ok(REVOKE, {"input": {"invitationId": invitation["id"]}}, token=primary.token)
    )["revokeInvite"]
    assert again["userErrors"] == [] and again["invitation"] == revoked["invitation"]
    assert await table_counts(database) == before

    refused = await api.ok(ACCEPT, {"input": {"token": link}}, token=partner.token)
    assert codes(refused["acceptInvite"]) == ["INVITATION_REVOKED"]
    not_resendable = await api.ok(
        RESEND, {"input": {"invitationId": invitation["id"]}}, token=primary.token
    )
    assert codes(not_resendable["resendInvite"]) == ["INVITATION_NOT_RESENDABLE"]
    room = (await api.ok(ROOM_INVITATIONS, {"id": room_id}, token=primary.token))["room"]
    assert room["pendingInvitation"] is None and room["showAddPartnerBanner"] is True
    assert await table_counts(database) == before
    assert len(mailbox.to(partner.email)) == 1


async def test_an_accepted_invitation_can_be_neither_revoked_nor_resent(
    api: Api, mailbox: Mailbox, database: Database
) -> None:
    primary, room_id = await couples_room(api)
    partner = await sign_up(api, name="Jamie")
    invitation, link = await invite_and_read_link(
        api, mailbox, primary.token, room_id, partner.email
    )
    await api.ok(ACCEPT, {"input": {"token": link}}, token=partner.token)
    await outbox_idle(database)
    before = await table_counts(database)

    revoke = await api.ok(
        REVOKE, {"input": {"invitationId": invitation["id"]}}, token=primary.token
    )
    resend = await api.ok(
        RESEND, {"input": {"invitationId": invitation["id"]}}, token=primary.token
    )
    accept_again = await api.ok(ACCEPT, {"input": {"token": link}}, token=partner.token)

    assert codes(revoke["revokeInvite"]) == ["INVITATION_ALREADY_ACCEPTED"]
    assert codes(resend["resendInvite"]) == ["INVITATION_NOT_RESENDABLE"]
    assert codes(accept_again["acceptInvite"]) == ["INVITATION_ALREADY_ACCEPTED"]
    assert await table_counts(database) == before


async def test_decline_needs_no_sign_in_and_kills_the_link(
    api: Api, mailbox: Mailbox, database: Database
) -> None:
    primary, room_id = await couples_room(api)
    partner = await sign_up(api, name="Jamie")
    _, link = await invite_and_read_link(api, mailbox, primary.token, room_id, partner.email)

    declined = (await api.ok(DECLINE, {"input": {"token": link}}))["declineInvite"]
    assert declined["userErrors"] == [] and declined["invitation"]["status"] == "DECLINED"

    await outbox_idle(database)
    before = await table_counts(database)
    again = await api.ok(DECLINE, {"input": {"token": link}})
    accept = await api.ok(ACCEPT, {"input": {"token": link}}, token=partner.token)
    assert codes(again["declineInvite"]) == ["INVITATION_DECLINED"]
    assert codes(accept["acceptInvite"]) == ["INVITATION_DECLINED"]
    assert await table_counts(database) == before

    room = (await api.ok(ROOM_INVITATIONS, {"id": room_id}, token=primary.token))["room"]
    assert room["pendingInvitation"] is None
    assert room["invitations"][0]["status"] == "DECLINED"
    assert room["showAddPartnerBanner"] is True


async def test_inviting_again_replaces_the_pending_invitation(api: Api, mailbox: Mailbox) -> None:
    primary, room_id = await couples_room(api)
    typo = new_email("jamei")
    right = new_email("jamie")
    first, first_link = await invite_and_read_link(api, mailbox, primary.token, room_id, typo)

    second = await invite(api, primary.token, room_id, right)

    room = (await api.ok(ROOM_INVITATIONS, {"id": room_id}, token=primary.token))["room"]
    assert room["pendingInvitation"]["id"] == second["id"]
    assert [(i["id"], i["status"]) for i in room["invitations"]] == [
        (second["id"], "PENDING"),
        (first["id"], "REVOKED"),
    ]
    refused = await api.ok(DECLINE, {"input": {"token": first_link}})
    assert codes(refused["declineInvite"]) == ["INVITATION_REVOKED"]
    await mailbox.wait_for(right)
