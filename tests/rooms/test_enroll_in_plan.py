"""enrollInPlan opens the room: couples plans make a COUPLES room with the viewer as PRIMARY."""

from __future__ import annotations

from app.db import Database
from tests.conftest import ServerFactory, client_for
from tests.support.api import Api, table_counts
from tests.support.people import ENROLL, enroll, plan_id, sign_up


async def test_couples_plan_opens_a_couples_room_with_a_couples_provider(api: Api) -> None:
    person = await sign_up(api)

    data = await api.ok(
        ENROLL,
        {"input": {"planId": await plan_id(api, "Couples Therapy"), "coverage": "INSURANCE"}},
        token=person.token,
    )

    payload = data["enrollInPlan"]
    assert payload["userErrors"] == []
    assert payload["subscription"]["coverage"] == "INSURANCE"
    assert payload["room"]["kind"] == "COUPLES"
    assert payload["room"]["viewerRole"] == "PRIMARY"
    room = await api.ok(
        "query($id: ID!) { room(id: $id) { provider { displayName acceptsCouples } "
        "members { role user { id } } } }",
        {"id": payload["room"]["id"]},
        token=person.token,
    )
    assert room["room"]["provider"]["acceptsCouples"] is True
    assert room["room"]["members"] == [{"role": "PRIMARY", "user": {"id": person.id}}]


async def test_individual_plan_opens_an_individual_room(api: Api) -> None:
    person = await sign_up(api)
    room_id = await enroll(api, person, "Individual Therapy")

    data = await api.ok(
        "query($id: ID!) { room(id: $id) { kind showAddPartnerBanner "
        "viewerCan { invitePartner } } }",
        {"id": room_id},
        token=person.token,
    )

    assert data["room"] == {
        "kind": "INDIVIDUAL",
        "showAddPartnerBanner": False,
        "viewerCan": {"invitePartner": False},
    }


async def test_unknown_plan_and_second_enrolment_are_refused(api: Api, database: Database) -> None:
    person = await sign_up(api)
    await enroll(api, person)
    before = await table_counts(database)

    unknown = await api.ok(
        ENROLL,
        {
            "input": {
                "planId": "UGxhbjowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA",
                "coverage": "SELF_PAY",
            }
        },
        token=person.token,
    )
    again = await api.ok(
        ENROLL,
        {"input": {"planId": await plan_id(api, "Couples Therapy"), "coverage": "SELF_PAY"}},
        token=person.token,
    )

    assert [e["code"] for e in unknown["enrollInPlan"]["userErrors"]] == ["UNKNOWN_PLAN"]
    assert [e["code"] for e in again["enrollInPlan"]["userErrors"]] == ["ALREADY_ENROLLED"]
    assert again["enrollInPlan"]["room"] is None
    assert await table_counts(database) == before


async def test_no_provider_for_couples_is_a_clear_user_error(start_server: ServerFactory) -> None:
    server = await start_server(seed_providers=False)
    database: Database = server.app.state.database
    async with client_for(server) as api:
        person = await sign_up(api)
        before = await table_counts(database)

        data = await api.ok(
            ENROLL,
            {"input": {"planId": await plan_id(api, "Couples Therapy"), "coverage": "SELF_PAY"}},
            token=person.token,
        )

        assert [e["code"] for e in data["enrollInPlan"]["userErrors"]] == ["NO_PROVIDER_AVAILABLE"]
        assert await table_counts(database) == before


async def test_enrolling_needs_a_signed_in_viewer(api: Api, database: Database) -> None:
    before = await table_counts(database)

    error = await api.fails(
        ENROLL,
        {"input": {"planId": await plan_id(api, "Couples Therapy"), "coverage": "SELF_PAY"}},
    )

    assert error["extensions"]["code"] == "UNAUTHENTICATED"
    assert await table_counts(database) == before


async def test_malformed_plan_id_is_bad_user_input(api: Api, database: Database) -> None:
    person = await sign_up(api)
    before = await table_counts(database)

    error = await api.fails(
        ENROLL, {"input": {"planId": "%%%", "coverage": "SELF_PAY"}}, token=person.token
    )

    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert await table_counts(database) == before
