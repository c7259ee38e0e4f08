"""room(id), viewer.rooms and node(id): members and the provider see the room, nobody else."""

from __future__ import annotations

from tests.conftest import COUPLES_PROVIDER_EMAIL, PROVIDER_PASSWORD
from tests.support.api import Api
from tests.support.people import couples_room, log_in, sign_up

ROOM = """
query($id: ID!) {
  room(id: $id) {
    id kind viewerRole showAddPartnerBanner
    viewerCan { invitePartner scheduleLiveSession changeProvider viewProgressTracker
                respondToAssessments requestSuperbill }
    plan { name isCouples }
    provider { displayName }
    members { role joinedAt user { displayName email } }
  }
}
"""
MISSING_ROOM = "Um9vbTowMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDA"


async def test_primary_sees_the_room_with_the_banner_and_every_capability(api: Api) -> None:
    primary, room_id = await couples_room(api)

    room = (await api.ok(ROOM, {"id": room_id}, token=primary.token))["room"]

    assert room["viewerRole"] == "PRIMARY"
    assert room["showAddPartnerBanner"] is True
    assert all(room["viewerCan"].values()), room["viewerCan"]
    assert room["plan"]["isCouples"] is True
    assert room["members"][0]["user"] == {"displayName": "Alex", "email": primary.email}


async def test_provider_sees_its_rooms_as_provider_without_the_banner(api: Api) -> None:
    _, room_id = await couples_room(api)
    provider_token = await log_in(api, COUPLES_PROVIDER_EMAIL, PROVIDER_PASSWORD)

    room = (await api.ok(ROOM, {"id": room_id}, token=provider_token))["room"]
    listed = await api.ok("{ viewer { rooms { id viewerRole } } }", token=provider_token)

    assert room["viewerRole"] == "PROVIDER"
    assert room["showAddPartnerBanner"] is False
    assert room["viewerCan"] == {
        "invitePartner": False,
        "scheduleLiveSession": False,
        "changeProvider": False,
        "viewProgressTracker": True,
        "respondToAssessments": False,
        "requestSuperbill": False,
    }
    # Members' addresses stay private, even from the provider.
    assert room["members"][0]["user"]["email"] is None
    assert {"id": room_id, "viewerRole": "PROVIDER"} in listed["viewer"]["rooms"]


async def test_a_stranger_gets_not_found_exactly_as_for_a_missing_room(api: Api) -> None:
    _, room_id = await couples_room(api)
    stranger = await sign_up(api, name="Stranger")

    theirs = await api.fails(ROOM, {"id": room_id}, token=stranger.token)
    missing = await api.fails(ROOM, {"id": MISSING_ROOM}, token=stranger.token)
    via_node = await api.fails(
        "query($id: ID!) { node(id: $id) { id } }", {"id": room_id}, token=stranger.token
    )

    assert theirs["extensions"] == missing["extensions"] == {"code": "NOT_FOUND"}
    assert theirs["message"] == missing["message"]
    assert via_node["extensions"] == {"code": "NOT_FOUND"}
    assert (await api.ok("{ viewer { rooms { id } } }", token=stranger.token))["viewer"] == {
        "rooms": []
    }


async def test_anonymous_callers_are_unauthenticated(api: Api) -> None:
    _, room_id = await couples_room(api)

    error = await api.fails(ROOM, {"id": room_id})
    via_node = await api.fails("query($id: ID!) { node(id: $id) { id } }", {"id": room_id})

    assert error["extensions"] == via_node["extensions"] == {"code": "UNAUTHENTICATED"}


async def test_malformed_ids_are_bad_user_input(api: Api) -> None:
    primary, _ = await couples_room(api)

    for bad in ["nope", "!!!", "", "Um9vbTpub3QtYS11dWlk"]:
        error = await api.fails(ROOM, {"id": bad}, token=primary.token)
        assert error["extensions"]["code"] == "BAD_USER_INPUT", bad
