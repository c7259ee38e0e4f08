"""Invitation queries and mutations: thin wrappers over invitations.service."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from app.accounts.resolvers import begin_session
from app.accounts.types import Session, User
from app.auth import throttle
from app.auth.capabilities import RoomRole
from app.errors import UserErrorCode
from app.graphql.context import Info
from app.graphql.ids import key_of
from app.graphql.payloads import UserError, attempt
from app.invitations import service
from app.invitations.types import (
    AcceptInviteInput,
    AcceptInvitePayload,
    DeclineInviteInput,
    DeclineInvitePayload,
    Invitation,
    InvitationPreview,
    InvitePartnerInput,
    InvitePartnerPayload,
    ResendInviteInput,
    ResendInvitePayload,
    RevokeInviteInput,
    RevokeInvitePayload,
    SignUpWithInviteInput,
    SignUpWithInvitePayload,
)
from app.models import Invitation as InvitationRow
from app.rooms.types import Room

T = TypeVar("T")


async def _against_guessing(info: Info, run: Callable[[], Awaitable[T]]) -> T:
    """Count unknown tokens per client; too many answer RATE_LIMITED before any lookup."""
    ctx = info.context
    limit = throttle.token_guesses(ctx.settings)
    await throttle.ensure_allowed(ctx.db, limit, ctx.client_address)
    result = await run()
    unknown = result is None or (
        isinstance(result, list) and any(e.code == UserErrorCode.INVALID_TOKEN for e in result)
    )
    if unknown:
        await throttle.note(ctx.db, limit, ctx.client_address)
    return result


def _invitation(
    result: InvitationRow | list[UserError],
) -> tuple[Invitation | None, list[UserError]]:
    if isinstance(result, list):
        return None, result
    return Invitation.from_row(result), []


async def invite_partner(info: Info, input: InvitePartnerInput) -> InvitePartnerPayload:
    ctx = info.context
    viewer = ctx.require_viewer()
    room_id = key_of(input.room_id, "Room")
    result = await attempt(
        info,
        lambda: service.invite_partner(
            ctx.db, ctx.settings, viewer, room_id=room_id, email=input.email
        ),
    )
    invitation, errors = _invitation(result)
    return InvitePartnerPayload(invitation=invitation, user_errors=errors)


async def resend_invite(info: Info, input: ResendInviteInput) -> ResendInvitePayload:
    ctx = info.context
    viewer = ctx.require_viewer()
    key = key_of(input.invitation_id, "Invitation")
    result = await attempt(
        info, lambda: service.resend_invite(ctx.db, ctx.settings, viewer, invitation_id=key)
    )
    invitation, errors = _invitation(result)
    return ResendInvitePayload(invitation=invitation, user_errors=errors)


async def revoke_invite(info: Info, input: RevokeInviteInput) -> RevokeInvitePayload:
    ctx = info.context
    viewer = ctx.require_viewer()
    key = key_of(input.invitation_id, "Invitation")
    result = await attempt(info, lambda: service.revoke_invite(ctx.db, viewer, invitation_id=key))
    invitation, errors = _invitation(result)
    return RevokeInvitePayload(invitation=invitation, user_errors=errors)


async def decline_invite(info: Info, input: DeclineInviteInput) -> DeclineInvitePayload:
    result = await _against_guessing(
        info,
        lambda: attempt(info, lambda: service.decline_invite(info.context.db, token=input.token)),
    )
    invitation, errors = _invitation(result)
    return DeclineInvitePayload(invitation=invitation, user_errors=errors)


async def accept_invite(info: Info, input: AcceptInviteInput) -> AcceptInvitePayload:
    ctx = info.context
    viewer = ctx.require_viewer()
    result = await _against_guessing(
        info,
        lambda: attempt(
            info, lambda: service.accept_invite(ctx.db, ctx.settings, viewer, token=input.token)
        ),
    )
    if isinstance(result, list):
        return AcceptInvitePayload(room=None, user_errors=result)
    return AcceptInvitePayload(room=Room.from_access(result), user_errors=[])


async def sign_up_with_invite(info: Info, input: SignUpWithInviteInput) -> SignUpWithInvitePayload:
    ctx = info.context
    result = await _against_guessing(
        info,
        lambda: attempt(
            info,
            lambda: service.sign_up_with_invite(
                ctx.db,
                ctx.settings,
                token=input.token,
                display_name=input.display_name,
                password=input.password,
            ),
        ),
    )
    if isinstance(result, list):
        return SignUpWithInvitePayload(session=None, viewer=None, room=None, user_errors=result)
    user, issued, access = result
    await begin_session(info, issued)
    assert access.role is RoomRole.SECONDARY
    return SignUpWithInvitePayload(
        session=Session(token=issued.token, expires_at=issued.expires_at),
        viewer=User.from_row(user),
        room=Room.from_access(access),
        user_errors=[],
    )


async def invitation_preview(info: Info, token: str) -> InvitationPreview | None:
    found = await _against_guessing(info, lambda: service.preview(info.context.db, token))
    return InvitationPreview.from_preview(found) if found else None
