"""Debian's Chromium driven by Playwright: a fresh profile per test, every request outside
the app's own origin blocked and recorded, console errors collected, screenshots kept."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import ConsoleMessage, Page, Request, Route, async_playwright

CHROMIUM = Path("/usr/bin/chromium")
# Never a downloaded browser. The flags keep Chromium off the network except for the page.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@dataclass
class Browser:
    page: Page
    origin: str
    requests: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    async def screenshot(self, name: str, *, full_page: bool = True) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        await self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def assert_only_own_origin_and_no_console_errors(self) -> None:
        assert self.requests, "the browser made no request at all"
        assert self.foreign_requests == [], self.foreign_requests
        assert self.console_errors == [], self.console_errors

    def own(self, url: str) -> bool:
        return url == self.origin or url.startswith(self.origin + "/")

    async def _route(self, route: Route) -> None:
        if self.own(route.request.url):
            await route.continue_()
        else:
            self.foreign_requests.append(route.request.url)
            await route.abort()

    def _request(self, request: Request) -> None:
        self.requests.append(request.url)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url')})")


def require_chromium() -> None:
    """Fail (never skip) without Chromium, saying how to get it."""
    assert CHROMIUM.exists(), (
        f"{CHROMIUM} is missing: scripts/test installs Debian's chromium package when run "
        "as root (apt-get install -y chromium)"
    )


@asynccontextmanager
async def chromium(origin: str, profile: Path) -> AsyncIterator[Browser]:
    """Chromium with the fresh, empty user-data-dir `profile`, looking at `origin`."""
    require_chromium()
    async with async_playwright() as playwright:
        context = await playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1366, "height": 860},
        )
        try:
            page = context.pages[0] if context.pages else await context.new_page()
            browser = Browser(page, origin)
            await context.route("**/*", browser._route)
            context.on("request", browser._request)
            context.on("console", browser._console)
            page.on("pageerror", lambda error: browser.console_errors.append(str(error)))
            yield browser
        finally:
            await context.close()
