"""node(id) for room-life objects follows the typed fields' rules; viewerCan follows the table."""

from __future__ import annotations

import uuid
from datetime import timedelta

from app.auth.capabilities import Capability, RoomRole, allows, refusal
from app.db import Database
from app.graphql.ids import to_global_id
from app.models.base import utcnow
from tests.support.api import Api
from tests.support.room_life import Cast, cast_of_couples_room, insert_live_session

NODE = "query($id: ID!) { node(id: $id) { __typename id } }"
VIEWER_CAN = """
query($id: ID!) {
  room(id: $id) {
    viewerCan { invitePartner scheduleLiveSession changeProvider viewProgressTracker
                viewAssessments sendAssessment respondToAssessments requestSuperbill }
  }
}
"""
FLAGS = {
    "scheduleLiveSession": Capability.SCHEDULE_LIVE_SESSION,
    "changeProvider": Capability.CHANGE_PROVIDER,
    "viewProgressTracker": Capability.VIEW_PROGRESS_TRACKER,
    "viewAssessments": Capability.VIEW_ASSESSMENTS,
    "sendAssessment": Capability.SEND_ASSESSMENT,
    "respondToAssessments": Capability.RESPOND_TO_ASSESSMENTS,
    "requestSuperbill": Capability.REQUEST_SUPERBILL,
}


async def _objects(api: Api, database: Database, cast: Cast) -> dict[str, str]:
    session = await insert_live_session(
        database, cast.room_id, starts_at=utcnow() - timedelta(days=1)
    )
    message = await api.ok(
        "mutation($i: SendMessageInput!) { sendMessage(input: $i) { message { id } } }",
        {"i": {"roomId": cast.room_id, "body": "hello"}},
        token=cast.secondary.token,
    )
    assessment = await api.ok(
        "mutation($i: SendAssessmentInput!) { sendAssessment(input: $i) { assessment { id } } }",
        {"i": {"roomId": cast.room_id, "templateKey": "relationship-check-in"}},
        token=cast.provider.token,
    )
    today = utcnow().date()
    superbill = await api.ok(
        "mutation($i: RequestSuperbillInput!) { requestSuperbill(input: $i) "
        "{ superbill { id } userErrors { code } } }",
        {
            "i": {
                "roomId": cast.room_id,
                "periodStart": (today - timedelta(days=7)).isoformat(),
                "periodEnd": today.isoformat(),
            }
        },
        token=cast.primary.token,
    )
    return {
        "LiveSession": session,
        "Message": message["sendMessage"]["message"]["id"],
        "Assessment": assessment["sendAssessment"]["assessment"]["id"],
        "Superbill": superbill["requestSuperbill"]["superbill"]["id"],
    }


CAPABILITY_OF = {
    "LiveSession": Capability.READ_ROOM,
    "Message": Capability.READ_ROOM,
    "Assessment": Capability.VIEW_ASSESSMENTS,
    "Superbill": Capability.REQUEST_SUPERBILL,
}


async def test_node_applies_the_room_rules(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    objects = await _objects(api, database, cast)
    people = {
        RoomRole.PRIMARY: cast.primary.token,
        RoomRole.SECONDARY: cast.secondary.token,
        RoomRole.PROVIDER: cast.provider.token,
    }

    for type_name, global_id in objects.items():
        capability = CAPABILITY_OF[type_name]
        for role, token in people.items():
            result = await api.run(NODE, {"id": global_id}, token=token)
            if allows(role, capability):
                assert result.data["node"] == {"__typename": type_name, "id": global_id}
            else:
                assert result.error_codes == ["FORBIDDEN"], (type_name, role)
                assert result.errors[0]["message"] == refusal(capability)
        hidden = await api.fails(NODE, {"id": global_id}, token=cast.stranger.token)
        missing = await api.fails(
            NODE, {"id": to_global_id(type_name, uuid.uuid4())}, token=cast.stranger.token
        )
        anonymous = await api.fails(NODE, {"id": global_id})
        assert hidden == missing
        assert hidden["extensions"] == {"code": "NOT_FOUND"}
        assert anonymous["extensions"] == {"code": "UNAUTHENTICATED"}


async def test_viewer_can_follows_the_capability_table(api: Api, database: Database) -> None:
    cast = await cast_of_couples_room(api, database)
    people = {
        RoomRole.PRIMARY: cast.primary.token,
        RoomRole.SECONDARY: cast.secondary.token,
        RoomRole.PROVIDER: cast.provider.token,
    }

    for role, token in people.items():
        flags = (await api.ok(VIEWER_CAN, {"id": cast.room_id}, token=token))["room"]["viewerCan"]
        assert flags.pop("invitePartner") is False  # the partner has joined
        assert flags == {flag: allows(role, capability) for flag, capability in FLAGS.items()}
