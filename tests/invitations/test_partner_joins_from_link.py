"""A partner without an account joins from the emailed link; the primary hears about it."""

from __future__ import annotations

from app.db import Database
from tests.support.api import Api
from tests.support.invitations import (
    PREVIEW,
    ROOM_INVITATIONS,
    SIGN_UP_WITH_INVITE,
    invite_and_read_link,
    outbox_idle,
    token_in,
)
from tests.support.mailbox import Mailbox
from tests.support.people import couples_room, new_email


async def test_the_invitation_email_is_discreet_and_carries_a_working_link(
    api: Api, mailbox: Mailbox
) -> None:
    primary, room_id = await couples_room(api, name="Alex <b>&</b>")
    partner_email = new_email("jamie")

    await invite_and_read_link(api, mailbox, primary.token, room_id, partner_email.upper())

    mail = mailbox.to(partner_email)[-1]
    assert "therap" not in mail.subject.lower() and "counsel" not in mail.subject.lower()
    assert "Alex <b>&</b>" in mail.subject
    text, html = mail.body("plain"), mail.body("html")
    assert "Alex <b>&</b>" in text and "24 hours" in text
    assert "Alex &lt;b&gt;&amp;&lt;/b&gt;" in html  # autoescaped
    assert f"http://web.example.com/invite/{token_in(mail)}" in text
    assert token_in(mail) in html
    assert mail.message["Message-ID"].endswith("@outbox.tandem>")


async def test_new_partner_previews_signs_up_from_the_link_and_joins(
    api: Api, mailbox: Mailbox, database: Database
) -> None:
    primary, room_id = await couples_room(api)
    partner_email = new_email("jamie")
    invitation, link_token = await invite_and_read_link(
        api, mailbox, primary.token, room_id, partner_email
    )

    preview = (await api.ok(PREVIEW, {"token": link_token}))["invitationPreview"]
    assert preview["status"] == "PENDING" and preview["linkReplaced"] is False
    assert preview["inviterDisplayName"] == "Alex"
    assert preview["roomKind"] == "COUPLES"
    assert preview["emailHint"] == partner_email[:2] + "***@example.com"
    assert preview["invitedEmailHasAccount"] is False

    result = await api.run(
        SIGN_UP_WITH_INVITE,
        {"input": {"token": link_token, "displayName": "Jamie", "password": "partner password"}},
    )
    joined = result.data["signUpWithInvite"]
    assert joined["userErrors"] == []
    assert joined["viewer"]["email"] == partner_email
    assert joined["room"]["id"] == room_id and joined["room"]["viewerRole"] == "SECONDARY"
    assert [m["role"] for m in joined["room"]["members"]] == ["PRIMARY", "SECONDARY"]
    assert "tandem_session=" in result.response.headers["set-cookie"]

    partner_token = joined["session"]["token"]
    seen = await api.ok(
        "query($id: ID!) { room(id: $id) { viewerRole showAddPartnerBanner "
        "viewerCan { invitePartner } } }",
        {"id": room_id},
        token=partner_token,
    )
    assert seen["room"] == {
        "viewerRole": "SECONDARY",
        "showAddPartnerBanner": False,
        "viewerCan": {"invitePartner": False},
    }

    primary_view = (await api.ok(ROOM_INVITATIONS, {"id": room_id}, token=primary.token))["room"]
    assert primary_view["showAddPartnerBanner"] is False
    assert primary_view["viewerCan"]["invitePartner"] is False
    assert primary_view["pendingInvitation"] is None
    accepted = primary_view["invitations"][0]
    assert accepted["id"] == invitation["id"] and accepted["status"] == "ACCEPTED"
    assert accepted["acceptedAt"] is not None

    joined_mail = (await mailbox.wait_for(primary.email))[0]
    assert joined_mail.subject == "Jamie accepted your invitation"
    assert "Jamie" in joined_mail.body("plain")
    await outbox_idle(database)
    assert len(mailbox.to(primary.email)) == 1
    assert len(mailbox.to(partner_email)) == 1
