"""A throwaway PostgreSQL cluster: initdb in a temp dir, started on a free port."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.support.ports import free_port


def _bindir() -> Path:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for candidate in candidates:
        if (Path(candidate) / "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    raise RuntimeError(
        "PostgreSQL server binaries not found; scripts/test installs them "
        "(apt-get install -y postgresql) when run as root."
    )


def _as_postgres(args: list[str]) -> list[str]:
    if os.geteuid() == 0:  # initdb and postgres refuse to run as root
        return ["runuser", "-u", "postgres", "--", *args]
    return args


@dataclass
class PostgresCluster:
    directory: Path
    port: int
    bindir: Path

    @classmethod
    def start(cls) -> PostgresCluster:
        bindir = _bindir()
        directory = Path(tempfile.mkdtemp(prefix="tandem-pg-"))
        if os.geteuid() == 0:
            shutil.chown(directory, "postgres", "postgres")
        data = directory / "data"
        subprocess.run(
            _as_postgres(
                [
                    str(bindir / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--no-sync",
                ]
            ),
            check=True,
            capture_output=True,
        )
        cluster = cls(directory, free_port(), bindir)
        cluster._pg_ctl(
            "start",
            "-w",
            "-t",
            "60",
            "-l",
            str(directory / "server.log"),
            "-o",
            f"-p {cluster.port} -k {directory} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200",
        )
        return cluster

    def _pg_ctl(self, *args: str) -> None:
        subprocess.run(
            _as_postgres([str(self.bindir / "pg_ctl"), "-D", str(self.directory / "data"), *args]),
            check=True,
            capture_output=True,
        )

    def create_database(self, name: str) -> str:
        subprocess.run(
            _as_postgres(
                [
                    str(self.bindir / "createdb"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(self.port),
                    "-U",
                    "postgres",
                    name,
                ]
            ),
            check=True,
            capture_output=True,
        )
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/{name}"

    def restart(self) -> None:
        # -l as at start: otherwise the new server keeps our stdout pipe open forever.
        self._pg_ctl(
            "restart", "-w", "-t", "60", "-m", "fast", "-l", str(self.directory / "server.log")
        )

    def stop(self) -> None:
        try:
            self._pg_ctl("stop", "-m", "immediate", "-w", "-t", "30")
        finally:
            for _ in range(10):
                try:
                    shutil.rmtree(self.directory)
                    break
                except OSError:
                    time.sleep(0.2)
