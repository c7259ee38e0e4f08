"""Over-limit documents are refused before execution with QUERY_TOO_COMPLEX."""

from __future__ import annotations

from app.db import Database
from app.graphql.limits import MAX_ALIASES, MAX_DEPTH
from tests.support.api import Api, table_counts
from tests.support.people import couples_room


def _nested_rooms(levels: int) -> str:
    inner = "id"
    for _ in range(levels):
        inner = f"rooms {{ members {{ user {{ {inner} }} }} }}"
    return f"{{ viewer {{ {inner} }} }}"


async def _refused(api: Api, query: str, token: str | None = None) -> list[str]:
    result = await api.run(query, token=token)
    assert result.data is None, result.body
    return result.error_codes


async def test_a_deep_document_is_refused(api: Api) -> None:
    primary, _ = await couples_room(api)
    ok = await api.run(
        "{ viewer { rooms { members { user { displayName } } } } }", token=primary.token
    )
    assert not ok.errors

    # Four fields a level: the first level past the limit.
    too_deep = _nested_rooms(MAX_DEPTH // 4 + 1)
    assert "QUERY_TOO_COMPLEX" in await _refused(api, too_deep, primary.token)


async def test_too_many_aliases_are_refused_even_inside_fragments(api: Api) -> None:
    half = " ".join(f"a{i}: __typename" for i in range(MAX_ALIASES // 2 + 1))
    direct = "{ " + " ".join(f"a{i}: __typename" for i in range(MAX_ALIASES + 1)) + " }"
    via_fragment = (
        f"query {{ ...Half ... on Query {{ ...Half }} }} fragment Half on Query {{ {half} }}"
    )

    assert await _refused(api, direct) == ["QUERY_TOO_COMPLEX"]
    assert "QUERY_TOO_COMPLEX" in await _refused(api, via_fragment)


async def test_circular_fragments_are_refused(api: Api) -> None:
    query = (
        "query { viewer { ...A } } "
        "fragment A on User { rooms { members { user { ...B } } } } "
        "fragment B on User { ...A }"
    )
    assert "QUERY_TOO_COMPLEX" in await _refused(api, query)


async def test_fragment_bombs_are_refused_without_expanding_them(api: Api) -> None:
    levels = 30  # 2**30 expansions if measured naively
    fragments = " ".join(
        f"fragment F{i} on Query {{ ...F{i + 1} ... on Query {{ ...F{i + 1} }} }}"
        for i in range(levels)
    )
    query = f"query {{ ...F0 }} {fragments} fragment F{levels} on Query {{ a: __typename }}"
    assert "QUERY_TOO_COMPLEX" in await _refused(api, query)


async def test_a_costly_document_is_refused(api: Api) -> None:
    costly = _nested_rooms(3)  # rooms x members, three times over: ~10^6 objects
    assert await _refused(api, costly) == ["QUERY_TOO_COMPLEX"]


async def test_too_many_tokens_are_refused(api: Api) -> None:
    query = "{ " + " ".join(f"f{i}:__typename" for i in range(1100)) + " }"
    assert len(query) < 20_000
    assert await _refused(api, query) == ["QUERY_TOO_COMPLEX"]


async def test_a_one_megabyte_document_is_refused_and_changes_nothing(
    api: Api, database: Database
) -> None:
    before = await table_counts(database)
    query = "mutation { logOut { ended } }" + " " * 1_000_000

    result = await api.run(query)

    assert result.error_codes == ["QUERY_TOO_COMPLEX"]
    assert await table_counts(database) == before
