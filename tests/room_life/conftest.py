"""Room-life tests get their own server and database, with a second couples provider.

A second couples provider in the shared database would take new rooms from the one the
other tests sign in as; here every test finds its room's provider with `provider_of`.
"""

from __future__ import annotations

import pytest

from app.db import Database
from tests.conftest import ServerFactory
from tests.support.room_life import new_provider
from tests.support.server import RunningServer


@pytest.fixture(scope="package")
async def server(start_server: ServerFactory) -> RunningServer:
    running = await start_server()
    await new_provider(running.app.state.database, name="Dr. Morgan Reyes", couples=True)
    return running


@pytest.fixture(scope="package")
def database(server: RunningServer) -> Database:
    db: Database = server.app.state.database
    return db
