"""What a query asks for below the field being resolved."""

from __future__ import annotations

from collections.abc import Iterable

from strawberry.types.nodes import SelectedField, Selection

from app.graphql.context import Info


def selected_names(info: Info) -> set[str]:
    """GraphQL names of the fields selected directly under the current field, through
    fragments and inline fragments (directives such as @include are not evaluated: a name
    may be listed that the query then skips)."""
    names: set[str] = set()

    def walk(selections: Iterable[Selection]) -> None:
        for selection in selections:
            if isinstance(selection, SelectedField):
                names.add(selection.name)
            else:
                walk(selection.selections)

    for field in info.selected_fields:
        walk(field.selections)
    return names
