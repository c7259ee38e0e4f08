"""`open_browser(server)`: Chromium on a fresh profile, closed after the test."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from pathlib import Path

import pytest

from tests.support.browser import Browser, chromium
from tests.support.server import RunningServer

OpenBrowser = Callable[[RunningServer], Awaitable[Browser]]


@pytest.fixture
async def open_browser(tmp_path: Path) -> AsyncIterator[OpenBrowser]:
    profiles = itertools.count()
    async with AsyncExitStack() as stack:

        async def open_for(server: RunningServer) -> Browser:
            profile = tmp_path / f"chromium-profile-{next(profiles)}"
            profile.mkdir()
            return await stack.enter_async_context(chromium(server.url, profile))

        yield open_for
