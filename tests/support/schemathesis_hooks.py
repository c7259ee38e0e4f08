"""Loaded by Schemathesis (SCHEMATHESIS_HOOKS): what counts as a server error for Tandem.

GraphQL answers refusals (UNAUTHENTICATED, BAD_USER_INPUT, ...) in `errors` by design;
Schemathesis' own GraphQL check counts any of them. Ours fails on what the contract
calls a server error: a 5xx, an INTERNAL_SERVER_ERROR, or an error without a code.
"""

from __future__ import annotations

import json
from typing import Any

import schemathesis

from app.errors import ErrorCode

KNOWN_CODES = {code.value for code in ErrorCode} - {ErrorCode.INTERNAL_SERVER_ERROR.value}


@schemathesis.check
def no_server_error(ctx: Any, response: Any, case: Any) -> bool | None:
    if response.status_code >= 500:
        raise AssertionError(f"HTTP {response.status_code}")
    body = json.loads(response.content or b"{}")
    for error in body.get("errors") or []:
        code = (error.get("extensions") or {}).get("code")
        if code not in KNOWN_CODES:
            raise AssertionError(f"server error: {code}: {error.get('message')}")
    return None
