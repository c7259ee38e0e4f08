"""node(id) applies the typed fields' rules; people's private fields stay private."""

from __future__ import annotations

from tests.conftest import COUPLES_PROVIDER_EMAIL, PROVIDER_PASSWORD
from tests.support.api import Api
from tests.support.people import couples_room, log_in, plan_id, sign_up

NODE = """
query($id: ID!) {
  node(id: $id) {
    __typename id
    ... on Room { viewerRole }
    ... on User { displayName email }
    ... on Plan { name }
    ... on Provider { displayName }
    ... on Subscription { coverage }
  }
}
"""


async def test_node_refetches_each_kind_of_object_its_owner_may_see(api: Api) -> None:
    primary, room_id = await couples_room(api)
    mine = await api.ok(
        "{ viewer { id subscriptions { id } rooms { provider { id } } } }", token=primary.token
    )
    viewer = mine["viewer"]
    ids = {
        "Room": room_id,
        "User": viewer["id"],
        "Plan": await plan_id(api, "Couples Therapy"),
        "Provider": viewer["rooms"][0]["provider"]["id"],
        "Subscription": viewer["subscriptions"][0]["id"],
    }

    for type_name, global_id in ids.items():
        node = (await api.ok(NODE, {"id": global_id}, token=primary.token))["node"]
        assert node["__typename"] == type_name
        assert node["id"] == global_id


async def test_node_hides_other_peoples_things(api: Api) -> None:
    primary, _ = await couples_room(api)
    subscription = (await api.ok("{ viewer { subscriptions { id } } }", token=primary.token))[
        "viewer"
    ]["subscriptions"][0]["id"]
    stranger = await sign_up(api, name="Stranger")

    for global_id in [subscription, primary.id]:
        error = await api.fails(NODE, {"id": global_id}, token=stranger.token)
        assert error["extensions"] == {"code": "NOT_FOUND"}


async def test_plans_are_public_through_node_too(api: Api) -> None:
    node = (await api.ok(NODE, {"id": await plan_id(api, "Couples Therapy")}))["node"]
    assert node["name"] == "Couples Therapy"


async def test_provider_sees_its_client_by_name_but_not_their_address_or_rooms(api: Api) -> None:
    primary, _ = await couples_room(api)
    provider_token = await log_in(api, COUPLES_PROVIDER_EMAIL, PROVIDER_PASSWORD)

    node = (await api.ok(NODE, {"id": primary.id}, token=provider_token))["node"]
    rooms = await api.fails(
        "query($id: ID!) { node(id: $id) { ... on User { rooms { id } } } }",
        {"id": primary.id},
        token=provider_token,
    )

    assert node == {"__typename": "User", "id": primary.id, "displayName": "Alex", "email": None}
    assert rooms["extensions"]["code"] == "FORBIDDEN"
    assert "own rooms" in rooms["message"]
