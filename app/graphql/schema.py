"""The schema: root types assembled from each domain's resolvers."""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaxTokensLimiter,
    ParserCache,
    ValidationCache,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.types import ExecutionContext

from app.accounts import resolvers as accounts
from app.accounts.types import AuthPayload, LogOutPayload, User
from app.assessments import resolvers as assessments
from app.assessments.types import (
    Assessment,
    AssessmentTemplate,
    RespondToAssessmentPayload,
    SendAssessmentPayload,
)
from app.billing import resolvers as billing
from app.billing.types import RequestSuperbillPayload, Superbill
from app.graphql import nodes
from app.graphql.limits import MAX_TOKENS, DocumentLimits
from app.graphql.node import Node
from app.graphql.permissions import room_mutation
from app.invitations import resolvers as invitations
from app.invitations.types import (
    AcceptInvitePayload,
    DeclineInvitePayload,
    Invitation,
    InvitationPreview,
    InvitePartnerPayload,
    ResendInvitePayload,
    RevokeInvitePayload,
    SignUpWithInvitePayload,
)
from app.live_sessions import resolvers as live_sessions
from app.live_sessions.types import (
    CancelLiveSessionPayload,
    LiveSession,
    ScheduleLiveSessionPayload,
)
from app.messaging import resolvers as messaging
from app.messaging.types import Message, SendMessagePayload
from app.plans import resolvers as plans
from app.plans.types import EnrollInPlanPayload, Plan, Subscription
from app.providers import resolvers as providers
from app.providers.types import ChangeProviderPayload, Provider
from app.rooms import resolvers as rooms
from app.rooms.types import Room


@strawberry.type(description="Entry points for reading.")
class Query:
    viewer: User | None = strawberry.field(
        resolver=accounts.viewer, description="The signed-in person; null when anonymous."
    )
    plans: list[Plan] = strawberry.field(
        resolver=plans.plans, description="The plan catalogue. Public: no sign-in needed."
    )
    room: Room | None = strawberry.field(
        resolver=rooms.room,
        description="A room the viewer belongs to or serves. NOT_FOUND otherwise "
        "(a missing room and someone else's answer alike).",
    )
    providers: list[Provider] = strawberry.field(
        resolver=providers.providers,
        description="Therapists, by name. By default only those accepting couples. Signed in.",
    )
    invitation_preview: InvitationPreview | None = strawberry.field(
        resolver=invitations.invitation_preview,
        description="What an invitation link's landing page may show; no sign-in needed. "
        "Null when the token matches no link.",
    )
    assessment_templates: list[AssessmentTemplate] = strawberry.field(
        resolver=assessments.assessment_templates,
        description="The questionnaires a provider can send with `sendAssessment`. Signed in.",
    )
    node: Node | None = strawberry.field(
        resolver=nodes.node,
        description="Refetch any object by global ID, with the same visibility rules as its "
        "typed field (NOT_FOUND when not visible).",
    )


@strawberry.type(
    description="Entry points for changing things. A payload with userErrors changed nothing."
)
class Mutation:
    sign_up: AuthPayload = strawberry.mutation(
        resolver=accounts.sign_up,
        description="Create an account and sign in (browsers also get the session cookie).",
    )
    log_in: AuthPayload = strawberry.mutation(
        resolver=accounts.log_in,
        description="Sign in. A wrong password and an unknown address both answer "
        "INVALID_CREDENTIALS.",
    )
    log_out: LogOutPayload = strawberry.mutation(
        resolver=accounts.log_out,
        description="End the current session server-side at once and clear the cookie.",
    )
    enroll_in_plan: EnrollInPlanPayload = strawberry.mutation(
        resolver=plans.enroll_in_plan,
        description="Enroll the viewer in a plan. Opens the plan's room with a provider "
        "assigned; a couples plan opens a COUPLES room with the viewer as PRIMARY.",
    )
    schedule_live_session: ScheduleLiveSessionPayload = room_mutation(
        live_sessions.schedule_live_session,
        "Schedule a live video session (primary only; others get FORBIDDEN). It must start in "
        "the future, last 30, 45 or 60 minutes and not overlap another scheduled session.",
    )
    cancel_live_session: CancelLiveSessionPayload = room_mutation(
        live_sessions.cancel_live_session,
        "Cancel a live session that has not started (primary only).",
    )
    change_provider: ChangeProviderPayload = room_mutation(
        providers.change_provider,
        "Give the room another provider (primary only). The previous provider loses the room "
        "at once; sessions still to come move to the new provider.",
    )
    send_assessment: SendAssessmentPayload = room_mutation(
        assessments.send_assessment,
        "Send an assessment from a template to the room (the room's provider only).",
    )
    respond_to_assessment: RespondToAssessmentPayload = room_mutation(
        assessments.respond_to_assessment,
        "Answer an assessment, once, every question exactly once (primary only). "
        "On any userError nothing is stored.",
    )
    request_superbill: RequestSuperbillPayload = room_mutation(
        billing.request_superbill,
        "Issue a superbill listing the completed live sessions of a period (primary only).",
    )
    send_message: SendMessagePayload = room_mutation(
        messaging.send_message,
        "Post a message in the room (members and the provider).",
    )

    invite_partner: InvitePartnerPayload = room_mutation(
        invitations.invite_partner,
        "Primary only: email your partner a link to join this couples room. "
        "Inviting again while one is pending replaces it (the old link dies).",
    )
    resend_invite: ResendInvitePayload = room_mutation(
        invitations.resend_invite,
        "Primary only: email a fresh link with a fresh 24 hours; earlier links "
        "answer INVITATION_LINK_REPLACED. PENDING or EXPIRED invitations only.",
    )
    revoke_invite: RevokeInvitePayload = room_mutation(
        invitations.revoke_invite,
        "Primary only: withdraw an invitation at once. Revoking a revoked one "
        "succeeds and changes nothing.",
    )
    decline_invite: DeclineInvitePayload = strawberry.mutation(
        resolver=invitations.decline_invite,
        description="From the link, no sign-in needed: say no. The link stops working.",
    )
    accept_invite: AcceptInvitePayload = strawberry.mutation(
        resolver=invitations.accept_invite,
        description="Signed in with the invited address: join the room as SECONDARY.",
    )
    sign_up_with_invite: SignUpWithInvitePayload = strawberry.mutation(
        resolver=invitations.sign_up_with_invite,
        description="Create an account on the invited address (which counts as verified), "
        "sign in and join the room as SECONDARY.",
    )


class TandemSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Errors are logged where they are formatted (app.graphql.errors), not here."""


def build_schema(*, introspection: bool = True) -> strawberry.Schema:
    extensions: list[Any] = [
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: ParserCache(maxsize=512),
        lambda: AddValidationRules([DocumentLimits]),
        lambda: ValidationCache(maxsize=512),
    ]
    if not introspection:
        extensions.append(lambda: AddValidationRules([NoSchemaIntrospectionCustomRule]))
    return TandemSchema(
        query=Query,
        mutation=Mutation,
        types=[
            Subscription,
            Plan,
            Room,
            User,
            Provider,
            Invitation,
            LiveSession,
            Assessment,
            Superbill,
            Message,
        ],
        extensions=extensions,
        config=StrawberryConfig(auto_camel_case=True),
    )
