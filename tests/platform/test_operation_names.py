"""An operation name that the document does not define is the client's mistake: 400, not 500."""

from __future__ import annotations

from tests.support.api import Api


async def test_an_unknown_operation_name_is_bad_user_input(api: Api) -> None:
    response = await api.client.post(
        "/graphql", json={"query": "{ plans { name } }", "operationName": "Plans"}
    )

    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"] == "The document has no operation named 'Plans'."


async def test_a_document_of_fragments_only_is_bad_user_input(api: Api) -> None:
    response = await api.client.post(
        "/graphql", json={"query": "fragment F on Query { plans { name } }"}
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_the_named_operation_of_several_runs(api: Api) -> None:
    document = "query A { __typename } query Plans { plans { isCouples } }"
    response = await api.client.post("/graphql", json={"query": document, "operationName": "Plans"})

    assert response.status_code == 200
    assert {"isCouples": True} in response.json()["data"]["plans"]
