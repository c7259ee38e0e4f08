"""Reading the pages we serve to browsers: their CSP and what their HTML loads."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import httpx


def csp(response: httpx.Response) -> dict[str, str]:
    """The Content-Security-Policy header as {directive: value}."""
    directives = (part.strip() for part in response.headers["content-security-policy"].split(";"))
    return {name: value.strip() for name, _, value in (d.partition(" ") for d in directives if d)}


@dataclass
class PageParts(HTMLParser):
    """What a page's HTML loads, and whether any script or style is inline."""

    scripts: list[str] = field(default_factory=list)
    stylesheets: list[str] = field(default_factory=list)
    inline_scripts: int = 0
    inline_styles: int = 0
    _in_inline_script: bool = False

    def __post_init__(self) -> None:
        super().__init__()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if "style" in values or tag == "style":
            self.inline_styles += 1
        if any(name.startswith("on") for name in values):
            self.inline_scripts += 1
        if tag == "script":
            if values.get("src"):
                self.scripts.append(str(values["src"]))
            elif values.get("type") != "application/json":  # data, never run
                self._in_inline_script = True
        if tag == "link" and values.get("rel") == "stylesheet":
            self.stylesheets.append(str(values["href"]))

    def handle_data(self, data: str) -> None:
        if self._in_inline_script and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_inline_script = False


def page_parts(html: str) -> PageParts:
    parts = PageParts()
    parts.feed(html)
    return parts
