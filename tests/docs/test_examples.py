"""Every operation in docs/examples runs green against the live server, in the order of
the invite flow, so the guide's examples cannot go stale."""

from __future__ import annotations

import json

from app.graphiql.walkthrough import default_variables, walkthrough_document
from tests.support.examples import ExampleRun, declared_variables, example_names, operation


def test_each_example_file_holds_one_named_operation() -> None:
    names = example_names()
    assert len(names) >= 15
    operation_names = [operation(name).name for name in names]
    assert all(operation_names), names
    assert len({node.value for node in operation_names if node}) == len(names)


async def test_every_example_runs_green_in_a_flow(example_run: ExampleRun) -> None:
    assert set(example_run.responses) == set(example_names())
    for name, bodies in example_run.responses.items():
        assert all("errors" not in body for body in bodies), name


async def test_the_new_partner_flow_follows_the_numbering_of_the_files(
    example_run: ExampleRun,
) -> None:
    first_flow = example_run.order[: example_run.order.index("15-log-out") + 1]
    steps = list(dict.fromkeys(first_flow))  # the first time each example ran
    assert steps == sorted(steps)


def test_graphiql_opens_with_every_example_and_variables_for_each() -> None:
    document = walkthrough_document()
    variables = json.loads(default_variables())
    for name in example_names():
        node = operation(name).name
        assert node is not None and f" {node.value}" in document, name
        assert declared_variables(name) <= set(variables), name
