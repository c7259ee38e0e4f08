"""Document limits, checked before execution: depth, aliases and cost.

Cost counts every field once, multiplied by the page size of each list above it:
`first` on connections (the cap when it comes from a variable), a nominal size for
plain lists. Fragments are measured where they are spread (once each, memoised), and a
fragment cycle is itself too complex.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    get_named_type,
    get_nullable_type,
    is_list_type,
)

from app.errors import ErrorCode

MAX_DEPTH = 12
MAX_ALIASES = 30
MAX_COST = 20_000
MAX_QUERY_LENGTH = 20_000
MAX_TOKENS = 3_000
MAX_PAGE_SIZE = 100
PLAIN_LIST_SIZE = 10
_INTROSPECTION = frozenset({"__schema", "__type"})


@dataclass(frozen=True)
class Measure:
    depth: int = 0
    aliases: int = 0
    cost: int = 0

    def __add__(self, other: Measure) -> Measure:
        return Measure(
            max(self.depth, other.depth), self.aliases + other.aliases, self.cost + other.cost
        )


class FragmentCycle(Exception):
    pass


def too_complex(message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": ErrorCode.QUERY_TOO_COMPLEX.value})


class _Measurer:
    def __init__(self, context: ValidationContext) -> None:
        self.context = context
        self.fragments = {
            definition.name.value: definition
            for definition in context.document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        self.memo: dict[tuple[str, str], Measure] = {}
        self.visiting: set[str] = set()

    def selection_set(self, selections: SelectionSetNode | None, parent: Any) -> Measure:
        total = Measure()
        for selection in selections.selections if selections else ():
            if isinstance(selection, FieldNode):
                total = total + self.field(selection, parent)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = self._type(condition.name.value) if condition else parent
                total = total + self.selection_set(selection.selection_set, inner)
            elif isinstance(selection, FragmentSpreadNode):
                total = total + self.spread(selection.name.value, parent)
        return total

    def spread(self, name: str, parent: Any) -> Measure:
        fragment = self.fragments.get(name)
        if fragment is None:
            return Measure()
        key = (name, getattr(parent, "name", ""))
        if key in self.memo:
            return self.memo[key]
        if name in self.visiting:
            raise FragmentCycle(name)
        self.visiting.add(name)
        try:
            inner = self._type(fragment.type_condition.name.value) or parent
            measured = self.selection_set(fragment.selection_set, inner)
        finally:
            self.visiting.discard(name)
        self.memo[key] = measured
        return measured

    def field(self, node: FieldNode, parent: Any) -> Measure:
        if node.name.value in _INTROSPECTION:
            # Tools' schema queries are deep by nature; production turns introspection off.
            return Measure(depth=1, cost=1)
        definition = self._field(parent, node.name.value)
        field_type = definition.type if definition else None
        children = self.selection_set(node.selection_set, get_named_type(field_type))
        size = self._page_size(node, definition, field_type) if field_type else 1
        return Measure(
            depth=children.depth + 1,
            aliases=children.aliases + (1 if node.alias else 0),
            cost=1 + size * children.cost,
        )

    def _page_size(self, node: FieldNode, definition: GraphQLField | None, field_type: Any) -> int:
        named = get_named_type(field_type)
        if named is not None and named.name.endswith("Connection"):
            for argument in node.arguments or ():
                if argument.name.value in ("first", "last"):
                    value = argument.value
                    return int(value.value) if isinstance(value, IntValueNode) else MAX_PAGE_SIZE
            default = definition.args.get("first") if definition else None
            return (
                int(default.default_value)
                if default and isinstance(default.default_value, int)
                else MAX_PAGE_SIZE
            )
        return PLAIN_LIST_SIZE if is_list_type(get_nullable_type(field_type)) else 1

    def _type(self, name: str) -> GraphQLNamedType | None:
        return self.context.schema.get_type(name)

    @staticmethod
    def _field(parent: Any, name: str) -> GraphQLField | None:
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            found: GraphQLField | None = parent.fields.get(name)
            return found
        return None


class DocumentLimits(ValidationRule):
    context: ValidationContext

    def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
        schema = self.context.schema
        root = {
            "query": schema.query_type,
            "mutation": schema.mutation_type,
            "subscription": schema.subscription_type,
        }[node.operation.value]
        try:
            measured = _Measurer(self.context).selection_set(node.selection_set, root)
        except FragmentCycle as cycle:
            self.report_error(too_complex(f"Fragment {cycle} spreads itself; no cycles allowed."))
            return
        if measured.depth > MAX_DEPTH:
            self.report_error(
                too_complex(
                    f"The document is {measured.depth} levels deep; the limit is {MAX_DEPTH}."
                )
            )
        if measured.aliases > MAX_ALIASES:
            self.report_error(
                too_complex(
                    f"The document uses {measured.aliases} aliases; the limit is {MAX_ALIASES}."
                )
            )
        if measured.cost > MAX_COST:
            self.report_error(
                too_complex(
                    f"The document could fetch about {measured.cost} "
                    f"objects; the limit is {MAX_COST}. Ask for smaller "
                    "pages."
                )
            )
