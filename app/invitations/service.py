"""Inviting a partner into a couples room, and the partner's answer."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from app.accounts.emails import mask_email, normalize_email
from app.accounts.service import create_account, find_user_by_email
from app.auth.capabilities import Capability, RoomRole
from app.auth.sessions import IssuedSession, start_session
from app.auth.viewer import Viewer
from app.config import Settings
from app.errors import NotFound, UserErrorCode, UserInputError
from app.invitations.links import (
    find_by_token,
    replace_links,
    send_link,
    usable_invitation,
)
from app.mail.outbox import enqueue
from app.models import (
    Invitation,
    InvitationState,
    MemberRole,
    Room,
    RoomKind,
    RoomMember,
    User,
)
from app.models.base import utcnow
from app.rooms.service import RoomAccess, has_secondary, lock_room, require_in_room, room_for


def _partner_already_joined(field: list[str] | None = None) -> UserInputError:
    return UserInputError(
        UserErrorCode.PARTNER_ALREADY_JOINED,
        "Your partner has already joined this room; a room has room for one partner.",
        field,
    )


async def invite_partner(
    db: AsyncSession, settings: Settings, viewer: Viewer, *, room_id: uuid.UUID, email: str
) -> Invitation:
    access = await require_in_room(db, viewer, room_id, Capability.MANAGE_INVITATIONS)
    await lock_room(db, room_id)
    if access.room.kind != RoomKind.COUPLES:
        raise UserInputError(
            UserErrorCode.NOT_A_COUPLES_ROOM,
            "Only couples rooms take a partner.",
            ["input", "roomId"],
        )
    if await has_secondary(db, room_id):
        raise _partner_already_joined(["input", "roomId"])
    address = normalize_email(email, ["input", "email"])
    if address == viewer.user.email:
        raise UserInputError(
            UserErrorCode.CANNOT_INVITE_SELF,
            "Enter your partner's email address, not your own.",
            ["input", "email"],
        )
    now = utcnow()
    await _supersede_open_invitation(db, room_id, now)
    invitation = Invitation(
        room_id=room_id, inviter_id=viewer.user_id, email=address, created_at=now, expires_at=now
    )
    db.add(invitation)
    await db.flush()
    await send_link(db, settings, invitation, viewer.user.display_name, now)
    await db.flush()
    return invitation


async def _supersede_open_invitation(db: AsyncSession, room_id: uuid.UUID, now: datetime) -> None:
    """Inviting again replaces the open invitation (a typo in the address is the usual case)."""
    current = await open_invitation(db, room_id)
    if current is None:
        return
    if current.shown_status(now) is InvitationState.EXPIRED:
        current.status = InvitationState.EXPIRED
    else:
        current.status = InvitationState.REVOKED
        current.revoked_at = now
    await db.flush()


async def _managed_invitation(
    db: AsyncSession, viewer: Viewer, invitation_id: uuid.UUID
) -> tuple[Invitation, RoomAccess]:
    invitation = await db.get(Invitation, invitation_id)
    if invitation is None:
        raise NotFound("No invitation with this ID is visible to you.")
    access = await room_for(db, viewer, invitation.room_id)
    access.require(Capability.MANAGE_INVITATIONS)
    await lock_room(db, invitation.room_id)
    await db.refresh(invitation)
    return invitation, access


async def resend_invite(
    db: AsyncSession, settings: Settings, viewer: Viewer, *, invitation_id: uuid.UUID
) -> Invitation:
    invitation, _ = await _managed_invitation(db, viewer, invitation_id)
    if invitation.status != InvitationState.PENDING:
        raise UserInputError(
            UserErrorCode.INVITATION_NOT_RESENDABLE,
            "Only a pending or expired invitation can be sent again. Invite your partner anew.",
            ["input", "invitationId"],
        )
    if await has_secondary(db, invitation.room_id):
        raise _partner_already_joined(["input", "invitationId"])
    now = utcnow()
    await replace_links(db, invitation, now)
    await send_link(db, settings, invitation, viewer.user.display_name, now)
    invitation.send_count += 1
    await db.flush()
    return invitation


async def revoke_invite(
    db: AsyncSession, viewer: Viewer, *, invitation_id: uuid.UUID
) -> Invitation:
    invitation, _ = await _managed_invitation(db, viewer, invitation_id)
    if invitation.status == InvitationState.ACCEPTED:
        raise UserInputError(
            UserErrorCode.INVITATION_ALREADY_ACCEPTED,
            "Your partner has already accepted this invitation; it can no longer be revoked.",
            ["input", "invitationId"],
        )
    if invitation.status == InvitationState.PENDING:
        invitation.status = InvitationState.REVOKED
        invitation.revoked_at = utcnow()
        await db.flush()
    return invitation


async def decline_invite(db: AsyncSession, *, token: str) -> Invitation:
    now = utcnow()
    invitation = (await usable_invitation(db, token, now)).invitation
    invitation.status = InvitationState.DECLINED
    invitation.declined_at = now
    await db.flush()
    return invitation


async def accept_invite(
    db: AsyncSession, settings: Settings, viewer: Viewer, *, token: str
) -> RoomAccess:
    now = utcnow()
    invitation = (await usable_invitation(db, token, now)).invitation
    if viewer.user.email != invitation.email:
        raise UserInputError(
            UserErrorCode.EMAIL_MISMATCH,
            f"This invitation was sent to {mask_email(invitation.email)}. "
            "Sign in with that address to accept it.",
            ["input", "token"],
        )
    return await _join(db, settings, invitation, viewer.user, now)


async def sign_up_with_invite(
    db: AsyncSession, settings: Settings, *, token: str, display_name: str, password: str
) -> tuple[User, IssuedSession, RoomAccess]:
    now = utcnow()
    invitation = (await usable_invitation(db, token, now)).invitation
    if await find_user_by_email(db, invitation.email) is not None:
        raise UserInputError(
            UserErrorCode.ACCOUNT_EXISTS,
            f"An account already uses {mask_email(invitation.email)}. "
            "Log in with it, then accept the invitation.",
            ["input", "token"],
        )
    if await has_secondary(db, invitation.room_id):
        raise _partner_already_joined(["input", "token"])
    # The address is the one the link was sent to: following the link proves it.
    user = await create_account(
        db,
        email=invitation.email,
        password=password,
        display_name=display_name,
        email_verified=True,
    )
    access = await _join(db, settings, invitation, user, now)
    return user, await start_session(db, user, settings), access


async def _join(
    db: AsyncSession, settings: Settings, invitation: Invitation, user: User, now: datetime
) -> RoomAccess:
    if await has_secondary(db, invitation.room_id):
        raise _partner_already_joined(["input", "token"])
    db.add(RoomMember(room_id=invitation.room_id, user_id=user.id, role=MemberRole.SECONDARY))
    try:
        await db.flush()
    except IntegrityError:  # the partial unique index: a concurrent join won
        raise _partner_already_joined(["input", "token"]) from None
    invitation.status = InvitationState.ACCEPTED
    invitation.accepted_at = now
    invitation.accepted_by_id = user.id
    if user.email_verified_at is None:
        user.email_verified_at = now
    primary = await db.get(User, invitation.inviter_id)
    room = await db.get(Room, invitation.room_id)
    assert primary is not None and room is not None
    await enqueue(
        db,
        settings,
        template="partner_joined",
        to=primary.email,
        values={
            "primary": primary.display_name,
            "partner": user.display_name,
            "web_url": settings.public_web_url,
        },
    )
    await db.flush()
    return RoomAccess(room, RoomRole.SECONDARY, has_partner=True)


async def open_invitation(db: AsyncSession, room_id: uuid.UUID) -> Invitation | None:
    return (
        await db.execute(
            select(Invitation).where(
                col(Invitation.room_id) == room_id,
                col(Invitation.status) == InvitationState.PENDING,
            )
        )
    ).scalar_one_or_none()


@dataclass(frozen=True)
class Preview:
    status: InvitationState
    link_replaced: bool
    expires_at: datetime
    inviter_display_name: str
    room_kind: RoomKind
    email_hint: str
    invited_email_has_account: bool


async def preview(db: AsyncSession, token: str) -> Preview | None:
    """What the link's landing page may show: no clinical data, the address masked."""
    found = await find_by_token(db, token)
    if found is None:
        return None
    invitation, link = found.invitation, found.link
    now = utcnow()
    status = InvitationState(invitation.status)
    if status is InvitationState.PENDING and now >= link.expires_at:
        status = InvitationState.EXPIRED
    inviter = await db.get(User, invitation.inviter_id)
    room = await db.get(Room, invitation.room_id)
    assert inviter is not None and room is not None
    return Preview(
        status=status,
        link_replaced=link.replaced_at is not None,
        expires_at=link.expires_at,
        inviter_display_name=inviter.display_name,
        room_kind=RoomKind(room.kind),
        email_hint=mask_email(invitation.email),
        invited_email_has_account=await find_user_by_email(db, invitation.email) is not None,
    )
