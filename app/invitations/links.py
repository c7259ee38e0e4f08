"""Invitation links: issuing one per send, finding the invitation behind a token."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.auth.tokens import hash_token, new_token, same_hash
from app.config import Settings
from app.errors import RateLimited, UserErrorCode, UserInputError
from app.mail.outbox import enqueue
from app.mail.render import describe_duration
from app.models import Invitation, InvitationLink, InvitationState
from app.rooms.service import lock_room

_HOUR = timedelta(hours=1)
MAX_TOKEN_LENGTH = 128


async def check_send_limit(
    db: AsyncSession, settings: Settings, room_id: uuid.UUID, now: datetime
) -> None:
    """At most INVITE_SENDS_PER_HOUR links per room in any hour."""
    count, oldest = (
        await db.execute(
            select(func.count(), func.min(col(InvitationLink.created_at))).where(
                col(InvitationLink.room_id) == room_id,
                col(InvitationLink.created_at) > now - _HOUR,
            )
        )
    ).one()
    if count >= settings.invite_sends_per_hour:
        retry_after = int((oldest + _HOUR - now).total_seconds()) + 1
        raise RateLimited(
            retry_after,
            f"This room has sent {count} invitation emails in the last hour. "
            f"Try again in {describe_duration(max(60, retry_after // 60 * 60))}.",
        )


async def send_link(
    db: AsyncSession, settings: Settings, invitation: Invitation, inviter_name: str, now: datetime
) -> None:
    """Issue a fresh link (a new 24-hour window) and queue the email that carries it."""
    await check_send_limit(db, settings, invitation.room_id, now)
    raw, digest = new_token()
    expires_at = now + timedelta(seconds=settings.invite_ttl_seconds)
    db.add(
        InvitationLink(
            invitation_id=invitation.id,
            room_id=invitation.room_id,
            token_hash=digest,
            created_at=now,
            expires_at=expires_at,
        )
    )
    invitation.sent_at = now
    invitation.expires_at = expires_at
    await enqueue(
        db,
        settings,
        template="invitation",
        to=invitation.email,
        values={
            "inviter": inviter_name,
            "expires_in": describe_duration(settings.invite_ttl_seconds),
            "expires_at": expires_at.strftime("%d %B %Y, %H:%M UTC"),
            "link_prefix": f"{settings.public_web_url}/invite/",
        },
        secret=raw,
    )


async def replace_links(db: AsyncSession, invitation: Invitation, now: datetime) -> None:
    await db.execute(
        update(InvitationLink)
        .where(
            col(InvitationLink.invitation_id) == invitation.id,
            col(InvitationLink.replaced_at).is_(None),
        )
        .values(replaced_at=now)
        .execution_options(synchronize_session=False)
    )


@dataclass(frozen=True)
class LinkedInvitation:
    invitation: Invitation
    link: InvitationLink


def _refusal(code: UserErrorCode, message: str) -> UserInputError:
    return UserInputError(code, message, ["input", "token"])


async def find_by_token(db: AsyncSession, token: str) -> LinkedInvitation | None:
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    link = (
        await db.execute(
            select(InvitationLink).where(col(InvitationLink.token_hash) == hash_token(token))
        )
    ).scalar_one_or_none()
    if link is None or not same_hash(link.token_hash, token):
        return None
    await lock_room(db, link.room_id)
    invitation = await db.get(Invitation, link.invitation_id, populate_existing=True)
    assert invitation is not None
    return LinkedInvitation(invitation, link)


async def usable_invitation(db: AsyncSession, token: str, now: datetime) -> LinkedInvitation:
    """The invitation behind a live link, checked in the contract's order."""
    found = await find_by_token(db, token)
    if found is None:
        raise _refusal(
            UserErrorCode.INVALID_TOKEN,
            "This invitation link is not valid. Check that you opened the whole link.",
        )
    invitation, link = found.invitation, found.link
    if link.replaced_at is not None:
        raise _refusal(
            UserErrorCode.INVITATION_LINK_REPLACED,
            "A newer invitation email replaced this link. Use the link in the latest email.",
        )
    status = InvitationState(invitation.status)
    if status is InvitationState.REVOKED:
        raise _refusal(UserErrorCode.INVITATION_REVOKED, "This invitation was withdrawn.")
    if status is InvitationState.DECLINED:
        raise _refusal(UserErrorCode.INVITATION_DECLINED, "This invitation was declined.")
    if status is InvitationState.EXPIRED or now >= link.expires_at:
        raise _refusal(
            UserErrorCode.INVITATION_EXPIRED,
            "This invitation link has expired. Ask your partner to send a new one.",
        )
    if status is InvitationState.ACCEPTED:
        raise _refusal(
            UserErrorCode.INVITATION_ALREADY_ACCEPTED, "This invitation has already been accepted."
        )
    return found
