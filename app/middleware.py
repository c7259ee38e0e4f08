"""ASGI middleware: security headers on every response, and a structured request log."""

from __future__ import annotations

import logging
import time
from typing import Any

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.logs import redact_path

request_log = logging.getLogger("tandem.request")

# API answers are data, never documents: nothing may load, frame or cache them.
_API_CSP = b"default-src 'none'; frame-ancestors 'none'"
_ALWAYS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
_HSTS = (b"strict-transport-security", b"max-age=63072000; includeSubDomains")


class SecurityHeaders:
    def __init__(self, app: ASGIApp, *, production: bool) -> None:
        self.app = app
        self.extra = [*_ALWAYS, _HSTS] if production else list(_ALWAYS)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: list[tuple[bytes, bytes]] = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [(name, value) for name, value in self.extra if name not in present]
                content_type = dict(headers).get(b"content-type", b"")
                # HTML pages (GraphiQL, development pages) bring a policy of their own.
                if b"content-security-policy" not in present and b"html" not in content_type:
                    headers.append((b"content-security-policy", _API_CSP))
                if b"cache-control" not in present:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class RequestLog:
    """One JSON line per request: no query string, tokens, cookies or bodies."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not request_log.isEnabledFor(logging.INFO):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_noting_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_noting_status)
        finally:
            state: dict[str, Any] = scope.get("state") or {}
            entry = {
                "method": scope["method"],
                "path": redact_path(scope["path"]),
                "status": status,
                "ms": round((time.perf_counter() - started) * 1000, 2),
                "operation": state.get("graphql_operation"),
            }
            request_log.info(orjson.dumps(entry).decode())
