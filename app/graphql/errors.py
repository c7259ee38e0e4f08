"""Turning GraphQL errors into the contract's `extensions.code` shape."""

from __future__ import annotations

import logging
from typing import Any

from graphql import GraphQLError

from app.errors import ErrorCode, TopLevelError

log = logging.getLogger("tandem.graphql")

INTERNAL_MESSAGE = "Something went wrong on our side. Please try again."


def error_body(message: str, code: ErrorCode, **extra: Any) -> dict[str, Any]:
    return {"message": message, "extensions": {"code": code.value, **extra}}


def format_error(error: GraphQLError) -> dict[str, Any]:
    original = error.original_error
    located: dict[str, Any] = {}
    if error.path:
        located["path"] = error.path
    if isinstance(original, TopLevelError):
        return {"message": original.message, **located, "extensions": original.extensions()}
    if original is None or isinstance(original, GraphQLError) or not error.path:
        # Parse, validation and variable-coercion errors: the document or its inputs are wrong.
        body = error_body(error.message, ErrorCode.BAD_USER_INPUT)
        if error.locations:
            body["locations"] = [
                {"line": loc.line, "column": loc.column} for loc in error.locations
            ]
        return {**body, **located}
    log.error("unexpected error in %s", ".".join(map(str, error.path or [])), exc_info=original)
    return {**error_body(INTERNAL_MESSAGE, ErrorCode.INTERNAL_SERVER_ERROR), **located}
