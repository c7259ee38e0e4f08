"""Logging that never carries secrets: link tokens, query strings, credentials."""

from __future__ import annotations

import logging
import re

_INVITE_PATH = re.compile(r"(/invite/)[^/?\s\"]+")


def redact_path(path: str) -> str:
    """Drop the query string (GET /graphql can carry tokens) and invitation tokens."""
    return _INVITE_PATH.sub(r"\1[redacted]", path.split("?", 1)[0])


class RedactAccessLog(logging.Filter):
    """uvicorn's access log passes (client, method, path, http version, status) as args."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) >= 3 and isinstance(args[2], str):
            record.args = (*args[:2], redact_path(args[2]), *args[3:])
        return True


def install_redaction() -> None:
    logging.getLogger("uvicorn.access").addFilter(RedactAccessLog())
