"""What the pages Tandem serves to browsers share: a strict Content-Security-Policy,
a few protective headers, and static files served from an allow-list only."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

# Everything from our own origin, nothing inline: an injected <script> or <style> cannot run.
_STRICT: dict[str, str] = {
    "default-src": "'none'",
    "script-src": "'self'",
    "style-src": "'self'",
    "connect-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self' data:",
    "frame-src": "'none'",
    "frame-ancestors": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
}


def content_security_policy(**changes: str) -> str:
    """The strict policy with some directives replaced (`frame_src="'self'"`)."""
    directives = {**_STRICT, **{name.replace("_", "-"): value for name, value in changes.items()}}
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def html_page(html: str, *, policy: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(
        html,
        status_code=status,
        headers={
            "Content-Security-Policy": policy,
            "X-Content-Type-Options": "nosniff",
            # /invite/{token} pages carry a secret in their address: never pass it on.
            "Referrer-Policy": "no-referrer",
            "Cache-Control": "no-store",
        },
    )


def static_files(prefix: str, files: Callable[[], Mapping[str, Path]]) -> Route:
    """`GET {prefix}/{name}` for exactly the files `files()` names (asked at each request,
    so files installed while the server runs are found); anything else is 404."""

    async def serve(request: Request) -> Response:
        found = files().get(request.path_params["name"])
        if found is None or not found.is_file():
            return PlainTextResponse("Not found.", status_code=404)
        headers = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}
        response = FileResponse(found, stat_result=os.stat(found), headers=headers)
        etag = response.headers["etag"]
        if etag in request.headers.get("if-none-match", ""):
            return Response(status_code=304, headers={**headers, "ETag": etag})
        return response

    return Route(f"{prefix}/{{name}}", serve, methods=["GET", "HEAD"])
