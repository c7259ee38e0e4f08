"""The real commands as separate processes: scripts/run, and the stand-alone outbox worker."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.db import Database
from tests.conftest import ServerFactory, client_for
from tests.support.invitations import invite
from tests.support.mailbox import Mailbox
from tests.support.people import couples_room, new_email
from tests.support.ports import free_port

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for process in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def _spawn(
    processes: list[subprocess.Popen[bytes]], args: list[str], env: dict[str, str], log: Path
) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        args,
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    processes.append(process)
    return process


async def test_scripts_run_serves_graphql_and_the_demo_primary_reads_their_room(
    tmp_path: Path, processes: list[subprocess.Popen[bytes]]
) -> None:
    port = free_port()
    log = tmp_path / "run.log"
    run = _spawn(
        processes,
        ["scripts/run"],
        {
            "PORT": str(port),
            "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'run.db'}",
            "DEV_MAILBOX_DIR": str(tmp_path / "mailbox"),
            "APP_ENV": "development",
            "SMTP_HOST": "",
        },
        log,
    )
    base = f"http://127.0.0.1:{port}"
    async with httpx.AsyncClient(base_url=base, timeout=10) as client:
        for _ in range(600):
            assert run.poll() is None, log.read_text()
            try:
                if (await client.get("/healthz")).status_code == 200:
                    break
            except httpx.TransportError:
                await asyncio.sleep(0.1)
        else:
            raise AssertionError(log.read_text())

        typename = await client.post("/graphql", json={"query": "{ __typename }"})
        signed_in = await client.post(
            "/graphql",
            json={
                "query": 'mutation { logIn(input: {email: "alex@example.com", '
                'password: "demo-primary-pass"}) { session { token } } }'
            },
        )
        token = signed_in.json()["data"]["logIn"]["session"]["token"]
        rooms = await client.post(
            "/graphql",
            json={"query": "{ viewer { rooms { kind viewerRole showAddPartnerBanner } } }"},
            headers={"Authorization": f"Bearer {token}"},
        )
        mailbox_page = await client.get("/dev/mailbox")

    assert typename.json() == {"data": {"__typename": "Query"}}
    assert rooms.json()["data"]["viewer"]["rooms"] == [
        {"kind": "COUPLES", "viewerRole": "PRIMARY", "showAddPartnerBanner": True}
    ]
    assert mailbox_page.status_code == 200
    printed = log.read_text()
    assert f"http://127.0.0.1:{port}/graphql" in printed and "alex@example.com" in printed


async def test_the_worker_command_sends_the_outbox_and_stops_on_sigterm(
    start_server: ServerFactory,
    tmp_path: Path,
    processes: list[subprocess.Popen[bytes]],
    mailbox: Mailbox,
) -> None:
    server = await start_server(send_outbox=False)
    database: Database = server.app.state.database
    partner = new_email("jamie")
    async with client_for(server) as api:
        primary, room_id = await couples_room(api)
        await invite(api, primary.token, room_id, partner)

    worker = _spawn(
        processes,
        [sys.executable, "-m", "app", "worker"],
        {
            "DATABASE_URL": database.url,
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(mailbox.port),
            "APP_ENV": "test",
        },
        tmp_path / "worker.log",
    )

    assert len(await mailbox.wait_for(partner, within=30)) == 1
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=20) == 0
