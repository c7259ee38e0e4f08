# ruff: noqa: S603 - a benchmark driver runs its own fixed commands
"""`scripts/bench --profile`: where one request's CPU time goes, GraphQL beside hand-written.

py-spy samples a server's threads while wrk drives it with one connection; each sample is
charged to the layer of the frame it was taken in (its innermost Python frame), and the
layers are reported in milliseconds of CPU per request, so the GraphQL layer's own cost
reads as the difference between the two columns.
"""

from __future__ import annotations

import collections
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

RATE = 200  # samples per second

# First match wins; a frame's file path is tested against each pattern in turn.
LAYERS: list[tuple[str, str]] = [
    ("SQLite itself (sqlite3, via app/sqlite_driver.py)", r"app/sqlite_driver\.py"),
    ("SQLAlchemy: build, compile, execute, ORM rows", r"sqlalchemy/|sqlmodel/|pydantic"),
    ("graphql-core: execution", r"graphql/"),
    ("Strawberry: resolver wrappers, DataLoader", r"strawberry/"),
    ("asyncio and the event loop", r"asyncio/|uvloop"),
    ("HTTP: uvicorn, Starlette, httptools", r"uvicorn/|starlette/|httptools"),
    ("Tandem's own code (app/)", r"(^|/)app/"),
    ("hand-written routes (bench/handwritten.py)", r"(^|/)bench/"),
]
OTHER = "other (stdlib: uuid, base64, json, ...)"
_FRAME = re.compile(r"\((?P<path>[^()]*):\d+\)$")


@dataclass
class Profile:
    requests: int
    samples: int
    by_layer: dict[str, int]
    top_frames: list[tuple[str, int]]

    def ms_per_request(self, layer: str) -> float:
        return self.by_layer.get(layer, 0) * 1000 / RATE / max(self.requests, 1)

    @property
    def total_ms_per_request(self) -> float:
        return self.samples * 1000 / RATE / max(self.requests, 1)


def layer_of(frame: str) -> str:
    match = _FRAME.search(frame)
    path = match.group("path") if match else frame
    for name, pattern in LAYERS:
        if re.search(pattern, path):
            return name
    return OTHER


def _short(frame: str) -> str:
    return re.sub(r"\(/[^()]*?(site-packages|python3\.\d+|/work/[^/]+)/", "(", frame)[:120]


def parse(raw: Path, requests: int) -> Profile:
    """py-spy's raw format: one `frame;frame;...;frame count` line per distinct stack."""
    by_layer: collections.Counter[str] = collections.Counter()
    frames: collections.Counter[str] = collections.Counter()
    samples = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        leaf = stack.split(";")[-1]
        samples += int(count)
        by_layer[layer_of(leaf)] += int(count)
        frames[_short(leaf)] += int(count)
    return Profile(requests, samples, dict(by_layer), frames.most_common(15))


def py_spy() -> str | None:
    beside = Path(sys.executable).parent / "py-spy"
    return str(beside) if beside.exists() else shutil.which("py-spy")


def record(pid: int, seconds: int, raw: Path, drive: Callable[[], int]) -> Profile:
    """Sample `pid` for `seconds` while `drive` runs (returning how many requests it made)."""
    spy = py_spy()
    if spy is None:
        raise RuntimeError("py-spy is missing: scripts/bench installs it with the dev extras")
    argv = [spy, "record", "-p", str(pid), "-d", str(seconds), "-r", str(RATE), "-f", "raw"]
    sampler = subprocess.Popen(
        [*argv, "-o", str(raw), "--nonblocking"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    requests = drive()
    sampler.wait(seconds + 30)
    return parse(raw, requests)


def table(graphql: Profile, hand: Profile) -> list[str]:
    names = [name for name, _ in LAYERS] + [OTHER]
    lines = [
        "| layer | GraphQL ms/request | hand-written ms/request | difference |",
        "|---|---|---|---|",
    ]
    for name in names:
        g, h = graphql.ms_per_request(name), hand.ms_per_request(name)
        if g or h:
            lines.append(f"| {name} | {g:.2f} | {h:.2f} | {g - h:+.2f} |")
    g, h = graphql.total_ms_per_request, hand.total_ms_per_request
    lines.append(f"| **all sampled CPU** | **{g:.2f}** | **{h:.2f}** | **{g - h:+.2f}** |")
    lines.append("")
    lines.append(
        f"({graphql.requests} GraphQL and {hand.requests} hand-written requests; "
        f"{graphql.samples} and {hand.samples} samples at {RATE} Hz.)"
    )
    lines.append("")
    lines.append("Innermost frames of the GraphQL server, by samples:")
    lines.append("")
    total = max(graphql.samples, 1)
    lines.extend(f"- {n * 100 / total:4.1f}% `{frame}`" for frame, n in graphql.top_frames)
    return lines
