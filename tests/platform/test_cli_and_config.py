"""The command line, run as a separate process against the test database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.db import Database
from tests.support.api import Api
from tests.support.people import log_in, new_email

ROOT = Path(__file__).resolve().parents[2]


def _app(
    *args: str, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
    )


def test_an_invalid_setting_fails_at_start_with_one_line_naming_it() -> None:
    result = _app("migrate", env={"APP_ENV": "staging"})

    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("configuration error: APP_ENV:"), result.stderr


def test_an_unknown_setting_in_dotenv_fails_at_start(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("INVITE_TTL_SECOND=60\n")

    result = _app("migrate", cwd=tmp_path)

    assert result.returncode == 2
    assert result.stderr.strip() == "configuration error: INVITE_TTL_SECOND: unknown setting"


def test_export_schema_prints_the_committed_sdl() -> None:
    result = _app("export-schema")
    assert result.returncode == 0
    assert result.stdout == (ROOT / "schema.graphql").read_text(encoding="utf-8")


async def test_create_provider_makes_an_account_that_sees_assigned_rooms(
    api: Api, database: Database
) -> None:
    email = new_email("dr")
    env = {"DATABASE_URL": database.url, "SMTP_HOST": "127.0.0.1"}

    created = _app(
        "create-provider",
        "--email",
        email,
        "--password",
        "therapist pass",
        "--name",
        "Dr. Ada Moss",
        env=env,
    )
    duplicate = _app(
        "create-provider",
        "--email",
        email.upper(),
        "--password",
        "therapist pass",
        "--name",
        "Dr. Ada Moss",
        env=env,
    )

    assert created.returncode == 0, created.stderr
    assert duplicate.returncode == 1 and "already" in duplicate.stderr
    token = await log_in(api, email, "therapist pass")
    everyone = await api.ok(
        "{ providers(acceptsCouples: false) { displayName acceptsCouples } }", token=token
    )
    couples = await api.ok("{ providers { displayName } }", token=token)
    assert {"displayName": "Dr. Ada Moss", "acceptsCouples": False} in everyone["providers"]
    assert {"displayName": "Dr. Ada Moss"} not in couples["providers"]
    assert (await api.ok("{ viewer { rooms { id } } }", token=token))["viewer"]["rooms"] == []
