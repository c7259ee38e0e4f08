"""GraphQL types for partner invitations."""

from __future__ import annotations

from datetime import datetime

import strawberry

from app.accounts.types import Session, User
from app.graphql.ids import to_global_id
from app.graphql.node import Node
from app.graphql.payloads import UserError
from app.invitations.service import Preview
from app.models import Invitation as InvitationRow
from app.models import InvitationState
from app.models.base import utcnow
from app.rooms.types import Room, RoomKind

InvitationStatus = strawberry.enum(
    InvitationState,
    name="InvitationStatus",
    description="PENDING: sent, link live. EXPIRED: the latest link lapsed (resend it). "
    "ACCEPTED: the partner joined. DECLINED: the partner said no. REVOKED: withdrawn or "
    "replaced by a newer invitation.",
)


@strawberry.type(
    description="An invitation for a partner to join a couples room. Only the room's primary "
    "sees invitations."
)
class Invitation(Node):
    email: str = strawberry.field(description="The invited address (normalised, lower case).")
    status: InvitationStatus = strawberry.field(description="Where the invitation stands now.")  # type: ignore[valid-type]
    created_at: datetime = strawberry.field(description="When the partner was first invited.")
    sent_at: datetime = strawberry.field(description="When the latest email (and link) went out.")
    expires_at: datetime = strawberry.field(
        description="When the latest link stops working (INVITE_TTL_SECONDS after `sentAt`)."
    )
    send_count: int = strawberry.field(description="Emails sent for it: 1 plus each resend.")
    accepted_at: datetime | None = strawberry.field(description="When the partner joined.")
    declined_at: datetime | None = strawberry.field(description="When the partner declined.")
    revoked_at: datetime | None = strawberry.field(
        description="When the primary revoked it or invited again."
    )

    @classmethod
    def from_row(cls, row: InvitationRow) -> Invitation:
        return cls(
            id=strawberry.ID(to_global_id("Invitation", row.id)),
            email=row.email,
            status=row.shown_status(utcnow()),
            created_at=row.created_at,
            sent_at=row.sent_at,
            expires_at=row.expires_at,
            send_count=row.send_count,
            accepted_at=row.accepted_at,
            declined_at=row.declined_at,
            revoked_at=row.revoked_at,
        )


@strawberry.type(
    description="What the landing page of an invitation link may show, without signing in. "
    "Reveals no clinical data and only a hint of the invited address."
)
class InvitationPreview:
    status: InvitationStatus = strawberry.field(  # type: ignore[valid-type]
        description="The invitation's status as seen through this link (EXPIRED once this "
        "link has lapsed)."
    )
    link_replaced: bool = strawberry.field(
        description="True when a newer email replaced this link: accepting it answers "
        "INVITATION_LINK_REPLACED; point the person to the latest email."
    )
    expires_at: datetime = strawberry.field(description="When this link stops working.")
    inviter_display_name: str = strawberry.field(description="Who sent the invitation.")
    room_kind: RoomKind = strawberry.field(description="The kind of room it joins.")  # type: ignore[valid-type]
    email_hint: str = strawberry.field(
        description="The invited address, masked (`jo***@example.com`)."
    )
    invited_email_has_account: bool = strawberry.field(
        description='True: show "log in to accept" (acceptInvite). False: show the sign-up '
        "form (signUpWithInvite)."
    )

    @classmethod
    def from_preview(cls, found: Preview) -> InvitationPreview:
        return cls(
            status=found.status,
            link_replaced=found.link_replaced,
            expires_at=found.expires_at,
            inviter_display_name=found.inviter_display_name,
            room_kind=found.room_kind,
            email_hint=found.email_hint,
            invited_email_has_account=found.invited_email_has_account,
        )


@strawberry.input(description="Invite a partner into a couples room by email.")
class InvitePartnerInput:
    room_id: strawberry.ID = strawberry.field(description="The couples room (you are its primary).")
    email: str = strawberry.field(description="Your partner's email address.")


@strawberry.input(description="Pick an invitation by ID.")
class InvitationIdInput:
    invitation_id: strawberry.ID = strawberry.field(description="ID of an Invitation.")


@strawberry.input(description="Act on the invitation an emailed link points to.")
class InvitationTokenInput:
    token: str = strawberry.field(
        description="The last path segment of the emailed link `{PUBLIC_WEB_URL}/invite/{token}`."
    )


@strawberry.input(description="Send the invitation again with a fresh link.")
class ResendInviteInput(InvitationIdInput):
    pass


@strawberry.input(description="Withdraw an invitation; its links stop working at once.")
class RevokeInviteInput(InvitationIdInput):
    pass


@strawberry.input(description="Decline an invitation from its link (no sign-in needed).")
class DeclineInviteInput(InvitationTokenInput):
    pass


@strawberry.input(description="Accept an invitation, signed in with the invited address.")
class AcceptInviteInput(InvitationTokenInput):
    pass


@strawberry.input(description="Create the partner's account from an invitation link, and join.")
class SignUpWithInviteInput:
    token: str = strawberry.field(description="The token from the emailed link.")
    display_name: str = strawberry.field(description="Name shown to your partner and provider.")
    password: str = strawberry.field(description="At least 10 characters.")


@strawberry.type(description="An invitation after the mutation, or why nothing happened.")
class InvitationResult:
    invitation: Invitation | None = strawberry.field(description="Null on userErrors.")
    user_errors: list[UserError] = strawberry.field(description="Empty on success.")


@strawberry.type(description="Result of invitePartner: the new PENDING invitation.")
class InvitePartnerPayload(InvitationResult):
    pass


@strawberry.type(description="Result of resendInvite: a fresh link and 24 hours.")
class ResendInvitePayload(InvitationResult):
    pass


@strawberry.type(description="Result of revokeInvite: the invitation, now REVOKED.")
class RevokeInvitePayload(InvitationResult):
    pass


@strawberry.type(description="Result of declineInvite: the invitation, now DECLINED.")
class DeclineInvitePayload(InvitationResult):
    pass


@strawberry.type(description="Result of acceptInvite.")
class AcceptInvitePayload:
    room: Room | None = strawberry.field(description="The room joined, as SECONDARY.")
    user_errors: list[UserError] = strawberry.field(description="Empty on success.")


@strawberry.type(description="Result of signUpWithInvite (browsers also get the session cookie).")
class SignUpWithInvitePayload:
    session: Session | None = strawberry.field(description="The new account's session.")
    viewer: User | None = strawberry.field(description="The new account.")
    room: Room | None = strawberry.field(description="The room joined, as SECONDARY.")
    user_errors: list[UserError] = strawberry.field(description="Empty on success.")
