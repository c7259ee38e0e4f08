"""A schema walk: every Room field and every room mutation is in the capability table.

A new field on `Room`, or a new mutation taking a room-scoped ID, fails this suite until
ROOM_FIELD_CAPABILITIES / ROOM_MUTATION_CAPABILITIES says who may use it; restricted
fields must carry the permission class, and room mutations the audit extension.
"""

from __future__ import annotations

from graphql import (
    GraphQLInputObjectType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    get_named_type,
)
from strawberry.permission import PermissionExtension

from app.auth.capabilities import (
    ROOM_FIELD_CAPABILITIES,
    ROOM_MUTATION_CAPABILITIES,
    is_restricted,
)
from app.graphql.permissions import AuditedRoomMutation, RoomCapability
from app.graphql.schema import Mutation, build_schema
from app.rooms.types import Room

# ID inputs that do not name something in a room.
NOT_ROOM_SCOPED_IDS = {"EnrollInPlanInput.planId"}
# Entries for fields and mutations that arrive with the partner-invitations branch.
ARRIVING_WITH_INVITATIONS: set[str] = set()

SCHEMA = build_schema()._schema


def room_type() -> GraphQLObjectType:
    room = SCHEMA.type_map["Room"]
    assert isinstance(room, GraphQLObjectType)
    return room


def _room_scoped_mutations() -> set[str]:
    scoped = set()
    assert SCHEMA.mutation_type is not None
    for name, field in SCHEMA.mutation_type.fields.items():
        for argument in field.args.values():
            input_type = get_named_type(argument.type)
            if not isinstance(input_type, GraphQLInputObjectType):
                continue
            for input_name, input_field in input_type.fields.items():
                named = get_named_type(input_field.type)
                is_id = isinstance(named, GraphQLScalarType) and named.name == "ID"
                if is_id and f"{input_type.name}.{input_name}" not in NOT_ROOM_SCOPED_IDS:
                    scoped.add(name)
    return scoped


def _camel(snake: str) -> str:
    head, *rest = snake.split("_")
    return head + "".join(part.title() for part in rest)


def _fields_by_graphql_name(owner: type) -> dict[str, object]:
    definition = owner.__strawberry_definition__  # type: ignore[attr-defined]
    return {f.graphql_name or _camel(f.python_name): f for f in definition.fields}


def test_every_room_field_is_in_the_table() -> None:
    room_fields = set(room_type().fields)
    assert room_fields - set(ROOM_FIELD_CAPABILITIES) == set()


def test_every_room_scoped_mutation_is_in_the_table() -> None:
    scoped = _room_scoped_mutations()
    assert {"scheduleLiveSession", "cancelLiveSession", "respondToAssessment"} <= scoped
    assert scoped - set(ROOM_MUTATION_CAPABILITIES) == set()


def test_table_entries_name_fields_and_mutations_that_exist() -> None:
    room_fields = set(room_type().fields)
    assert SCHEMA.mutation_type is not None
    mutations = set(SCHEMA.mutation_type.fields)
    unknown = (set(ROOM_FIELD_CAPABILITIES) - room_fields) | (
        set(ROOM_MUTATION_CAPABILITIES) - mutations
    )
    assert unknown <= ARRIVING_WITH_INVITATIONS, unknown


def test_restricted_room_fields_carry_the_permission_class() -> None:
    fields = _fields_by_graphql_name(Room)
    for name, capability in ROOM_FIELD_CAPABILITIES.items():
        if not is_restricted(capability) or name not in fields:
            continue
        extensions = getattr(fields[name], "extensions", [])
        permissions = [
            permission
            for extension in extensions
            if isinstance(extension, PermissionExtension)
            for permission in extension.permissions
        ]
        assert any(isinstance(p, RoomCapability) for p in permissions), name


def test_room_mutations_carry_the_audit_extension() -> None:
    fields = _fields_by_graphql_name(Mutation)
    for name in ROOM_MUTATION_CAPABILITIES:
        if name not in fields:
            continue
        extensions = getattr(fields[name], "extensions", [])
        assert any(isinstance(e, AuditedRoomMutation) for e in extensions), name


def test_input_ids_are_non_null() -> None:
    # A nullable room ID would let a mutation run without naming its room.
    for name in _room_scoped_mutations():
        assert SCHEMA.mutation_type is not None
        for argument in SCHEMA.mutation_type.fields[name].args.values():
            assert isinstance(argument.type, GraphQLNonNull), name
