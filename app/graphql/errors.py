"""Turning GraphQL errors into the contract's `extensions.code` shape."""

from __future__ import annotations

import logging
import re
from typing import Any

from graphql import GraphQLError

from app.errors import ErrorCode, TopLevelError

log = logging.getLogger("tandem.graphql")

INTERNAL_MESSAGE = "Something went wrong on our side. Please try again."


def error_body(message: str, code: ErrorCode, **extra: Any) -> dict[str, Any]:
    return {"message": message, "extensions": {"code": code.value, **extra}}


_SUGGESTION = re.compile(r" ?Did you mean [^?]*\?")
_TOKEN_LIMIT = "tokens. Parsing aborted"  # noqa: S105 - graphql-core's message


def _pre_execution_code(error: GraphQLError) -> ErrorCode:
    code = (error.extensions or {}).get("code")
    if code == ErrorCode.QUERY_TOO_COMPLEX.value or _TOKEN_LIMIT in error.message:
        return ErrorCode.QUERY_TOO_COMPLEX
    return ErrorCode.BAD_USER_INPUT


def format_error(error: GraphQLError, *, hide_suggestions: bool = False) -> dict[str, Any]:
    original = error.original_error
    located: dict[str, Any] = {}
    if error.path:
        located["path"] = error.path
    if isinstance(original, TopLevelError):
        return {"message": original.message, **located, "extensions": original.extensions()}
    if original is None or isinstance(original, GraphQLError) or not error.path:
        # Parse, validation and variable-coercion errors: the document or its inputs are wrong.
        message = _SUGGESTION.sub("", error.message) if hide_suggestions else error.message
        body = error_body(message, _pre_execution_code(error))
        if error.locations:
            body["locations"] = [
                {"line": loc.line, "column": loc.column} for loc in error.locations
            ]
        return {**body, **located}
    log.error("unexpected error in %s", ".".join(map(str, error.path or [])), exc_info=original)
    return {**error_body(INTERNAL_MESSAGE, ErrorCode.INTERNAL_SERVER_ERROR), **located}
