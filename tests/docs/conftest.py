"""One run of every example operation, shared by the tests of the examples and the guide."""

from __future__ import annotations

import pytest

from tests.conftest import client_for
from tests.support.examples import (
    ExampleRun,
    existing_account_flow,
    new_partner_flow,
    revoke_and_decline_flow,
)
from tests.support.mailbox import Mailbox
from tests.support.server import RunningServer


@pytest.fixture(scope="session")
async def example_run(server: RunningServer, mailbox: Mailbox) -> ExampleRun:
    async with client_for(server) as api:
        run = ExampleRun(api)
        await new_partner_flow(run, mailbox)
        await existing_account_flow(run, mailbox)
        await revoke_and_decline_flow(run, mailbox)
    return run
