"""Schemathesis (GraphQL mode) against the live app, as the primary and as the secondary:
whatever it sends, no 5xx, no INTERNAL_SERVER_ERROR, no error without a contract code."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from tests.conftest import ServerFactory, client_for
from tests.support.invitations import ACCEPT, invite_and_read_link
from tests.support.mailbox import Mailbox
from tests.support.people import couples_room, sign_up

ROOT = Path(__file__).resolve().parents[2]
SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")


async def _fuzz(url: str, token: str, report: Path) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        str(SCHEMATHESIS),
        "run",
        f"{url}/graphql",
        "--header",
        f"Authorization: Bearer {token}",
        "--checks",
        "no_server_error",
        "--max-examples",
        "15",
        "--seed",
        "20261204",
        "--workers",
        "1",
        # Signing out would leave the rest of the run anonymous.
        "--exclude-name",
        "Mutation.logOut",
        cwd=ROOT,
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "SCHEMATHESIS_HOOKS": "tests.support.schemathesis_hooks",
            "NO_COLOR": "1",
        },
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    text = output.decode(errors="replace")
    report.write_text(text)  # noqa: ASYNC240 - a small file, once
    assert process.returncode is not None
    return process.returncode, text


@pytest.mark.parametrize("role", ["primary", "secondary"])
async def test_schemathesis_finds_no_server_errors(
    start_server: ServerFactory, mailbox: Mailbox, tmp_path: Path, role: str
) -> None:
    server = await start_server()
    async with client_for(server) as api:
        primary, room_id = await couples_room(api)
        partner = await sign_up(api, name="Jamie")
        _, link = await invite_and_read_link(api, mailbox, primary.token, room_id, partner.email)
        await api.ok(ACCEPT, {"input": {"token": link}}, token=partner.token)
    token = primary.token if role == "primary" else partner.token

    code, output = await _fuzz(server.url, token, tmp_path / "schemathesis.txt")

    assert code == 0, output[-4000:]
    assert "generated" in output and " passed" in output
