"""docs/clients.md cannot go stale: its operations are the example files word for word,
its responses have the fields the server returns, and its tables list every error code."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from app.errors import ErrorCode, UserErrorCode
from tests.support.examples import ExampleRun, declared_variables, document, example_names

ROOT = Path(__file__).resolve().parents[2]
GUIDE = (ROOT / "docs" / "clients.md").read_text(encoding="utf-8")


def _annotated_json(kind: str) -> list[tuple[str, Any]]:
    """The ```json blocks right after `<!-- {kind}: {example} -->` comments."""
    pattern = rf"<!-- {kind}: ([\w-]+) -->\n```json\n(.*?)```"
    return [(name, json.loads(block)) for name, block in re.findall(pattern, GUIDE, re.S)]


def _table_codes(marker: str) -> set[str]:
    """The codes in the first column of the table after `<!-- {marker} -->`."""
    table = GUIDE.split(f"<!-- {marker} -->\n", 1)[1].split("\n\n", 1)[0]
    return set(re.findall(r"^\| `([A-Z_]+)` \|", table, re.M))


def _mismatches(shown: Any, real: Any, path: str = "") -> list[str]:
    """Where the response shown differs in fields or value types from a real one."""
    if shown is None or real is None:
        return []  # a nullable field, null on one side
    if isinstance(shown, dict) and isinstance(real, dict):
        if set(shown) != set(real):
            return [f"{path or '.'}: shows {sorted(shown)}, the server sends {sorted(real)}"]
        return [m for key in shown for m in _mismatches(shown[key], real[key], f"{path}.{key}")]
    if isinstance(shown, list) and isinstance(real, list):
        if not shown or not real:
            return []
        return [m for item in shown for m in _mismatches(item, real[0], f"{path}[]")]
    if type(shown) is not type(real):
        return [f"{path}: shows a {type(shown).__name__}, the server sends {type(real).__name__}"]
    return []


def test_the_guide_copies_every_example_word_for_word() -> None:
    for name in example_names():
        assert f"```graphql\n{document(name)}```" in GUIDE, name
        assert f"(examples/{name}.graphql)" in GUIDE, name


async def test_every_response_shown_has_the_fields_the_server_returns(
    example_run: ExampleRun,
) -> None:
    shown = _annotated_json("response")
    assert {name for name, _ in shown} == set(example_names())
    for name, body in shown:
        attempts = [_mismatches(body, real) for real in example_run.responses[name]]
        assert [] in attempts, (name, attempts[0])


def test_every_variables_block_fills_exactly_the_operations_variables() -> None:
    shown = _annotated_json("variables")
    assert {name for name, _ in shown} == {n for n in example_names() if declared_variables(n)}
    for name, variables in shown:
        assert set(variables) == declared_variables(name), name


def test_the_user_error_table_lists_every_code_and_no_other() -> None:
    assert _table_codes("userError codes") == {code.value for code in UserErrorCode}


def test_the_top_level_error_table_lists_every_code_and_no_other() -> None:
    assert _table_codes("top-level codes") == {code.value for code in ErrorCode}


def test_the_readme_links_the_guide() -> None:
    assert "(docs/clients.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
