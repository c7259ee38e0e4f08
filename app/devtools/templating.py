"""Rendering the development pages: Jinja templates, a strict CSP, our static files."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.responses import HTMLResponse
from starlette.routing import Route

from app.webpage import content_security_policy, html_page, static_files

STATIC_DIRECTORY = Path(__file__).parent / "static"
STRICT = content_security_policy()


@lru_cache(maxsize=1)
def _templates() -> Environment:
    return Environment(
        loader=PackageLoader("app.devtools", "templates"), autoescape=select_autoescape()
    )


def page(
    template: str, *, status: int = 200, policy: str = STRICT, **values: object
) -> HTMLResponse:
    html = _templates().get_template(template).render(values)
    return html_page(html, policy=policy, status=status)


def static_route() -> Route:
    files = {path.name: path for path in STATIC_DIRECTORY.iterdir() if path.is_file()}
    return static_files("/dev/static", lambda: files)
