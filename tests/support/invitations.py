"""The invitation flow as a client drives it, and reading what the mailbox received."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from sqlalchemy import func, select
from sqlmodel import col

from app.db import Database
from app.models import OutboxMessage
from tests.support.api import Api
from tests.support.mailbox import Mailbox, Received

INVITATION_FIELDS = "id email status sentAt expiresAt sendCount acceptedAt revokedAt declinedAt"
ERRORS = "userErrors { code field message }"

INVITE = f"""
mutation($input: InvitePartnerInput!) {{
  invitePartner(input: $input) {{ invitation {{ {INVITATION_FIELDS} }} {ERRORS} }}
}}"""
RESEND = f"""
mutation($input: ResendInviteInput!) {{
  resendInvite(input: $input) {{ invitation {{ {INVITATION_FIELDS} }} {ERRORS} }}
}}"""
REVOKE = f"""
mutation($input: RevokeInviteInput!) {{
  revokeInvite(input: $input) {{ invitation {{ {INVITATION_FIELDS} }} {ERRORS} }}
}}"""
DECLINE = f"""
mutation($input: DeclineInviteInput!) {{
  declineInvite(input: $input) {{ invitation {{ id status declinedAt }} {ERRORS} }}
}}"""
ACCEPT = f"""
mutation($input: AcceptInviteInput!) {{
  acceptInvite(input: $input) {{
    room {{ id viewerRole members {{ role user {{ displayName }} }} }}
    {ERRORS}
  }}
}}"""
SIGN_UP_WITH_INVITE = f"""
mutation($input: SignUpWithInviteInput!) {{
  signUpWithInvite(input: $input) {{
    session {{ token expiresAt }}
    viewer {{ id email displayName }}
    room {{ id viewerRole members {{ role user {{ displayName }} }} }}
    {ERRORS}
  }}
}}"""
PREVIEW = """
query($token: String!) {
  invitationPreview(token: $token) {
    status linkReplaced expiresAt inviterDisplayName roomKind emailHint invitedEmailHasAccount
  }
}"""
ROOM_INVITATIONS = f"""
query($id: ID!) {{
  room(id: $id) {{
    showAddPartnerBanner
    viewerCan {{ invitePartner }}
    pendingInvitation {{ {INVITATION_FIELDS} }}
    invitations {{ {INVITATION_FIELDS} }}
  }}
}}"""

_TOKEN = re.compile(r"/invite/([A-Za-z0-9_-]{20,})")


def token_in(mail: Received) -> str:
    found = _TOKEN.search(mail.body("plain"))
    assert found, mail.body("plain")
    return found.group(1)


async def invite(api: Api, token: str, room_id: str, email: str) -> dict[str, Any]:
    data = await api.ok(INVITE, {"input": {"roomId": room_id, "email": email}}, token=token)
    payload = data["invitePartner"]
    assert payload["userErrors"] == [], payload
    return dict(payload["invitation"])


async def invite_and_read_link(
    api: Api, mailbox: Mailbox, token: str, room_id: str, email: str
) -> tuple[dict[str, Any], str]:
    """Invite, wait for the email, and return the invitation and the token in its link."""
    already = len(mailbox.to(email))
    invitation = await invite(api, token, room_id, email)
    mails = await mailbox.wait_for(email, already + 1)
    return invitation, token_in(mails[already])


def codes(payload: dict[str, Any]) -> list[str]:
    return [error["code"] for error in payload["userErrors"]]


async def outbox_idle(database: Database, within: float = 20.0) -> None:
    """Wait until every queued email has been sent (so 'no email' checks are meaningful)."""
    deadline = asyncio.get_running_loop().time() + within
    while True:
        async with database.sessions() as db:
            unsent = await db.scalar(
                select(func.count()).where(col(OutboxMessage.sent_at).is_(None))
            )
        if not unsent:
            return
        assert asyncio.get_running_loop().time() < deadline, f"{unsent} emails still unsent"
        await asyncio.sleep(0.05)
